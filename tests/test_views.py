"""Views the browser switches by itself (ui/views.py): what the pages hand the browser is every view, each the
model's own at that choice, and the sentences that go with them are the facts at that choice."""

import base64
import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from figures import diagrams
from models import charlm
from tests.apptest import fitted, numbers, run_page, views, views_element
from ui import datemodel, i18n, pixelmodels, seqmodels
from ui import views as ui_views
from ui.computed import blanks
from ui.i18n import catalog
from ui.lessons import gates as gates_lesson
from ui.lessons import multi_head as mh_lesson

EN, KO = catalog("en"), catalog("ko")


def svg_of(part: dict) -> str:
    assert part["kind"] == "image" and part["src"].startswith("data:image/svg+xml;base64,")
    return base64.b64decode(part["src"].split(",", 1)[1]).decode()


def test_a_figure_part_leaves_the_template_out_and_keeps_the_data():
    fig = go.Figure(go.Heatmap(z=np.eye(3)), layout=dict(title="t"))
    part = ui_views.figure(fig)
    assert part["kind"] == "plotly" and "template" not in part["layout"]
    assert part["layout"]["title"]["text"] == "t"
    np.testing.assert_array_equal(numbers(part["data"][0]["z"]), np.eye(3))


def test_a_text_part_is_text_and_an_svg_part_is_the_drawing():
    # drawn with textContent, never HTML
    assert ui_views.text("<b>x</b>") == {"kind": "text", "text": "<b>x</b>", "role": "sentence"}
    drawing = '<svg xmlns="http://www.w3.org/2000/svg"><text>가</text></svg>'
    assert svg_of(ui_views.svg(drawing)) == drawing


def test_translator_hands_the_browser_every_layer_and_head_each_the_models_own():
    at = run_page("pages/21_translator.py")
    assert not at.exception
    res = datemodel.run(at.session_state["text"])
    heads = ("mean", "1", "2", "3", "4")
    cross = views(at, "cross")
    assert [c["key"] for c in cross["controls"]] == ["layer", "head"]
    assert cross["controls"][1]["options"] == list(heads)
    # the page opens on the last layer, heads averaged: what the browser shows with no other value in the address
    assert [c["default"] for c in cross["controls"]] == ["2", "mean"] and cross["current"] == [None, None]
    names = {f"{layer}|{head}" for layer in (1, 2) for head in heads}
    for slot in ("cross", "where", "self_maps"):
        assert set(views(at, slot)["views"]) == names
    n_out = len(res["answer"])
    for name in names:
        layer, head = name.split("|")
        w = res["cross"][int(layer) - 1]["weights"]
        want = w.mean(0) if head == "mean" else w[int(head) - 1]
        got = numbers(cross["views"][name]["data"][0]["z"])
        np.testing.assert_allclose(got, want[:n_out, : got.shape[1]], atol=1e-6)
        lit = set(re.findall(r'data-part="([^"]+)" data-lit="true"', svg_of(views(at, "where")["views"][name])))
        blocks = {f"cross{layer}", f"decoder{layer}", f"encoder{min(int(layer), 2)}"}
        assert blocks <= lit
        assert (f"head{head}" in lit) if head != "mean" else {f"head{h}" for h in range(1, 5)} <= lit


def test_translator_opens_on_the_view_the_address_names():
    at = run_page("pages/21_translator.py", layer="1", head="3")
    # the widgets the views follow, and the address the browser reads before they are drawn (views.fallback)
    assert at.session_state["layer"] == 1 and at.session_state["head"] == "3"
    assert at.query_params["layer"] == "1" and at.query_params["head"] == "3"
    assert views(at, "cross")["current"] == views(at, "self_maps")["current"] == [None, None]


@pytest.mark.parametrize("query", [{"layer": "7"}, {"head": "banana"}])
def test_translator_odd_view_in_the_address_falls_back_with_a_notice(query):
    at = run_page("pages/21_translator.py", **query)
    assert at.session_state["layer"] == 2 and at.session_state["head"] == "mean"
    assert not set(query) & set(at.query_params)  # the address no longer holds it: the browser reads the default
    assert any(EN["url.bad"].split("{")[0] in w.value for w in at.warning)


def test_multi_head_notice_follows_every_block_and_layer_with_its_own_facts():
    at = run_page("pages/23_multi_head.py", lang="ko")
    notices = views(at, "mix_notice")
    assert set(notices["views"]) == {f"{b}|{n}" for b in ("encoder", "decoder", "cross") for n in (1, 2)}
    d_k = 16
    for name, part in notices["views"].items():
        block, layer = name.split("|")
        want = "→ " + KO["multi_head.mix.notice"].format(d_k=d_k, **mh_lesson.mix_facts(block, int(layer)))
        assert part == {"kind": "text", "text": want, "role": "sentence"}
    # and the facts differ between views, so a stale sentence would show
    assert len({p["text"] for p in notices["views"].values()}) > 1


def test_multi_head_heads_view_is_each_blocks_attention():
    at = run_page("pages/23_multi_head.py")
    res = datemodel.run(at.session_state["text"])
    heads = views(at, "heads")
    for name, part in heads["views"].items():
        block, layer = name.split("|")
        w = res[block][int(layer) - 1]["weights"]  # (heads, T_q, T_k)
        assert len(part["data"]) == w.shape[0]  # one map per head
        first = numbers(part["data"][0]["z"])
        np.testing.assert_allclose(
            np.nan_to_num(first), np.nan_to_num(w[0][: first.shape[0], : first.shape[1]]), atol=1e-6
        )


