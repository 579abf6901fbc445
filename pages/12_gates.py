"""Inside the gates: every gate and state of the LSTM and the GRU over the student's own text."""

import numpy as np
import streamlit as st

from figures import diagrams
from figures import sequence as fig
from models import charlm
from ui import ahead, i18n, lessons, sections, seqmodels, shell, textinput, views
from ui.lessons import gates as lesson
from ui.urlstate import Setting

INTERNALS = {"lstm": ("f", "i", "o", "g", "c", "h"), "gru": ("r", "z", "n", "h")}
GATES = {"f", "i", "o", "r", "z"}  # sigmoids, between 0 and 1
BELT_ROWS = {"lstm": ("f", "i", "g"), "gru": ("r", "z", "n")}  # drawn above the state they update
CELLS = {"lstm": diagrams.lstm_cell, "gru": diagrams.gru_cell}
RANGES = {"f": (0, 1), "i": (0, 1), "r": (0, 1), "z": (0, 1), "g": (-1, 1), "n": (-1, 1)}


def key(kind: str, name: str) -> str:
    """A setting of one model's section: the LSTM's keep their names (links made before the GRU had its own), the
    GRU's have its name before them."""
    return name if kind == "lstm" else f"{kind}_{name}"


SETTINGS = [
    Setting("text", lesson.DEFAULT),
    # the model only chooses which of the two sections the browser shows (both are drawn): no run
    Setting("model", "lstm", choices=("lstm", "gru"), browser=True),
    *(
        setting
        for kind in INTERNALS
        for setting in (
            Setting(key(kind, "internal"), "c" if kind == "lstm" else "h", choices=INTERNALS[kind], browser=True),
            Setting(key(kind, "unit"), 0, lo=0, hi=charlm.HIDDEN[kind] - 1),
            Setting(key(kind, "feature"), "none", choices=("none", *charlm.FEATURES)),
        )
    ),
]

page = shell.page("gates", SETTINGS, models=(seqmodels.CHAR_MODELS["lstm"], seqmodels.CHAR_MODELS["gru"]))
page.intro()
views.load_plotly()  # outside the body's fragment: loaded once, not sent again with every text
MODEL = [page.settings["model"]]
NEAR = 1
# Each model has its own section: its gate or state, its unit and its feature, with the charts of them. The model
# control switches them in the browser (ui/sections.py): the chosen model's parts shown, the other's drawn ahead.
PARTS = ("heat", "unit", "readable")
SECTIONS = sections.style("gates", page.settings["model"], PARTS)


def span(internal: str, values: np.ndarray) -> tuple[float, float]:
    """An internal's colour scale: a gate from 0 to 1; the cell, which is unbounded and has a few units that
    run far, to its 99th percentile; the other states from -1 to 1."""
    if internal in GATES:
        return 0.0, 1.0
    hi = float(max(1.0, np.percentile(np.abs(values), 99))) if internal == "c" else 1.0
    return -hi, hi


@st.cache_data(max_entries=48, show_spinner=False)
def heat_view(kind: str, s: str, internal: str, lang: str) -> dict[str, dict | views.Encoded]:
    """One internal's heat map, caption and place in the cell, for the browser to switch among: slot -> part."""
    values, t = seqmodels.analyse(kind, s)["internals"][internal], i18n.words("gates", lang)  # (T, H)
    name = t(f".internal_{internal}")
    title = t(".heatmap", internal=name, model=t(f"seq.model_{kind}"), units=values.shape[1])
    heatmap = fig.state_heatmap(
        values, s, title, t(".unit_axis"), *span(internal, values), t(".char_axis"), t(".position", t="%{x}"), name
    )
    return {
        "heatmap": views.encoded(views.figure(heatmap)),  # sent as it is, each run
        "caption": views.text(t(f".caption_{internal}"), "caption"),
        "where": views.svg(CELLS[kind](internal, i18n.catalog(lang))),
    }


# A unit's views are kept as they are sent (views.encoded): a step of the unit slider sends those of three units,
# most of them held from the step before, and writing each as JSON again took a fifth of
# the step's server time (py-spy).
@st.cache_data(max_entries=64, show_spinner=False)
def unit_views(kind: str, s: str, unit: int, lang: str) -> dict[str, dict[str, views.Encoded]]:
    """One unit's title and painted text for every internal: slot -> internal -> part."""
    out, t = seqmodels.analyse(kind, s), i18n.words("gates", lang)
    slots = {"title": {}, "painted": {}}
    for internal in INTERNALS[kind]:
        values = out["internals"][internal]
        name = t(f".internal_{internal}")
        own = float(np.abs(values[:, unit]).max()) or 1.0  # one unit painted on its own scale, so it shows
        scale = span(internal, values) if internal in GATES else (-own, own)
        slots["title"][internal] = views.encoded(views.text(t(".unit_title", unit=unit, internal=name), "heading"))
        legend = t(".unit_value", unit=unit, internal=name)
        slots["painted"][internal] = views.encoded(views.html(fig.painted(s, values[:, unit], *scale, legend=legend)))
    return slots


