"""Figure builders, built from tiny inputs."""

import numpy as np
import plotly.graph_objects as go
import pytest

from figures import common, distributions, nade


def test_tile_lays_images_out_with_gaps():
    out = common.tile(np.ones((3, 2, 2)), cols=2, gap=1)
    assert out.shape == (5, 5)
    assert np.isnan(out[2]).all() and np.isnan(out[:, 2]).all()
    assert np.nansum(out) == 12


def test_image_grid_is_one_heatmap():
    fig = common.image_grid(np.zeros((5, 28, 28)), cols=5, title="t")
    assert len(fig.data) == 1 and fig.data[0].type == "heatmap"
    assert tuple(fig.layout.yaxis.range) == (27.5, -0.5)  # row 0 at the top


def test_outcome_bars_carry_probabilities_and_frequencies():
    fig = distributions.outcome_bars(["0", "1"], np.array([0.7, 0.3]), np.array([0.6, 0.4]), ("p", "f"), ("o", "s"))
    assert [tr.name for tr in fig.data] == ["p", "f"]
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("o", "s")
    assert fig.layout.xaxis.tickfont.size >= 14 and fig.layout.yaxis.tickfont.size >= 14
    assert list(fig.data[1].y) == [0.6, 0.4]


def test_param_growth_has_a_line_per_model():
    n = np.arange(1, 5)
    fig = distributions.param_growth(n, {"a": n * 1.0, "b": n * 2.0}, "x", "y", marker=3)
    assert [tr.name for tr in fig.data] == ["a", "b"]


def test_joint_table_shows_values():
    fig = distributions.joint_table(np.array([[0.1, 0.2], [0.3, 0.4]]), ["x0", "x1"], ["y0", "y1"], "t", "Y", "X", "p")
    assert fig.data[0].z.shape == (2, 2) and list(fig.data[0].y) == ["x0", "x1"]
    assert fig.data[0].showscale is not False and fig.data[0].colorbar.title.text == "p"  # colour carries p
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Y", "X")


def test_generation_masks_what_is_not_drawn_yet():
    x, p, future = np.ones(784), np.full(784, 0.5), np.full(784, 0.2)
    fig = nade.generation(x, p, future, step=100, titles=("a", "b", "c"))
    drawn, probs, rest = (np.asarray(tr.z).reshape(-1) for tr in fig.data)
    assert np.isfinite(drawn[:100]).all() and np.isnan(drawn[100:]).all()
    assert np.isnan(rest[:100]).all() and np.allclose(rest[100:], 0.2)
    assert len(fig.layout.shapes) == 3  # the current pixel, marked on each map


def test_completions_and_histogram():
    fig = nade.completions(np.zeros(784), np.ones((6, 784)), rows=14)
    assert np.asarray(fig.data[0].z).shape[1] == 7 * 28 + 6 * 2
    hist = nade.nll_histogram(np.arange(10.0), {"this": 3.0, "other": 5.0}, "x", "y")
    assert len(hist.layout.shapes) == 2


def test_mle_figures():
    from figures import mle as fig

    values = np.arange(4)
    dist = fig.distributions(values, np.full(4, 0.25), np.array([0.5, 0, 0.5, 0]), np.full(4, 0.25), ("a", "b", "c"))
    assert [tr.type for tr in dist.data] == ["bar", "bar", "scatter"]
    curves = fig.curves(values, {"train": values * 1.0, "test": values * 2.0}, ("H", 1.5), "x", "y", marker=2)
    assert len(curves.data) == 2 and len(curves.layout.shapes) == 2  # entropy floor and marker
    assert curves.layout.xaxis.title.text == "x" and curves.layout.yaxis.tickfont.size >= 14
    three = {"nll": values * 1.0, "ce": values * 2.0, "kl": values * 0.1}
    live = fig.curves(values, three, ("H", 1.5), "x", "y", marker=2, right_title="KL")
    assert [tr.yaxis for tr in live.data] == ["y", "y", "y2"] and live.layout.yaxis2.title.text == "KL"
    kl = fig.kl_fits(np.arange(3.0), np.ones(3), {"f": np.ones(3), "r": np.zeros(3)}, "p", ("x", "density"))
    assert [tr.name for tr in kl.data] == ["p", "f", "r"] and kl.layout.yaxis.title.text == "density"
    assert dist.layout.xaxis.title.text and dist.layout.yaxis.title.text