def test_views_words_exist_in_both_languages():
    for lang in ("en", "ko"):
        assert i18n.catalog(lang)["views.loading"] and i18n.catalog(lang)["views.missing"]


def test_every_part_is_json_for_the_browser():
    at = run_page("pages/21_translator.py", lang="ko")
    for slot in ("cross", "where", "self_maps"):
        json.dumps(views(at, slot))  # no numpy left


LSTM, GRU = ("f", "i", "o", "g", "c", "h"), ("r", "z", "n", "h")


PREFIX = {"lstm": "", "gru": "gru_"}  # the GRU section's settings and places have its name before them


@pytest.mark.parametrize("kind,internals", [("lstm", LSTM), ("gru", GRU)])
def test_gates_hands_the_browser_every_internal_of_each_models_section(kind, internals):
    """One run draws both models' sections (the browser shows the chosen one): each holds every internal of its
    model, and its unit's views for each."""
    unit = gates_lesson.QUOTE_UNIT[kind]
    other = {"lstm": "gru", "gru": "lstm"}[kind]
    own = PREFIX[kind]
    at = run_page("pages/12_gates.py", **{f"{own}unit": str(unit), f"{own}feature": "inside_quotes", "lang": "ko"})
    assert not at.exception
    out = seqmodels.analyse(kind, gates_lesson.DEFAULT)["internals"]
    heatmap = views(at, f"{own}heatmap")
    assert [c["key"] for c in heatmap["controls"]] == [f"{own}internal"]
    assert heatmap["controls"][0]["options"] == list(internals)  # the buttons this model's section shows, in order
    assert heatmap["current"] == [None]  # the internal: the browser's (views.fallback)
    current = "c" if kind == "lstm" else "h"
    for slot in ("heatmap", "caption", "where"):
        assert set(views(at, f"{own}{slot}")["views"]) == set(internals)
    theirs = seqmodels.analyse(other, gates_lesson.DEFAULT)["internals"]["h"]  # the other section's, drawn too
    np.testing.assert_allclose(numbers(views(at, f"{PREFIX[other]}heatmap")["views"]["h"]["data"][0]["z"]), theirs.T)
    # a unit's views for every internal, and the units either side of it's (a step of the slider shows them at once)
    near = range(max(0, unit - 1), min(charlm.HIDDEN[kind] - 1, unit + 1) + 1)
    for slot in ("unit_title", "painted", "unit_trace"):
        held = views(at, f"{own}{slot}")
        assert [c["key"] for c in held["controls"]] == [f"{own}internal", f"{own}unit"]
        assert held["current"] == [None, str(unit)]
        # every internal of this unit; the internal shown of the units beside it
        assert set(held["views"]) == {f"{i}|{u}" for u in near for i in (internals if u == unit else [current])}
    for internal in internals:
        values = out[internal]
        z = numbers(heatmap["views"][internal]["data"][0]["z"])
        np.testing.assert_allclose(z, values.T, atol=1e-6)  # every unit (down) at every character (across)
        assert views(at, f"{own}caption")["views"][internal]["text"] == KO[f"gates.caption_{internal}"]
        assert internal in diagrams.lit_parts(svg_of(views(at, f"{own}where")["views"][internal]))
        name = KO[f"gates.internal_{internal}"]
        for u in (u for u in near if u == unit or internal == current):
            title = views(at, f"{own}unit_title")["views"][f"{internal}|{u}"]["text"]
            assert title == KO["gates.unit_title"].format(unit=u, internal=name)
            painted = views(at, f"{own}painted")["views"][f"{internal}|{u}"]
            assert painted["kind"] == "html"
            shown = [float(v) for v in re.findall(r'title="([+-][0-9.]+)"', painted["html"])]
            np.testing.assert_allclose(shown, values[:, u], atol=5e-4)  # each character's value, to 3 places
            trace = views(at, f"{own}unit_trace")["views"][f"{internal}|{u}"]["data"]
            np.testing.assert_allclose(numbers(trace[0]["y"]), values[:, u], atol=1e-6)
            assert len(trace) == 2  # with the feature beside it


@pytest.mark.parametrize("kind,unit", [("lstm", 0), ("lstm", 255), ("gru", 295)])
def test_gates_at_either_end_of_the_slider_holds_the_one_unit_beside_it(kind, unit):
    own = PREFIX[kind]
    at = run_page("pages/12_gates.py", **{f"{own}unit": str(unit)})
    assert not at.exception
    near = (unit, unit + 1) if unit == 0 else (unit - 1, unit)
    assert {name.split("|")[1] for name in views(at, f"{own}painted")["views"]} == {str(u) for u in near}
    belts = views(at, f"{own}conveyor")
    assert [c["key"] for c in belts["controls"]] == [f"{own}unit"] and belts["current"] == [str(unit)]
    assert set(belts["views"]) == {str(u) for u in near}
    for u in near:
        belt = seqmodels.belt(kind, gates_lesson.DEFAULT, u)
        drawn = belts["views"][str(u)]
        np.testing.assert_allclose(numbers(drawn["data"][-1]["y"]), belt["c" if kind == "lstm" else "h"], atol=1e-6)
        assert drawn["layout"]["title"]["text"] == EN[f"gates.belt_title_{kind}"].format(unit=u)


