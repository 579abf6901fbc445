"""Every chart builder in `figures/`, built once, held to the same reading rules (issue #13):
- no axis that shows tick labels goes without a title, and tick labels are projector-sized (≥ 14 px);
- a sequence axis shows the sequence's characters (thinned when long, never hidden);
- a colour that carries a value has its scale: a titled colour bar, or the value written in every cell;
  a diverging scale is red for positive, blue for negative, as everywhere in the app.
A new builder without an entry in BUILDERS fails the coverage test, so none escapes the rules."""

import importlib
import inspect
import pkgutil

import numpy as np
import plotly.graph_objects as go
import pytest

import figures

# builders that return parts of figures (axes, traces, labels) or HTML, not a chart; each is used by
# builders below and so held to the rules through them
PARTS = {
    "attention": {"tokens", "decoder_keys", "named", "sequence_axis", "split_bars", "weights_trace"},
    "common": {"rgba", "rule", "tile"},
    "nade": {"generation_maps", "next_pixel_marks"},  # a step's maps and marks, for views.replaced/shaped
    "sequence": {"char_axis", "conveyor_series", "label", "painted", "retrace_part", "top_labels", "vector"},
    "vae": {"cross", "oval"},  # shapes on the latent map
    "vit": {"class_colors", "strip", "upsample"},  # a chart's colours and arrays, for views.replaced
}
# digits drawn as images: the grey level is the picture itself, not a value to read off a scale
IMAGES = {"common.image", "common.image_grid", "vit.patch_grid", "vit.token_strip", "nade.completions"}
TEXT = "Nov 24, 2026 (Tue) and some more text to make a long sequence of characters\n" * 2
CHARS = ["2", "4", "␣", "N", "o", "v"]  # as pages pass them: figures.attention.tokens("24 Nov")
R = np.random.default_rng(0)


def _sequence_builders():
    from figures import attention as a
    from figures import sequence as s

    words = dict(query="Query", key="Key", weight="Weight")
    w = np.full((2, 6), 1 / 6)
    values = R.normal(size=(len(TEXT), 4))
    probs = {"bigram": np.full(len(TEXT) - 1, 0.5), "lstm": np.full(len(TEXT) - 1, 0.25)}
    rows = [(values[:, 0], "f", "forget", (0.0, 1.0)), (values[:, 1], "i", "input", (0.0, 1.0))]

    def conveyor():
        return s.conveyor(
            TEXT, rows, (values[:, 2], "c"), (values[:, 3], "kept"), (values[:, 0], "new"), "t", char_title="Character"
        )

    return {
        "attention.attention_map": (lambda: a.attention_map(w, ["a", "b"], CHARS, "t", "Key", "Query", "W"), CHARS),
        "attention.attention_maps": (
            lambda: a.attention_maps([dict(weights=w, rows=["a", "b"], cols=CHARS, title="t")], words),
            CHARS,
        ),
        "attention.head_maps": (
            lambda: a.head_maps(np.full((4, 2, 6), 1 / 6), ["a", "b"], CHARS, ["h1", "h2", "h3", "h4"], words),
            CHARS,
        ),
        "attention.bars": (lambda: a.bars(CHARS, np.ones(6) / 6, "t", "Key", "Weight", 2, ("this", "rest")), CHARS),
        "attention.confidence": (
            lambda: a.confidence(list("2026-11-24"), np.linspace(0.5, 1, 10), 0.9, "t", "Character", "p"),
            list("2026-11-24"),
        ),
        "attention.heatmap": (
            lambda: a.heatmap(R.normal(size=(6, 8)), CHARS, "t", "Dimension", "Token", "Value"),
            CHARS,
        ),
        "attention.score_steps": (
            lambda: a.score_steps(
                CHARS,
                [(np.arange(6.0), "s", "q·k"), (np.ones(6) / 6, "w", "weight")],
                3,
                words | {"own": "own", "other": "o"},
            ),
            CHARS,
        ),
        "attention.side_by_side": (
            lambda: a.side_by_side(
                [R.normal(size=(6, 8))] * 2, CHARS, ["one", "two"], "Dimension", "Token", "Value", [4]
            ),
            CHARS,
        ),
        "sequence.next_char": (
            lambda: s.next_char(TEXT, probs, {"bigram": "B", "lstm": "L"}, "p", "bits", "saved", "Character"),
            TEXT,
        ),
        "sequence.state_heatmap": (
            lambda: s.state_heatmap(values, TEXT, "t", "Unit", -1.0, 1.0, "Character", value_title="Value"),
            TEXT,
        ),
        "sequence.unit_trace": (
            lambda: s.unit_trace(values[:, 0], TEXT, "Value", np.ones(len(TEXT)), "f", "Character"),
            TEXT,
        ),
        "sequence.retrace": (  # a unit_trace made to show another series
            lambda: s.retrace(s.unit_trace(values[:, 0], TEXT, "Value", None, "", "Character"), values[:, 1], "Other"),
            TEXT,
        ),
        "sequence.conveyor": (conveyor, TEXT),
    }