def test_latent_map_has_a_trace_per_digit_with_indices():
    from figures import vae as fig

    codes = np.random.default_rng(0).normal(size=(30, 2))
    labels = np.arange(30) % 10
    names = [f"d{d}" for d in range(10)]
    out = fig.latent_map(codes, labels, names, "label", marker=(0.5, 0.5), ellipse=(np.zeros(2), np.ones(2)))
    assert len(out.data) == 10  # ten digits; the marker is a cross of two shapes at its code
    assert [(sh.xanchor, sh.yanchor, sh.xsizemode) for sh in out.layout.shapes[1:]] == [(0.5, 0.5, "pixel")] * 2
    assert out.data[3].hovertemplate.startswith("d3 ·") and out.layout.legend.title.text == "label"
    assert out.layout.xaxis.title.text and out.layout.xaxis.tickfont.size >= 14
    assert sorted(np.concatenate([tr.customdata for tr in out.data[:10]]).tolist()) == list(range(30))
    assert out.layout.shapes[0].x1 == 2.0  # the ellipse reaches two standard deviations


def test_vit_figures():
    from figures import vit as fig

    img = np.zeros((28, 28))
    grid = fig.patch_grid(img, 4)
    lines, numbers = grid.data[1], grid.data[2]
    assert sum(v is None for v in lines.x) == 2 * 6  # six inner edges each way
    assert list(numbers.text[:2]) == ["1", "2"] and len(numbers.text) == 49
    assert np.asarray(fig.token_strip(np.ones((49, 4, 4))).data[0].z).shape == (2 * 5 - 1, 25 * 5 - 1)
    bars = fig.class_probs(np.eye(10)[3], "d", "p")
    assert bars.data[0].marker.color[3] != bars.data[0].marker.color[0]  # the predicted class stands out
    over = fig.overlay(img, np.arange(49.0).reshape(7, 7), "t", "weight", "w %{z}")
    assert np.asarray(over.data[1].z).shape == (28, 28) and over.data[1].z[27][27] == 48
    assert over.data[1].showscale is not False and over.data[1].colorbar.title.text == "weight"  # a colour bar
    assert over.data[1].hovertemplate.startswith("w ")
    similar = fig.overlay(img, np.zeros((7, 7)), diverging=True).data[1]
    assert (similar.zmin, similar.zmax) == (-1, 1) and "103,0,31" in similar.colorscale[-1][1].replace(" ", "")
    heads = fig.head_grid(np.ones((2, 3, 7, 7)), ["a", "b"], ["x", "y", "z"])
    assert len(heads.data) == 1 and np.asarray(heads.data[0].z).shape == (2 * 8 - 1, 3 * 8 - 1)
    assert len(heads.layout.annotations) == 2 + 3
    sim = fig.similarity(np.eye(49), "t", "p", "cos")
    assert np.asarray(sim.data[0].z).shape == (49, 49) and sim.data[0].colorbar.title.text == "cos"
    top, bottom = sim.data[0].colorscale[-1][1], sim.data[0].colorscale[0][1]  # +1 red, −1 blue
    assert top.startswith("rgb(103,0,31)") or "103" in top, top
    assert "5,48,97" in bottom.replace(" ", ""), bottom
    assert np.asarray(fig.confusion(np.eye(10, dtype=int) * 100, "p", "t").data[0].z).trace() == 1000


def test_painted_text_escapes_html_and_colours_each_character():
    from figures.sequence import painted

    html = painted("<b>\n", np.array([1.0, -1.0, 0.0, 0.5]), -1.0, 1.0)
    assert "<b>" not in html.replace("<br>", "") and "&lt;" in html and "&gt;" in html
    assert html.count("<span") == 4
    assert "rgba(228,87,86,1.00)" in html and "rgba(76,120,168,1.00)" in html
    legend = painted("ab", np.array([0.2, 0.9]), 0.0, 1.0, legend="forget <gate>")
    assert "forget &lt;gate&gt;" in legend and "linear-gradient" in legend and legend.count("<span") == 2


def test_sequence_labels_make_invisible_characters_visible():
    from figures.sequence import label

    assert [label(c) for c in " \n\t\x07a"] == ["␣", "↵", "⇥", "U+0007", "a"]