@st.cache_data(max_entries=16, show_spinner=False)
def trace_chart(kind: str, s: str, feature: str, lang: str) -> dict:
    """Unit 0's first internal over the text, beside a readable feature, as a chart part: every unit's and
    internal's chart is this one retraced (figures.sequence.retrace_part), a fraction of building it."""
    out, t = seqmodels.analyse(kind, s), i18n.words("gates", lang)
    overlay = None if feature == "none" else charlm.text_features(s)[feature].numpy()
    internal = INTERNALS[kind][0]
    name = t(".unit_value", unit=0, internal=t(f".internal_{internal}"))
    chart = fig.unit_trace(
        out["internals"][internal][:, 0],
        s,
        name,
        overlay,
        t(f".feature_{feature}"),
        t(".char_axis"),
        t(".position", t="%{x}"),
    )
    return views.figure(chart)


@st.cache_data(max_entries=64, show_spinner=False)
def trace_views(kind: str, s: str, unit: int, feature: str, lang: str) -> dict[str, views.Encoded]:
    """One unit's value over the text for every internal, beside a readable feature: internal -> part."""
    out, t = seqmodels.analyse(kind, s), i18n.words("gates", lang)
    chart = trace_chart(kind, s, feature, lang)
    traces = {}
    for internal in INTERNALS[kind]:
        name = t(".unit_value", unit=unit, internal=t(f".internal_{internal}"))
        traces[internal] = views.encoded(fig.retrace_part(chart, out["internals"][internal][:, unit], name))
    return traces


def belt_args(kind: str, s: str, unit: int, lang: str):
    """One unit on the conveyor belt, as figures.sequence.conveyor takes it: rows, state, kept, written, after."""
    belt, t = seqmodels.belt(kind, s, unit), i18n.words("gates", lang)
    rows = [(belt[n], t(f".internal_{n}"), t(f".axis_{n}"), RANGES[n]) for n in BELT_ROWS[kind]]
    after = [(belt["h"], t(".internal_h"), t(".axis_h"), (-1, 1))] if kind == "lstm" else []
    state = (belt["c" if kind == "lstm" else "h"], t(f".belt_state_{kind}"))
    kept, written = (belt["kept"], t(f".belt_kept_{kind}")), (belt["written"], t(f".belt_written_{kind}"))
    return rows, state, kept, written, after


@st.cache_data(max_entries=8, show_spinner=False)
def belt_chart(kind: str, s: str, lang: str) -> dict:
    """Unit 0 on the conveyor belt, as a chart part: every unit's chart is this one refilled (views.refill), a
    fraction of the cost of building it; kept as a part, not a figure, which a cache hit would validate anew
    (20 ms per run, measured with py-spy)."""
    t = i18n.words("gates", lang)
    title, chars, position = t(f".belt_title_{kind}", unit=0), t(".char_axis"), t(".position", t="%{x}")
    rows, state, kept, written, after = belt_args(kind, s, 0, lang)
    return views.figure(fig.conveyor(s, rows, state, kept, written, title, after, chars, position))


@st.cache_data(max_entries=64, show_spinner=False)
def belt_view(kind: str, s: str, unit: int, lang: str) -> views.Encoded:
    """One unit on the conveyor belt: unit 0's chart refilled (views.refill)."""
    series = fig.conveyor_series(*belt_args(kind, s, unit, lang))
    title = i18n.words("gates", lang)(f".belt_title_{kind}", unit=unit)
    return views.encoded(views.refill(belt_chart(kind, s, lang), series, title))


def held_units(kind: str, unit: int, shown: str) -> tuple[list[tuple[str, int]], list[int]]:
    """What a run at this unit hands the browser, in the order it draws them ahead: (internal, unit) of the unit
    views (this unit's in the internal shown, the units beside it, then this unit's other internals), and the units
    of the belts (this one's and those beside it)."""
    # the units either side too, in the internal shown: an arrow press shows the next unit's views at once,
    # before its run (every internal of those units would be five times the charts to draw ahead)
    beside = [u for u in (unit + 1, unit - 1) if abs(u - unit) <= NEAR and 0 <= u < charlm.HIDDEN[kind]]
    names = [(shown, unit), *((shown, u) for u in beside), *((i, unit) for i in INTERNALS[kind] if i != shown)]
    return names, [unit, *beside]


def unit_parts(
    kind: str, s: str, unit: int, shown: str, feature: str, lang: str
) -> dict[str, dict[tuple, views.Encoded]]:
    """Every part a run at this unit sends: slot -> view name -> part (from the caches, or into them)."""
    names, belts = held_units(kind, unit, shown)
    parts = {"unit_title": {}, "painted": {}, "unit_trace": {}, "conveyor": {}}
    # each unit's views asked of the caches once, for all its internals: a cache hit costs about a millisecond
    # (hashing the text, reading the function's signature, unpickling), and a run asked 22 of them (py-spy)
    units = {u: (unit_views(kind, s, u, lang), trace_views(kind, s, u, feature, lang)) for _, u in names}
    for name in names:
        internal, u = name
        slots, traces = units[u]
        parts["unit_title"][name], parts["painted"][name] = slots["title"][internal], slots["painted"][internal]
        parts["unit_trace"][name] = traces[internal]
    for u in belts:
        parts["conveyor"][(u,)] = belt_view(kind, s, u, lang)
    return parts