def _other_builders():
    from figures import attention as a
    from figures import common, distributions, mle, nade, sequence, vae, vit

    img = R.random((28, 28))
    flat = img.reshape(-1)
    x = np.linspace(-3, 3, 50)
    return {
        "attention.encoding_and_similarity": lambda: a.encoding_and_similarity(
            R.normal(size=(8, 16)), np.eye(8), ["pe", "sim"], "Position", "Value"
        ),
        "common.image": lambda: common.image(img, title="t"),
        "common.image_grid": lambda: common.image_grid(R.random((6, 28, 28)), 3, "t"),
        "distributions.joint_table": lambda: distributions.joint_table(
            np.full((2, 3), 1 / 6), ["a", "b", "c"], ["u", "v"], "t"
        ),
        "distributions.outcome_bars": lambda: distributions.outcome_bars(
            ["a", "b"], np.array([0.3, 0.7]), np.array([0.4, 0.6]), ("model", "data"), ("Outcome", "p")
        ),
        "distributions.param_growth": lambda: distributions.param_growth(
            np.arange(1, 10), {"joint": np.arange(1, 10.0), "chain": np.log10(np.arange(1, 10.0) + 1)}, "n", "log10", 3
        ),
        "mle.curves": lambda: mle.curves(
            np.arange(10), {"nll": np.linspace(2, 1, 10), "kl": np.linspace(1, 0, 10)}, ("H", 1.0), "Step", "Nats", 3
        ),
        "mle.distributions": lambda: mle.distributions(
            np.arange(5), np.full(5, 0.2), np.full(5, 0.2), np.full(5, 0.2), ("data", "empirical", "model"), ("x", "p")
        ),
        "mle.kl_fits": lambda: mle.kl_fits(
            x, np.exp(-(x**2)), {"forward": np.exp(-(x**2)), "reverse": np.exp(-(x**2))}, "p"
        ),
        "nade.generation": lambda: nade.generation(flat > 0.5, flat, flat, 100, ("drawn", "p", "next")),
        "nade.completions": lambda: nade.completions(flat > 0.5, R.random((4, 784)) > 0.5, 2),
        "nade.nll_histogram": lambda: nade.nll_histogram(R.normal(90, 10, 200), {"this": 80.0}, "NLL", "Count"),
        "sequence.top_predictions": lambda: sequence.top_predictions(
            [(["a", " "], np.array([0.6, 0.4]), "t", "#000")] * 2, "p", "Next"
        ),
        "sequence.gradient_norms": lambda: sequence.gradient_norms(
            {"rnn": np.array([1e-3, 1e-1, 1.0])}, {"rnn": "RNN"}, "d", "g"
        ),
        "sequence.memory_accuracy": lambda: sequence.memory_accuracy(
            [5, 10], {"rnn": [0.1, 0.1]}, {"rnn": "RNN"}, 0.125, "T", "acc", "chance", 5
        ),
        "vae.latent_map": lambda: vae.latent_map(
            R.normal(size=(50, 2)), np.arange(50) % 10, [str(i) for i in range(10)], "digit"
        ),
        "vit.patch_grid": lambda: vit.patch_grid(img, 7, "t"),
        "vit.token_strip": lambda: vit.token_strip(R.random((16, 7, 7)), "t"),
        "vit.class_probs": lambda: vit.class_probs(np.full(10, 0.1), "Digit", "p"),
        "vit.overlay": lambda: vit.overlay(img, R.random((4, 4)), "t", "Attention"),
        "vit.head_grid": lambda: vit.head_grid(R.random((2, 2, 4, 4)), ["l1", "l2"], ["h1", "h2"], "Attention"),
        "vit.similarity": lambda: vit.similarity(np.eye(16) * 2 - 1, "t", "Patch", "cos"),
        "vit.confusion": lambda: vit.confusion(np.eye(10, dtype=int) * 90, "Predicted", "True"),
    }


def builders() -> dict:
    out = {name: build for name, (build, _) in _sequence_builders().items()}
    return out | _other_builders()


def chart_functions() -> set[str]:
    """Every public function of every `figures` module that is not a part (PARTS) or an SVG diagram."""
    names = set()
    for info in pkgutil.iter_modules(figures.__path__):
        if info.name == "diagrams":  # SVG drawings, tested in test_diagrams.py
            continue
        module = importlib.import_module(f"figures.{info.name}")
        for name, f in inspect.getmembers(module, inspect.isfunction):
            if f.__module__ == module.__name__ and not name.startswith("_") and name not in PARTS.get(info.name, ()):
                names.add(f"{info.name}.{name}")
    return names