def test_a_character_axis_shows_plain_characters_thinned_never_hidden():
    from figures.sequence import MAX_LABELS, char_axis

    short = char_axis("ab a", "title")
    assert short["ticktext"] == ["a", "b", "␣", "a"] and short["tickvals"] == [1, 2, 3, 4]
    assert short["title"] == "title" and short["range"] == [0.5, 4.5]
    long = char_axis("xy" * 250, "title", first=2)
    assert 0 < len(long["ticktext"]) <= MAX_LABELS and long["tickvals"][0] == 2
    assert all(len(t) == 1 for t in long["ticktext"])  # characters, no 'index·char'
    assert long["tickvals"][-1] > 2 + 500 - 10  # labels reach the end of the text


def sequence_figures():
    from figures import sequence as fig

    s = "ab c\n" * 30
    values = np.random.default_rng(0).normal(size=(len(s), 4))
    probs = {"bigram": np.full(len(s) - 1, 0.5), "lstm": np.full(len(s) - 1, 0.25)}
    return {
        "next_char": fig.next_char(s, probs, {"bigram": "b", "lstm": "l"}, "p", "bits", "saved", "ch", "pos %{x}"),
        "top": fig.top_predictions([(["a", " "], np.array([0.6, 0.4]), "t", "#000")] * 2, "p", "next"),
        "heatmap": fig.state_heatmap(values, s, "t", "unit", -1.0, 1.0, "ch", "pos %{x}", "value"),
        "gate": fig.state_heatmap(values, s, "t", "unit", 0.0, 1.0, "ch", "pos %{x}", "value"),
        "trace": fig.unit_trace(values[:, 0], s, "v", np.ones(len(s)), "f", "ch", "pos %{x}"),
        "norms": fig.gradient_norms({"rnn": np.array([1e-3, 1e-1, 1.0])}, {"rnn": "RNN"}, "d", "g"),
        "memory": fig.memory_accuracy([5, 10], {"rnn": [0.1, 0.1]}, {"rnn": "RNN"}, 0.125, "T", "acc", "chance", 5),
    }


@pytest.mark.parametrize("name", list(sequence_figures()))
def test_sequence_figures_title_every_axis_with_ticks_and_tick_labels_are_readable(name):
    fig = sequence_figures()[name]
    layout = fig.to_plotly_json()["layout"]
    for key, axis in layout.items():
        if not (key.startswith("xaxis") or key.startswith("yaxis")) or axis.get("showticklabels") is False:
            continue
        if not any(tr.xaxis == key.replace("axis", "") or tr.yaxis == key.replace("axis", "") for tr in fig.data):
            continue  # an axis no trace draws on (a shared x axis shows its labels on the lower plot)
        if key.startswith("xaxis") and axis.get("matches") and not axis.get("tickvals"):
            continue
        assert axis.get("title", {}).get("text"), (name, key)
        assert axis.get("tickfont", {}).get("size", 0) >= 14, (name, key)


def test_sequence_heatmaps_have_a_titled_colour_bar_red_for_positive():
    figs = sequence_figures()
    bar = figs["heatmap"].data[0].colorbar
    assert bar.title.text == "value"
    assert figs["heatmap"].data[0].colorscale[-1][1].startswith("rgb(103,0,31)")  # RdBu_r: dark red on top
    assert "pos %{x}" in figs["heatmap"].data[0].hovertemplate  # the position in the hover


def test_next_char_figure_shows_bits_saved_with_the_position_in_the_hover():
    from figures.sequence import next_char

    probs = {"bigram": np.array([0.5, 0.25]), "lstm": np.array([0.5, 1.0])}
    fig = next_char("abc", probs, {"bigram": "b", "lstm": "l"}, "p", "bits", "saved", "character", "char %{x}")
    saved = fig.data[-1].y
    assert list(saved) == pytest.approx([0.0, 2.0])
    assert list(fig.data[-1].x) == [2, 3] and list(fig.data[-1].customdata) == ["b", "c"]
    assert fig.layout.xaxis2.ticktext == ("b", "c") and fig.layout.xaxis2.title.text == "character"
    assert fig.layout.xaxis.unifiedhovertitle.text == "char %{x}"


def test_attention_map_leaves_masked_cells_empty():
    from figures.attention import attention_map

    w = np.full((3, 3), 1 / 3)
    fig = attention_map(w, ["a", "b", "c"], ["a", "b", "c"], "t", "x", "y", "w", allowed=np.tri(3, dtype=bool))
    z = np.array(fig.data[0].z, dtype=float)
    assert np.isnan(z[0, 1]) and np.isnan(z[1, 2]) and z[2, 0] == pytest.approx(1 / 3)