def show(kind: str, slot: str, names: tuple[str, ...], parts: dict[tuple, dict | views.Encoded], container=None):
    """One place of a model's section: its views, named by the values of this model's settings `names`."""
    settings = [page.settings[key(kind, n)] for n in names]
    named = {views.combo(name): part for name, part in parts.items()}
    views.show(page, key(kind, slot), settings, named, container)


def choice(kind: str, name: str) -> None:
    """One of a model's segmented controls (its gate or state, its feature), each choice named by the catalog."""
    page.widget(
        st.segmented_control,
        key(kind, name),
        label=page.t(f".{name}"),
        format_func=lambda value: page.t(f".{name}_{value}"),
        required=True,
    )


def heat_section(kind: str, s: str) -> None:
    """The model's gate or state: its control, then its heat map, caption and place in the cell, all held by the
    browser, which switches among them."""
    choice(kind, "internal")
    slots = {(i,): heat_view(kind, s, i, page.lang) for i in INTERNALS[kind]}
    left, right = st.columns([2, 1])
    for slot, where in (("heatmap", left), ("caption", left), ("where", right)):
        show(kind, slot, ("internal",), {name: parts[slot] for name, parts in slots.items()}, where)


# A fragment for each model: a new unit or feature redraws only that model's unit views.
@st.fragment
def unit_section(kind: str, s: str) -> None:
    unit = page.widget(st.slider, key(kind, "unit"), label=page.t(".unit"))
    shown, feature = page[key(kind, "internal")], page[key(kind, "feature")]
    parts = unit_parts(kind, s, unit, shown, feature, page.lang)
    show(kind, "unit_title", ("internal", "unit"), parts["unit_title"])
    show(kind, "painted", ("internal", "unit"), parts["painted"])
    choice(kind, "feature")
    show(kind, "unit_trace", ("internal", "unit"), parts["unit_trace"])
    show(kind, "conveyor", ("unit",), parts["conveyor"])
    # the next step's parts, in the direction the slider last moved, computed in the background for the
    # student's next arrow press (the units beyond the ones held); not after a jump (a drag, a typed address),
    # which says nothing of the next unit
    following = ahead.following(st.session_state, f"_gates_{kind}_unit_before", unit, 1, 0, charlm.HIDDEN[kind] - 1)
    if following is not None:
        nxt = (kind, s, following, shown, feature, page.lang)
        ahead.later(("gates-unit", *nxt), lambda: unit_parts(*nxt))


def readable_section(kind: str) -> None:
    """The units of this model that track a feature of the text, found on held-out text: one click shows one."""
    model, card = page.models[seqmodels.CHAR_MODELS[kind]]
    state = charlm.readable_state(model)
    st.subheader(page.t(".readable_title"))
    st.markdown(page.t(".readable_intro", state=page.t(f".internal_{state}")))
    # one button per fact, in a row that wraps on a phone: a row of three columns per fact made this section a
    # third of the elements a model's click redraws (p50 of 20 clicks: 208 ms with those rows, 171 without the
    # section, 184 with this row)
    with st.container(horizontal=True, key=key(kind, "readable")):
        for feature, found in card["metrics"]["readable_units"].items():
            st.button(
                page.t(".show_found", feature=page.t(f".feature_{feature}"), unit=found["unit"], r=found["r"]),
                key=key(kind, f"show_{feature}"),
                on_click=page.set,
                kwargs={key(kind, "internal"): state, key(kind, "unit"): found["unit"], key(kind, "feature"): feature},
            )
    st.caption(page.t(".readable_caption"))


# A fragment: a new text redraws this section, not the sidebar and the introduction around it; the guides inside it
# reset the text, which is in it too.
@st.fragment
def body():
    with st.container(key="gates_choice"):  # the row the sections' style reads the model from
        c1, c2 = st.columns([3, 1])
        with c1:
            s = textinput.english_text(page, height=100)
        page.widget(c2.segmented_control, "model", format_func=lambda k: page.t(f"seq.model_{k}"), required=True)
    if s is None:
        return
    st.html(SECTIONS)
    with st.container(key="gates_body"):
        for kind in INTERNALS:
            with st.container(key=f"gates_{kind}_heat"):
                heat_section(kind, s)
        lessons.ask(page, lesson.FORGET, lesson.forget_facts)  # about the example text, whatever is typed
        lessons.guide(page, lesson.HEATMAP)
        for kind in INTERNALS:
            with st.container(key=f"gates_{kind}_unit"):
                unit_section(kind, s)
        views.show(
            page, "conveyor_caption", MODEL, {k: views.text(page.t(f".belt_caption_{k}"), "caption") for k in INTERNALS}
        )
        lessons.guide(page, lesson.UNIT)
        for kind in INTERNALS:
            with st.container(key=f"gates_{kind}_readable"):
                readable_section(kind)


body()