def test_gates_a_gate_is_painted_on_its_fixed_scale_and_a_state_on_the_units_own():
    at = run_page("pages/12_gates.py")
    painted = {name.split("|")[0]: part for name, part in views(at, "painted")["views"].items() if name.endswith("|0")}
    assert "<strong>+0.00</strong>" in painted["f"]["html"] and "<strong>+1.00</strong>" in painted["f"]["html"]
    c = seqmodels.analyse("lstm", gates_lesson.DEFAULT)["internals"]["c"][:, 0]
    own = float(np.abs(c).max())
    assert (
        f"<strong>{-own:+.2f}</strong>" in painted["c"]["html"]
        and f"<strong>{own:+.2f}</strong>" in painted["c"]["html"]
    )


def test_a_chart_the_page_redraws_in_place_is_the_models_own_at_every_step():
    # ui.views.chart hands the browser one view, the figure's data: the MLE page's KL fits, 7 apart then 2
    from ui.lessons import mle as mle_lesson

    at = run_page("pages/33_mle.py")
    assert not at.exception
    for sep in (7.0, 2.0):
        if sep != 7.0:
            at.slider(key="sep").set_value(sep).run()
        kl = views(at, "kl_fits")
        assert kl["controls"] == [] and set(kl["views"]) == {""} and not kl["clickable"]
        p, forward, reverse = mle_lesson.kl_fits(sep, 0.6)
        target, *fits = (numbers(t["y"]) for t in kl["views"][""]["data"])
        np.testing.assert_allclose(target, p, rtol=1e-12)
        np.testing.assert_allclose(fits, [forward.density, reverse.density], rtol=1e-12)
        assert kl["current"] == []


def sent(at, key: str) -> bytes:
    """A views element as Streamlit sends it: the browser keeps a message it got in its last two runs and the
    server sends only the hash of one the browser holds (Streamlit's message cache)."""
    return views_element(at, key).SerializeToString(deterministic=True)


def test_gates_the_model_shown_changes_nothing_a_run_sends():
    """Both models' sections are drawn whichever the browser shows: a run made with the other model chosen (its
    click runs nothing; a later run for another reason has it) sends every element as before, so the browser
    takes them from its cache, and each model keeps its own internal."""
    slots = [f"{own}{slot}" for own in ("", "gru_") for slot in ("heatmap", "caption", "where", "painted", "conveyor")]
    at = run_page("pages/12_gates.py", internal="f")
    assert not at.exception
    first = {slot: sent(at, slot) for slot in slots}
    at.segmented_control(key="model").set_value("gru").run()
    assert not at.exception
    assert {slot: sent(at, slot) for slot in slots} == first
    assert at.session_state["internal"] == "f" and at.session_state["gru_internal"] == "h"


def same_chart(drawn: dict, anew: dict) -> None:
    """A chart part kept and refilled is the figure built anew: the same layout and traces, the same numbers."""
    assert json.loads(json.dumps(drawn["layout"])) == anew["layout"] and len(drawn["data"]) == len(anew["data"])
    for got, want in zip(drawn["data"], anew["data"], strict=True):
        assert got.keys() == want.keys()
        for k in got:
            if k in ("x", "y"):
                np.testing.assert_allclose(numbers(got[k]), numbers(want[k]), rtol=1e-12)
            else:
                assert got[k] == want[k], k