def test_attention_figures_label_every_sequence_axis_with_its_characters_and_titles():
    from figures import attention as fig

    labels = fig.tokens("24 Nov")
    assert labels == ["2", "4", "␣", "N", "o", "v"]  # plain characters, spaces made visible
    w = np.full((2, 6), 1 / 6)
    words = dict(query="Q", key="K", weight="W")
    one = fig.attention_map(w, ["a", "b"], labels, "t", "K", "Q", "W")
    assert list(one.layout.xaxis.ticktext) == labels and one.layout.xaxis.title.text == "K"
    assert one.layout.yaxis.title.text == "Q" and one.data[0].colorbar.title.text == "W"
    assert "Q" in one.data[0].hovertemplate and one.data[0].customdata[1][3][1] == "4 ‘N’"  # index in the hover
    heads = fig.head_maps(np.full((4, 2, 6), 1 / 6), ["a", "b"], labels, ["h1", "h2", "h3", "h4"], words)
    xs = [a for a in heads.layout if a.startswith("xaxis")]
    assert len(heads.data) == 4 and all(list(heads.layout[a].ticktext) == labels for a in xs)
    assert all(heads.layout[a].title.text == "K" for a in xs) and heads.layout.coloraxis.colorbar.title.text == "W"
    long = fig.sequence_axis([str(i % 10) for i in range(80)], "K")
    assert 20 <= len(long["ticktext"]) <= fig.MAX_TICKS  # thinned, never hidden
    bars = fig.score_steps(
        labels,
        [(np.arange(6.0), "s", "q·k"), (np.ones(6) / 6, "w", "weight")],
        3,
        words | {"own": "own", "other": "other"},
    )
    reds = [t for t in bars.data if t.marker.color == fig.RED]
    assert all(list(t.x) == [3] for t in reds) and {t.name for t in bars.data if t.showlegend} == {"own", "other"}
    assert bars.layout.yaxis.title.text == "q·k" and bars.layout.xaxis2.title.text == "K"
    pe = fig.encoding_and_similarity(np.zeros((4, 8)), np.eye(4), ["pe", "sim"], "pos", "v")
    assert pe.data[0].colorscale[-1][1].lower() != pe.data[0].colorscale[0][1].lower()
    assert pe.data[0].zmin == -1 and pe.data[0].colorbar.title.text == "v"
    for f in (one, heads, bars, pe):
        assert f.layout.font.size >= 14


def test_gradient_norms_plot_distance_backwards():
    from figures.sequence import gradient_norms

    fig = gradient_norms({"rnn": np.array([1e-3, 1e-1, 1.0])}, {"rnn": "RNN"}, "d", "g")
    assert list(fig.data[0].x) == [2, 1, 0]
    assert fig.layout.yaxis.type == "log"


def test_conveyor_stacks_kept_and_written_under_the_state_with_rows_on_one_character_axis():
    from figures import sequence

    rows = [(np.array([0.9, 0.1, 0.5]), "forget", "f", (0, 1)), (np.array([0.2, 0.8, 0.4]), "input", "i", (0, 1))]
    kept, written = np.array([0.0, 0.1, -0.2]), np.array([0.3, -0.5, 0.4])
    fig = sequence.conveyor(
        "ab\n",
        rows,
        (kept + written, "c"),
        (kept, "kept"),
        (written, "written"),
        "title",
        after=[(rows[0][0], "h", "h", None)],
    )
    names = [t.name for t in fig.data]
    assert names == ["forget", "input", "h", "kept", "written", "c"]
    assert [t.type for t in fig.data[3:5]] == ["bar", "bar"] and fig.layout.barmode == "relative"
    assert np.allclose(fig.data[5].y, kept + written)
    # the state sits between the rows it is computed from and the rows computed from it, all on one x axis
    assert fig.data[5].yaxis == "y3" and fig.data[2].yaxis == "y4"
    assert list(fig.layout.xaxis4.ticktext) == ["a", "b", "↵"]
    assert fig.layout.title.text == "title"