def test_every_chart_builder_is_held_to_the_rules():
    assert chart_functions() == set(builders())


def _axes_in_use(fig: go.Figure):
    """(name, axis) for the axes some trace draws on and that show tick labels."""
    layout = fig.to_plotly_json()["layout"]
    used = {getattr(t, "xaxis", None) or "x" for t in fig.data} | {getattr(t, "yaxis", None) or "y" for t in fig.data}
    for key, axis in layout.items():
        if not (key.startswith("xaxis") or key.startswith("yaxis")):
            continue
        if key.replace("axis", "") not in used or axis.get("showticklabels") is False or axis.get("visible") is False:
            continue
        yield key, axis, layout


@pytest.mark.parametrize("name", sorted(builders()))
def test_every_axis_with_tick_labels_has_a_title_and_projector_sized_ticks(name):
    fig = builders()[name]()
    for key, axis, layout in _axes_in_use(fig):
        if name in IMAGES:
            pytest.fail(f"{name} draws a digit but shows tick labels on {key}")
        shared = axis.get("matches") and not axis.get("tickvals")
        if not shared:  # an axis that repeats another's (a shared x) is titled once, on the other
            assert axis.get("title", {}).get("text"), (name, key)
        size = axis.get("tickfont", {}).get("size") or layout.get("font", {}).get("size", 0)
        assert size >= 14, (name, key, size)


@pytest.mark.parametrize("name", sorted(_sequence_builders()))
def test_a_sequence_axis_shows_the_characters(name):
    build, chars = _sequence_builders()[name]
    fig = build()
    shown = [
        list(axis.get("ticktext") or [])
        for _, axis, _ in _axes_in_use(fig)
        if axis.get("ticktext") is not None and len(axis["ticktext"]) > 1
    ]
    shown += [list(t.text[0]) for t in fig.data if isinstance(t, go.Heatmap) and t.text is not None]  # in the cells
    plain = {c if c.strip() else "␣" for c in chars} | {"↵", "␣", "⇥"}

    def characters(labels: list[str]) -> bool:  # thinned at most to 20 when long, never hidden
        return all(len(t) == 1 and t in plain for t in labels) and len(labels) >= min(len(chars), 20)

    assert any(characters(labels) for labels in shown), (name, shown)


def _red(colour: str) -> bool:
    c = colour.strip().lower()
    if c.startswith("#"):
        r, b = int(c[1:3], 16), int(c[5:7], 16)
    else:
        r, _, b = (float(v) for v in c[c.index("(") + 1 : c.index(")")].split(",")[:3])
    return r > b


def _digit(trace) -> bool:
    """A digit drawn in grey (under an overlay, or beside its probability maps): the picture, not a value."""
    grey = [[0, "#ffffff"], [1, "#111111"]]
    return isinstance(trace, go.Heatmap) and [list(c) for c in trace.colorscale or []] == grey and not trace.showscale


def _value_colours(marker) -> bool:
    """Markers coloured by numbers (not by names of colours)."""
    colours = getattr(marker, "color", None)
    return isinstance(colours, (tuple, list, np.ndarray)) and len(colours) > 0 and not isinstance(colours[0], str)


def _colour_traces(fig: go.Figure):
    for t in fig.data:
        if isinstance(t, go.Heatmap):
            yield t, t.colorscale, t.zmin, t.zmax
        elif isinstance(t, go.Scatter) and _value_colours(t.marker):
            yield t, t.marker.colorscale, t.marker.cmin, t.marker.cmax


@pytest.mark.parametrize("name", sorted(builders()))
def test_a_colour_that_carries_a_value_has_its_scale(name):
    fig = builders()[name]()
    for trace, scale, lo, hi in _colour_traces(fig):
        if name in IMAGES or _digit(trace):
            continue
        axis = getattr(trace, "coloraxis", None)
        if axis:  # shared by several heatmaps: the scale lives on the layout's colour axis
            bar, shown = fig.layout[axis].colorbar, fig.layout[axis].showscale is not False
            scale, lo, hi = fig.layout[axis].colorscale, fig.layout[axis].cmin, fig.layout[axis].cmax
        else:
            bar = trace.colorbar if isinstance(trace, go.Heatmap) else trace.marker.colorbar
            shown = (trace.showscale if isinstance(trace, go.Heatmap) else trace.marker.showscale) is not False
        written = "%{z" in (getattr(trace, "texttemplate", None) or "") or "%{text" in (
            getattr(trace, "texttemplate", None) or ""
        )
        assert (shown and bar.title.text) or written, f"{name}: a colour without its scale"
        if lo is not None and hi is not None and lo < 0 < hi and scale:
            assert _red(scale[-1][1]) and not _red(scale[0][1]), f"{name}: positive must be red, negative blue"