def same_maps(drawn: dict, anew: dict) -> None:
    """A heat-map chart kept and refilled is the figure built anew: the same layout (its marks too) and traces,
    the same numbers where the map has one and gaps where it has none."""
    assert json.loads(json.dumps(drawn["layout"])) == anew["layout"] and len(drawn["data"]) == len(anew["data"])
    for got, want in zip(drawn["data"], anew["data"], strict=True):
        assert got.keys() == want.keys()
        np.testing.assert_array_equal(numbers(got["z"]), numbers(want["z"]))  # nan == nan here
        assert {k: v for k, v in got.items() if k != "z"} == {k: v for k, v in want.items() if k != "z"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_nade_generation_kept_and_refilled_is_the_chart_built_anew_at_every_step(lang):
    """The NADE page keeps its generation chart and fills in a step's maps and marker: at the first step, one
    in the middle, the last and after it, it is the figure built anew from the model's sample at that step."""
    from figures import nade as nade_fig
    from ui import pixelmodels

    def t(key: str) -> str:
        return i18n.t(f"nade.{key}", lang)

    titles = (t("so_far"), t("p_drawn"), t("p_future"))
    for step in (0, 300, 783, 784):
        at = run_page("pages/32_nade.py", seed="3", step=str(step), lang=lang)
        assert not at.exception
        x, p = pixelmodels.trajectory(3)
        future = pixelmodels.future(3, step) if step < 784 else np.zeros(784)
        anew = nade_fig.generation(x, p, future, step, titles, t("hover_pixel"), t("probability"))
        anew = json.loads(json.dumps(ui_views.figure(anew)))
        anew["layout"].setdefault("shapes", [])  # no marks once every pixel is drawn: none, or an empty list
        same_maps(views(at, "generation")["views"][""], anew)
        assert len(views(at, "generation")["views"][""]["layout"]["shapes"]) == (3 if step < 784 else 0)


def test_the_mle_charts_the_browser_fills_are_the_charts_built_anew():
    """The MLE page hands the browser its charts with zeros where the fit goes (ui/mlefit.py): filled with the
    model's numbers, trace by trace, and the marker moved, each is the figure built anew at that view."""
    from figures import mle as mle_fig
    from models import mle
    from ui.lessons import mle as mle_lesson

    n, bins, step, t = 150, 6, 17, lambda k: EN[f"mle.{k}"]
    at = run_page("pages/33_mle.py", n=str(n), bins=str(bins), step=str(step))
    assert not at.exception
    counts, curve = mle_lesson.fitted(n, 0, bins)
    capacity = mle_lesson.capacity(n, 0)
    entropy = (t("entropy"), curve[0].entropy)
    names = (t("p_data"), t("empirical"), t("model"))
    fit = mle_fig.distributions(
        mle.VALUES, mle.p_data(), counts / n, curve[step].probs, names, (t("value_axis"), t("probability"))
    )
    series = {
        t("empirical_nll"): np.array([f.empirical_nll for f in curve]),
        t("cross_entropy"): np.array([f.cross_entropy for f in curve]),
        t("kl"): np.array([f.kl for f in curve]),
    }
    curves = mle_fig.curves(
        np.arange(mle_lesson.MAX_STEPS + 1),
        series,
        entropy,
        t("steps"),
        t("nats"),
        marker=step,
        right_title=t("kl_axis"),
    )
    series = {
        t("train_nll"): np.array([f.empirical_nll for f in capacity]),
        t("heldout_nll"): np.array([f.cross_entropy for f in capacity]),
    }
    cap = mle_fig.curves(np.arange(1, mle.K + 1), series, entropy, t("bins"), t("nats"), marker=bins)
    filled = {
        "fit": ([mle.p_data(), counts / n, curve[step].probs], None),
        "curves": (list(series_of(curve)), step),
        "capacity": ([[f.empirical_nll for f in capacity], [f.cross_entropy for f in capacity]], bins),
    }
    for key, want in (("fit", fit), ("curves", curves), ("capacity", cap)):
        part = fitted(at, key)["part"]
        values, marker = filled[key]
        part = ui_views.refill(part, values)
        if marker is not None:
            shapes = part["layout"]["shapes"]
            part = ui_views.shaped(part, [shapes[0], {**shapes[1], "x0": marker, "x1": marker}])
        same_chart(part, ui_views.figure(want))
    p, forward, reverse = mle_lesson.kl_fits(7.0, 0.6)
    fits = {t("forward_fit"): forward.density, t("reverse_fit"): reverse.density}
    kl = mle_fig.kl_fits(mle.GRID, p, fits, t("target"), (t("grid_axis"), t("density")))
    same_chart(views(at, "kl_fits")["views"][""], ui_views.figure(kl))


def test_the_parameter_counts_chart_the_browser_fills_is_the_chart_built_anew():
    """The distributions page hands the browser its growth chart with zeros (ui/paramcounts.py): filled with
    models.discrete's counts up to the image's pixels, marker moved, it is the figure built anew."""
    from figures import distributions as dist_fig
    from models import discrete

    at = run_page("pages/31_distributions.py", kind="grey", side="5", lang="ko")
    assert not at.exception
    data = fitted(at, "growth")
    assert data["values"] == discrete.VALUES and data["hidden"] == pixelmodels.NADE_HIDDEN
    assert [(c["key"], c["kind"], c["default"]) for c in data["controls"]] == [
        ("kind", "segmented", "binary"),
        ("side", "slider", "28"),
    ]
    assert data["controls"][0]["options"] == list(discrete.VALUES) and data["current"] == ["grey", "5"]
    assert (data["controls"][1]["lo"], data["controls"][1]["hi"]) == (1, 64)
    for kind, side in (("grey", 5), ("binary", 1), ("rgb", 64)):
        k, n = discrete.VALUES[kind], side * side
        ns = np.arange(1, max(n, 2) + 1)
        curves = {
            KO["distributions.joint"]: np.array([discrete.log10_joint(k, int(m)) for m in ns]),
            KO["distributions.independent"]: np.log10(discrete.independent_params(k, ns)),
            KO["distributions.markov"]: np.log10(np.maximum(1, discrete.markov_params(k, ns))),
        }
        words = (KO["distributions.n_variables"], KO["distributions.log10_params"])
        anew = ui_views.figure(dist_fig.param_growth(ns, curves, *words, n))
        part = ui_views.replaced(data["part"], {i: {"x": ns, "y": y} for i, y in enumerate(curves.values())})
        part = ui_views.shaped(part, [{**data["part"]["layout"]["shapes"][0], "x0": n, "x1": n}])
        same_chart(part, anew)
    summary = fitted(at, "calc_summary")["words"]
    assert summary == KO["distributions.calc_summary"].format(k="⟪k:⟫", n="⟪n:⟫", one="⟪one:⟫")
    labels = fitted(at, "calc_counts")["words"]
    assert labels[-1] == KO["distributions.nade"].format(hidden=pixelmodels.NADE_HIDDEN) and len(labels) == 4


def test_the_sampling_charts_hand_the_browser_every_n_draws_and_the_bars_it_fills_are_the_chart_built_anew():
    """The browser counts the first n of the seed's 2,000 draws (ui/samplefreqs.py): exactly models.discrete's
    n draws for every n; with those frequencies, the kept bars are the chart the page drew before, built anew."""
    from figures import distributions as dist_fig
    from models import discrete

    weights = [3, 1, 0, 2, 5, 1]
    die = {f"w{i}": str(w) for i, w in enumerate(weights, start=1)}
    at = run_page("pages/31_distributions.py", n="37", seed="5", p="0.62", lang="ko", **die)
    assert not at.exception
    words = (KO["distributions.probability"], KO["distributions.frequency"])
    axes = (KO["distributions.outcome"], KO["distributions.share"])
    coin, dice = fitted(at, "bernoulli"), fitted(at, "die")
    probs, _ = discrete.sample_categorical(np.array(weights), 1, 5)
    cases = ((coin, ["0", "1"], np.array([1 - 0.62, 0.62])), (dice, [str(i) for i in range(1, 7)], probs))
    for data, outcomes, p in cases:
        assert data["slot"] == "bars" and data["outcomes"] == len(outcomes)
        assert [(c["key"], c["kind"], c["default"], c["lo"], c["hi"]) for c in data["controls"]] == [
            ("n", "slider", "100", 1, 2000)
        ]
        assert data["current"] == ["37"]
        assert len(data["draws"]) == 2000
        draws = np.frombuffer(data["draws"].encode(), dtype=np.uint8) - ord("0")
        for n in (1, 10, 37, 999, 2000):
            if data is coin:
                want = discrete.sample_bernoulli(0.62, n, 5)
            else:
                want = discrete.sample_categorical(np.array(weights), n, 5)[1]
            np.testing.assert_array_equal(draws[:n], want)
            freqs = np.bincount(draws[:n], minlength=len(outcomes)) / n
            anew = ui_views.figure(dist_fig.outcome_bars(outcomes, p, freqs, words, axes))
            same_chart(ui_views.refill(data["part"], [numbers(data["part"]["data"][0]["y"]), freqs]), anew)


def series_of(curve):
    return ([f.empirical_nll for f in curve], [f.cross_entropy for f in curve], [f.kl for f in curve])


def test_the_mle_page_hands_the_browser_the_samples_every_n_draws_and_the_sliders_it_follows():
    """The browser fits from the first N of the seed's draws: exactly models.mle.sample(N, seed) for every N."""
    from models import mle
    from ui.lessons import mle as mle_lesson

    at = run_page("pages/33_mle.py", n="40", bins="6", step="9", seed="3")
    assert not at.exception
    keys = ("fit", "curves", "fit_numbers", "identity", "capacity_intro", "capacity", "capacity_caption")
    elements = [fitted(at, key) for key in keys]
    data = elements[0]
    assert data["seed"] == 3 and data["k"] == mle.K and data["lr"] == mle.LR
    assert data["steps"] == mle_lesson.MAX_STEPS and data["entropy"] == pytest.approx(mle.entropy())
    np.testing.assert_allclose(data["p"], mle.p_data(), rtol=0)
    samples = np.frombuffer(base64.b64decode(data["samples"]), dtype=np.uint8)
    for n in (5, 40, 777, 2000):
        np.testing.assert_array_equal(samples[:n], mle.sample(n, 3))
    assert len(samples) == 2000
    assert [c["key"] for c in data["controls"]] == ["n", "bins", "step"]
    assert [c["default"] for c in data["controls"]] == [str(mle_lesson.N), str(mle_lesson.BINS), "0"]
    assert data["current"] == ["40", "6", "9"]
    assert [e["slot"] for e in elements] == list(keys[:2]) + ["metrics", "identity", *keys[4:]]
    # the sentences carry a blank for each number the browser writes in, and nothing else changed
    identity = elements[3]["words"]
    assert identity.count("⟪") == 3
    assert re.sub(r"⟪\w+:\.3f⟫", "1.000", identity) == EN["mle.identity"].format(kl=1, ce=1, h=1)
    assert elements[4]["words"] == EN["mle.capacity_intro"].format(n="⟪n:⟫")
    assert elements[6]["words"] == EN["mle.capacity_caption"].format(best="⟪best:⟫")


def test_the_latent_map_holds_both_sizes_each_a_chart_a_click_on_reports_back_with_the_marker_at_z():
    """The points control switches in the browser between the two maps it holds: each is the map built anew
    with that many digits and the marker at z, and its caption counts those digits."""
    from figures import vae as vae_fig
    from models import data
    from ui import vaemodels

    at = run_page("pages/34_vae.py", z1="1.5", z2="-0.5", points="300")
    assert not at.exception
    latent, captions = views(at, "latent_map"), views(at, "map_caption")
    assert latent["clickable"] and not views(at, "decoded")["clickable"]  # the other charts send nothing back
    assert [c["key"] for c in latent["controls"]] == ["points"] and latent["current"] == [None]
    # the marker is placed by the browser at the z the sliders hold: the maps are sent the same whatever z is
    assert [c["key"] for c in latent["anchor"]["controls"]] == ["z1", "z2"] and latent["anchor"]["current"] == [
        None
    ] * 2
    sent = views_element(at, "latent_map").bytes
    at.slider(key="z1").set_value(-2.0).run()
    assert not at.exception and views_element(at, "latent_map").bytes == sent
    assert set(latent["views"]) == set(captions["views"]) == {"300", str(data.N_TEST)}
    _, labels, codes = vaemodels.heldout()
    names = [EN["vae.digit_n"].format(d=d) for d in range(10)]
    for n in (300, data.N_TEST):
        # the map, with its marker put at this z (as the browser puts it), is exactly the map built anew at this z
        anew = ui_views.figure(vae_fig.latent_map(codes[:n], labels[:n], names, EN["vae.label"], marker=(1.5, -0.5)))
        drawn = latent["views"][str(n)]
        shapes = [
            {**sh, "xanchor": 1.5, "yanchor": -0.5} if "xanchor" in sh else sh for sh in drawn["layout"]["shapes"]
        ]
        assert sum("xanchor" in sh for sh in shapes) == 2  # the cross's two strokes
        assert {**drawn["layout"], "shapes": shapes} == anew["layout"] and len(drawn["data"]) == len(anew["data"])
        assert sum(len(numbers(t["x"])) for t in drawn["data"]) == n
        for got, want in zip(drawn["data"], anew["data"], strict=True):
            assert got.keys() == want.keys()
            for k in got:
                if k in ("x", "y"):
                    np.testing.assert_allclose(numbers(got[k]), numbers(want[k]))
                else:
                    assert got[k] == want[k], k
        assert captions["views"][str(n)] == ui_views.text(EN["vae.map_caption"].format(n=n), "caption")


@pytest.mark.parametrize("source", ["heldout", "drawn"])
def test_one_run_draws_both_sources_and_the_map_holds_each_ones_ellipse_whichever_the_address_shows(source):
    """The VAE's source switches in the browser: one run draws the held-out digit's section and the canvas's, the
    same whichever source the address shows. The map's view for the held-out digit is the map built anew with its
    ellipse; for a blank canvas, the same points alone, under the prompt to draw."""
    from figures import vae as vae_fig
    from models import data
    from ui import vaemodels
    from ui.lessons import vae as vae_lesson

    _, labels, codes = vaemodels.heldout()
    names = [EN["vae.digit_n"].format(d=d) for d in range(10)]
    at = run_page("pages/34_vae.py", source=source, index="5")
    assert not at.exception
    q = vaemodels.posterior(data.heldout(binarised=True)[0][5].reshape(-1), vae_lesson.PRIOR_SEED)
    anew = vae_fig.latent_map(codes, labels, names, EN["vae.label"], ellipse=(q["mu"], q["sigma"]), height=380)
    posterior = views(at, "posterior_map")
    assert [c["key"] for c in posterior["controls"]] == ["source"] and posterior["current"] == [None]
    assert posterior["views"]["heldout"] == json.loads(json.dumps(ui_views.figure(anew)))
    blank = posterior["views"]["drawn"]
    assert blank["data"] == posterior["views"]["heldout"]["data"] and not blank["layout"].get("shapes")
    # the held-out digit's numbers, and the blank canvas's prompt, both in the run
    assert [m.value for m in at.metric] == [f"{q[k]:.1f}" for k in ("recon", "kl", "elbo")]
    assert EN["vae.blank"] in [i.value for i in at.info]
    # what each source's section says of itself, switched with it (and writing it in the address)
    caption = views(at, "source_caption")
    assert [c["key"] for c in caption["controls"]] == ["source"]
    assert caption["views"] == {
        "heldout": ui_views.text(EN["vae.source_caption_heldout"].format(n=data.N_TEST), "caption"),
        "drawn": ui_views.text(EN["canvas.hint"], "caption"),
    }
    # the style that shows one section: each source's digit, numbers and samples
    styles = [h.proto.body for h in at.get("html") if ".st-key-vae_body" in h.proto.body]
    assert len(styles) == 1 and ".st-key-vae_drawn_numbers" in styles[0] and ".st-key-vae_heldout_samples" in styles[0]
    other = run_page("pages/34_vae.py", source="drawn" if source == "heldout" else "heldout", index="5")
    for key in ("posterior_map", "source_caption", "q_samples"):
        assert views_element(other, key).bytes == views_element(at, key).bytes
    assert [h.proto.body for h in other.get("html") if ".st-key-vae_body" in h.proto.body] == styles


def test_self_attention_hands_the_browser_every_encoder_head_each_the_models_own():
    """The layer and the head switch views the browser holds; with the query token they choose the numbers the
    browser draws (ui/attnquery.py): for every layer, head and token, exactly attention_step's."""
    from figures import attention as fig
    from ui.lessons import self_attention as sa_lesson

    at = run_page("pages/22_self_attention.py", layer="2", head="3", token="5")
    assert not at.exception
    s = sa_lesson.EXAMPLE
    res = datemodel.run(s)
    labels = fig.tokens(res["input"])
    names = {f"{layer}|{head}" for layer in (1, 2) for head in (1, 2, 3, 4)}
    keys = views(at, "k")
    assert [c["key"] for c in keys["controls"]] == ["layer", "head"] and keys["current"] == [None, None]
    for slot in ("k", "where", "v"):
        assert set(views(at, slot)["views"]) == names, slot
    drawn = {slot: fitted(at, slot) for slot in ("step1", "q", "scores", "peak", "out", "same")}
    for slot, data in drawn.items():
        assert data["slot"] == slot and data["labels"] == labels and data["hover"] == fig.named(labels)
        assert [(c["key"], c["lo"], c["hi"]) for c in data["controls"]] == [
            ("layer", 1, 2),
            ("head", 1, 4),
            ("token", 1, 40),
        ]
        assert data["current"] == ["2", "3", "5"] and (data["layers"], data["heads"]) == (2, 4)
    t = lambda key, **v: EN[f"self_attention{key}"].format(**v)  # noqa: E731
    blank = "⟪token:⟫"  # where the browser writes the query token's label
    assert drawn["step1"]["words"] == t(".step1", token=blank) and drawn["q"]["words"] == t(".q_of", token=blank)
    assert drawn["out"]["words"] == t(".out_of", token=blank)
    assert drawn["scores"]["words"] == {"scores": t(".scores", token=blank), "own": t(".own_key", token=blank)}
    assert drawn["peak"]["words"] == t(".peak", **blanks("peak", "entropy"))
    assert drawn["same"]["words"] == t(".same_as_model", **blanks("diff"))
    T = len(labels)

    def row(slot: str, name: str, layer: int, head: int, token: int) -> np.ndarray:
        flat = np.frombuffer(base64.b64decode(drawn[slot][name]), "<f4")
        return flat.reshape(2, 4, T, -1)[layer, head, token]

    for layer in range(2):
        for head in range(4):
            for token in range(T):
                a = datemodel.attention_step(s, layer, head, token, True)
                for slot, name in (
                    ("q", "q"),
                    ("out", "out"),
                    *(("scores", n) for n in ("scores", "scaled", "weights")),
                ):
                    np.testing.assert_array_equal(row(slot, name, layer, head, token), a[name])
                at_ = (layer * 4 + head) * T + token  # the float64 numbers' place
                assert drawn["peak"]["peak"][at_] == a["peak"]
                assert drawn["peak"]["entropy"][at_] == a["entropy_bits"]
                assert drawn["same"]["diff"][at_] == a["diff_from_model"]
    # the chart part the browser splits anew: the first head's first query, as score_steps draws it
    first = datemodel.attention_step(s, 0, 0, 0, True)
    rows = [
        (first["scores"], t(".scores", token=labels[0]), t(".score_axis")),
        (first["scaled"], t(".scaled"), t(".scaled_axis")),
        (first["weights"], t(".weights"), t(".weight_axis")),
    ]
    words = dict(key=t(".key_axis"), own=t(".own_key", token=labels[0]), other=t(".other_keys"))
    assert drawn["scores"]["part"] == json.loads(json.dumps(ui_views.figure(fig.score_steps(labels, rows, 0, words))))


def markov_top(kind: str, s: str, pos: int) -> dict:
    """The markov page's top-characters chart after `pos` characters, built anew."""
    from figures import sequence as seq_fig
    from models.data import text

    chars, t = text.training_chars(), lambda k, **v: EN[f"markov.{k}"].format(**v)
    model_names = {k: EN[f"seq.model_{k}"] for k in ("bigram", "rnn", "lstm", "gru")}
    panels = []
    for key, res in (("bigram", seqmodels.bigram(s)), (kind, seqmodels.analyse(kind, s))):
        panel_chars = [chars[i] for i in res["top_i"][pos - 1]]
        panels.append((panel_chars, res["top_p"][pos - 1], model_names[key], seq_fig.COLORS[key]))
    return ui_views.figure(seq_fig.top_predictions(panels, t("top_p_axis"), t("top_char_axis")))


def same_bars(drawn: dict, anew: dict) -> None:
    """A bar chart kept and refilled is the figure built anew: the same layout, labels and numbers."""
    assert json.loads(json.dumps(drawn["layout"])) == anew["layout"] and len(drawn["data"]) == len(anew["data"])
    for got, want in zip(drawn["data"], anew["data"], strict=True):
        assert got.keys() == want.keys() and got["y"] == want["y"]
        np.testing.assert_allclose(numbers(got["x"]), numbers(want["x"]), rtol=1e-6)
        assert {k: v for k, v in got.items() if k not in "xy"} == {k: v for k, v in want.items() if k not in "xy"}


def test_markov_holds_every_computed_model_s_charts_each_the_one_built_anew():
    """Once the other models' views are computed ahead, the page hands the browser all three models' charts
    (a click shows its chart at once); the top characters the browser draws at any position (ui/toppreds.py)
    are each model's chart part with that position's bars: the figure built anew."""
    from figures import sequence as seq_fig
    from models.data import text
    from ui import ahead
    from ui.lessons import markov as markov_lesson

    s = markov_lesson.DEFAULT
    at = run_page("pages/11_markov.py", pos="25")
    assert not at.exception
    assert set(views(at, "next_char")["views"]) >= {"lstm"}
    ahead.wait()
    at.slider(key="pos").set_value(len(s)).run()  # the top characters' section only
    at.run()
    held = views(at, "next_char")
    assert [c["key"] for c in held["controls"]] == ["model"] and held["current"] == ["lstm"]
    top = fitted(at, "top")
    assert [c["key"] for c in top["controls"]] == ["model", "pos"] and top["current"] == ["lstm", str(len(s))]
    assert set(held["views"]) == set(top["parts"]) == {"lstm", "gru", "rnn"} and set(top["top"]) == {
        "bigram",
        "lstm",
        "gru",
        "rnn",
    }
    assert top["labels"] == seq_fig.top_labels(text.training_chars()) and top["length"] == len(s)
    captions = views(at, "chart_caption")["views"]
    for kind in ("lstm", "gru", "rnn"):
        assert captions[kind]["text"] == EN["markov.chart_caption"].format(model=EN[f"seq.model_{kind}"])
        p_next = numbers(held["views"][kind]["data"][1]["y"])
        np.testing.assert_allclose(p_next, seqmodels.analyse(kind, s)["p_next"], rtol=1e-6)

    def drawn(kind: str, pos: int) -> dict:
        """What the browser draws: the model's part with the position's bars, the likeliest on top."""
        bars = {}
        for i, key in enumerate(("bigram", kind)):
            indices, probs = (base64.b64decode(b) for b in top["top"][key])
            row = slice((pos - 1) * top["k"], pos * top["k"])
            x = np.frombuffer(probs, "<f4")[row].astype(np.float64)
            bars[i] = {"x": x, "y": [top["labels"][j] for j in np.frombuffer(indices, np.uint8)[row]]}
        return ui_views.replaced(top["parts"][kind], bars)

    for pos in (1, 2, 60, len(s)):
        for kind in ("lstm", "gru", "rnn"):
            same_bars(drawn(kind, pos), markov_top(kind, s, pos))
    # a click on another model: its run holds the same three charts (the one it left too), so the browser,
    # which showed the new model's at the click, redraws none of them
    at.segmented_control(key="model").set_value("gru").run()
    after = views(at, "next_char")
    assert after["current"] == ["gru"] and after["id"] == held["id"] and after["views"] == held["views"]
    # and the top characters' element is told it holds the same numbers (its digest), so it keeps what it drew
    top_after = fitted(at, "top")
    assert top_after["current"] == ["gru", str(len(s))] and top_after["digest"] == top["digest"]
    assert {k: v for k, v in top_after.items() if k != "current"} == {k: v for k, v in top.items() if k != "current"}
    # another text is other numbers, and another digest
    at.text_area(key="text").set_value(s + " more").run()
    assert fitted(at, "top")["digest"] != top["digest"]


def test_the_translator_hands_the_browser_every_decoding_step_the_models_own_numbers():
    """The step the browser draws (ui/decodestep.py): for every step, the model's probabilities of the next
    character and where the last layer looks, the very float32 numbers; the parts are the first step's charts."""
    from figures import attention as fig
    from models import translator

    at = run_page("pages/21_translator.py", step="4", lang="ko")
    assert not at.exception
    s = "2026년 11월 24일 화요일"  # the page's Korean example
    res = datemodel.run(s)
    t = lambda key, **v: KO[f"translator{key}"].format(**v)  # noqa: E731
    sentence, probs, cross = fitted(at, "decoding_now"), fitted(at, "next_probs"), fitted(at, "step_cross")
    for data in (sentence, probs, cross):
        assert [(c["key"], c["lo"], c["hi"]) for c in data["controls"]] == [("step", 1, translator.OUTPUT_LEN)]
        assert data["current"] == ["4"] and data["answer"] == res["answer"]
    assert sentence["words"] == t(".decoding_now", **blanks("written", "step", "char"))
    looks = res["cross"][translator.Config().n_decoder - 1]["weights"].mean(0)
    symbols, tokens = list(datemodel.OUTPUT_SYMBOLS), fig.tokens(res["input"])
    names = (t(".largest"), t(".the_rest"))
    cases = (
        (probs, res["probs"], symbols, ".next_probs", ".next_axis", ".probability", [0, 1]),
        (cross, looks, tokens, ".reads", ".input_axis", ".weight", None),
    )
    for data, values, labels, title, axis, y_title, y_range in cases:
        assert data["words"] == t(title, **blanks("step")) and data["hover"] == fig.named(labels)
        got = np.frombuffer(base64.b64decode(data["values"]), "<f4").reshape(data["steps"], -1)
        assert data["steps"] == translator.OUTPUT_LEN
        for step in range(1, translator.OUTPUT_LEN + 1):
            np.testing.assert_array_equal(got[step - 1], values[step - 1])
        first = values[0]
        anew = fig.bars(labels, first, t(title, step=1), t(axis), t(y_title), int(first.argmax()), names, y_range)
        assert data["part"] == json.loads(json.dumps(ui_views.figure(anew)))


def test_an_image_part_made_from_a_blank_is_the_figure_built_anew():
    """views.image and views.image_grid (a blank chart of the size with the pixels put in) give the part that
    figures.common builds, with the pixels as float32."""
    from figures import common

    rng = np.random.default_rng(0)
    images = rng.random((8, 28, 28))
    for title, height in (("Between a 2 and a 6", 170), ("", 520)):
        anew = ui_views.figure(common.image_grid(images, cols=8, title=title, height=height))
        made = ui_views.image_grid(images, cols=8, title=title, height=height)
        assert made["layout"] == anew["layout"]
        assert {k: v for k, v in made["data"][0].items() if k != "z"} == {
            k: v for k, v in anew["data"][0].items() if k != "z"
        }
        np.testing.assert_array_equal(numbers(made["data"][0]["z"]), numbers(anew["data"][0]["z"]))
    z = rng.random((28, 28))
    anew, made = ui_views.figure(common.image(z, title="decoded", height=260)), ui_views.image(z, "decoded", 260)
    assert made["layout"] == anew["layout"]
    assert made["data"][0]["z"]["dtype"] == "f4"
    np.testing.assert_allclose(numbers(made["data"][0]["z"]), z, rtol=1e-7)
    # the kept blank is never changed by a part made from it
    again = ui_views.image_grid(np.zeros((8, 28, 28)), cols=8, title="other", height=170)
    assert again["layout"]["title"]["text"] == "other" and made["layout"]["title"]["text"] == "decoded"