@pytest.mark.parametrize("feature", [None, np.arange(150) % 3])
def test_retrace_makes_a_unit_trace_exactly_as_building_it_for_the_other_values_would(feature):
    from figures import sequence as fig

    s = "ab c\n" * 30
    values = np.random.default_rng(1).normal(size=(len(s), 2))
    built = fig.unit_trace(values[:, 1], s, "unit 3: h", feature, "depth", "ch", "pos %{x}")
    reused = fig.retrace(
        fig.unit_trace(values[:, 0], s, "unit 3: c", feature, "depth", "ch", "pos %{x}"), values[:, 1], "unit 3: h"
    )
    assert reused.to_json() == built.to_json()


def test_every_figure_lets_its_tick_labels_run_past_the_box_so_plotly_does_not_measure_each():
    import plotly.graph_objects as go
    import plotly.io as pio

    import ui.shell  # noqa: F401  (as a page starts: Streamlit's template, then the figures' on top)

    # Streamlit's template, with the figures' on top, merged once (not "a+b", merged for every figure)
    assert pio.templates.default == "seqgen"
    assert pio.templates["seqgen"].layout.colorway == pio.templates["streamlit"].layout.colorway
    for name, figure in sequence_figures().items():
        template = figure.layout.template.layout
        assert template.xaxis.ticklabeloverflow == template.yaxis.ticklabeloverflow == "allow", name
    assert go.Figure().layout.template.layout.yaxis.ticklabeloverflow == "allow"  # any figure, after the import


@pytest.mark.parametrize("after", [False, True])
def test_refill_makes_a_conveyor_exactly_as_building_it_for_another_unit_would(after):
    from figures import sequence

    values = np.random.default_rng(2).normal(size=(3, 2, 6))  # unit, series, step

    def args(u):
        rows = [(values[u, 0, :3], "forget", "f", (0, 1))]
        tail = [(values[u, 1, :3], "h", "h", None)] if after else []
        return rows, (values[u, 0, 3:] + 1, "c"), (values[u, 1, 3:], "kept"), (values[u, 0, 3:], "written"), tail

    def build(u):
        rows, state, kept, written, tail = args(u)
        return sequence.conveyor("ab\n", rows, state, kept, written, f"unit {u}", tail, "ch")

    from tests.apptest import numbers
    from ui import views

    refilled = views.refill(views.figure(build(0)), sequence.conveyor_series(*args(1)), "unit 1")
    built = views.figure(build(1))
    assert refilled["layout"] == built["layout"]
    for ours, theirs in zip(refilled["data"], built["data"], strict=True):
        assert np.array_equal(numbers(ours.pop("y")), numbers(theirs.pop("y")))
        assert ours == theirs
    with pytest.raises(ValueError):  # another figure's number of series
        views.refill(views.figure(build(0)), sequence.conveyor_series(*args(1))[:-1], "unit 1")


@pytest.mark.parametrize("feature", [False, True])
def test_retrace_part_makes_a_unit_trace_exactly_as_building_it_for_another_unit_would(feature):
    from figures import sequence
    from tests.apptest import numbers
    from ui import views

    values = np.random.default_rng(3).normal(size=(2, 5))
    overlay = np.arange(5.0) if feature else None

    def build(u):
        return views.figure(sequence.unit_trace(values[u], "ab c\n", f"unit {u}", overlay, "feature", "chars"))

    retraced, built = sequence.retrace_part(build(0), values[1], "unit 1"), build(1)
    assert retraced["layout"] == built["layout"]
    for ours, theirs in zip(retraced["data"], built["data"], strict=True):
        assert np.array_equal(numbers(ours.pop("y")), numbers(theirs.pop("y")))
        assert ours == theirs


def test_a_rule_draws_what_plotlys_add_hline_and_add_vline_draw():
    plotly_way, ours = (go.Figure(go.Scatter(x=[0, 1], y=[0, 1])) for _ in range(2))
    plotly_way.add_hline(y=0.5, line_dash="dash", line_color="red", annotation_text="E")
    plotly_way.add_vline(x=0.3, line_color="blue", line_width=3, annotation_text="V", annotation_position="top")
    plotly_way.add_vline(x=0.7, line_dash="dot", line_color="grey")
    common.rule(ours, y=0.5, label="E", dash="dash", color="red")
    common.rule(ours, x=0.3, label="V", color="blue", width=3)
    common.rule(ours, x=0.7, dash="dot", color="grey")
    for part in ("shapes", "annotations"):
        assert [s.to_plotly_json() for s in ours.layout[part]] == [s.to_plotly_json() for s in plotly_way.layout[part]]
