"""Inside the gates: every gate and state of the LSTM and the GRU over the student's own text."""

import numpy as np
import streamlit as st

from figures import diagrams
from figures import sequence as fig
from models import charlm
from ui import ahead, i18n, lessons, seqmodels, shell, textinput, views
from ui.lessons import gates as lesson
from ui.urlstate import Setting

INTERNALS = {"lstm": ("f", "i", "o", "g", "c", "h"), "gru": ("r", "z", "n", "h")}
GATES = {"f", "i", "o", "r", "z"}  # sigmoids, between 0 and 1
BELT_ROWS = {"lstm": ("f", "i", "g"), "gru": ("r", "z", "n")}  # drawn above the state they update
CELLS = {"lstm": diagrams.lstm_cell, "gru": diagrams.gru_cell}
RANGES = {"f": (0, 1), "i": (0, 1), "r": (0, 1), "z": (0, 1), "g": (-1, 1), "n": (-1, 1)}
SETTINGS = [
    Setting("text", lesson.DEFAULT),
    Setting("model", "lstm", choices=("lstm", "gru")),
    Setting("internal", "c", choices=tuple(dict.fromkeys(INTERNALS["lstm"] + INTERNALS["gru"])), browser=True),
    Setting("unit", 0, lo=0, hi=max(charlm.HIDDEN["lstm"], charlm.HIDDEN["gru"]) - 1),
    Setting("feature", "none", choices=("none", *charlm.FEATURES)),
]

page = shell.page("gates", SETTINGS, models=(seqmodels.CHAR_MODELS["lstm"], seqmodels.CHAR_MODELS["gru"]))
page.intro()
views.load_plotly()  # outside the body's fragment: loaded once, not sent again with every model or text
MODEL = SETTINGS[1:2]  # the model reruns the page's body, and its conveyor belt follows it in the browser at once
# The internal only chooses among views the browser already holds. Views are named by the model too: the
# browser keeps the charts of the model left (ui/views.py keep), and a click back to it takes them back as
# drawn rather than drawing its heat maps anew.
HEAT_VIEW = SETTINGS[1:3]
# The unit reruns its section; the browser holds its views for the unit either side too, so that a step of the
# slider shows them in the frame it moves, and the run that follows finds them shown.
UNIT_VIEW, BELT_VIEW = SETTINGS[1:4], [SETTINGS[1], SETTINGS[3]]
NEAR = 1


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


# A unit's views are kept as they are sent (views.encoded): a step of the unit slider sends those of three units
# and the other model's, most of them held from the step before, and writing each as JSON again took a fifth of
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


def then(kind: str, internal: str) -> tuple[str, str]:
    """What a click on the other model shows: the internal shown, or its output where that model has no such
    internal (the run that follows sets it so)."""
    other = next(k for k in INTERNALS if k != kind)
    return other, internal if internal in INTERNALS[other] else "h"


def held_units(kind: str, unit: int, shown: str) -> tuple[list[tuple[str, str, int]], list[tuple[str, int, int]]]:
    """What a run at this unit hands the browser, in the order it draws them ahead: (model, internal, unit) of the
    unit views (this unit's in the internal shown, the units beside it, the other model's view for a click on it,
    then this unit's other internals), and (model, unit named, unit drawn) of the belts (this model's at those
    units, the other model's at this one, or its last)."""
    other = then(kind, shown)[0]
    # the units either side too, in the internal shown: an arrow press shows the next unit's views at once,
    # before its run (every internal of those units would be five times the charts to draw ahead)
    beside = [u for u in (unit + 1, unit - 1) if abs(u - unit) <= NEAR and 0 <= u < charlm.HIDDEN[kind]]
    names = [
        (kind, shown, unit),
        *((kind, shown, u) for u in beside),
        (*then(kind, shown), min(unit, charlm.HIDDEN[other] - 1)),  # its unit, or its last one
        *((kind, i, unit) for i in INTERNALS[kind] if i != shown),
    ]
    belts = [
        (k, u, min(u, charlm.HIDDEN[k] - 1)) for k, u in [(kind, unit), *((kind, u) for u in beside), (other, unit)]
    ]
    return names, belts


def unit_parts(
    kind: str, s: str, unit: int, shown: str, feature: str, lang: str
) -> dict[str, dict[tuple, views.Encoded]]:
    """Every part a run at this unit sends: slot -> view name -> part (from the caches, or into them)."""
    names, belts = held_units(kind, unit, shown)
    parts = {"unit_title": {}, "painted": {}, "unit_trace": {}, "conveyor": {}}
    # each unit's views asked of the caches once, for all its internals: a cache hit costs about a millisecond
    # (hashing the text, reading the function's signature, unpickling), and a run asked 22 of them (py-spy)
    units = {(k, u): (unit_views(k, s, u, lang), trace_views(k, s, u, feature, lang)) for k, _, u in names}
    for name in names:
        k, internal, u = name
        slots, traces = units[k, u]
        parts["unit_title"][name], parts["painted"][name] = slots["title"][internal], slots["painted"][internal]
        parts["unit_trace"][name] = traces[internal]
    for k, u, at in belts:
        parts["conveyor"][k, u] = belt_view(k, s, at, lang)
    return parts


def views_of(kind: str, s: str, unit: int, shown: str, feature: str, lang: str) -> None:
    """What a run for this model computes (into the caches): its heat maps, and every part its unit's views hold
    (the units beside it, its belts, the other model's at that unit)."""
    for internal in INTERNALS[kind]:
        heat_view(kind, s, internal, lang)
    unit_parts(kind, s, unit, shown, feature, lang)


# A fragment: a new model or text redraws this section, not the sidebar and the introduction around it; the
# guides inside it reset the text and the model, which are in it too.
@st.fragment
def body():
    c1, c2 = st.columns([3, 1])
    with c1:
        s = textinput.english_text(page, height=100)
    kind = page.widget(c2.segmented_control, "model", format_func=lambda k: page.t(f"seq.model_{k}"), required=True)
    model, card = page.models[seqmodels.CHAR_MODELS[kind]]
    H = model.config.hidden
    if s is None:
        return
    other = next(k for k in INTERNALS if k != kind)

    def show(key: str, parts: dict[tuple, dict | views.Encoded], container=None, settings=HEAT_VIEW) -> None:
        named = {views.combo(name): part for name, part in parts.items()}  # model, internal (and unit)
        views.show(page, key, settings, named, container, options={"internal": INTERNALS[kind]}, keep=True)

    @st.fragment
    def unit_view():
        unit = page.widget(st.slider, "unit", max_value=H - 1)
        shown = page["internal"]
        feature = page["feature"]  # its control is drawn below the unit's text, but the trace follows it
        parts = unit_parts(kind, s, unit, shown, feature, page.lang)
        show("unit_title", parts["unit_title"], settings=UNIT_VIEW)
        show("painted", parts["painted"], settings=UNIT_VIEW)
        page.widget(st.segmented_control, "feature", format_func=lambda f: page.t(f".feature_{f}"), required=True)
        show("unit_trace", parts["unit_trace"], settings=UNIT_VIEW)
        # this model's belts at those units and the other model's at this one, drawn ahead off the page: a click
        # on the model shows its belt at once, before the run (the belt was most of that click's time: 80 ms of
        # Plotly redrawing other rows)
        views.show(page, "conveyor", BELT_VIEW, {views.combo(n): p for n, p in parts["conveyor"].items()}, keep=True)
        views.show(
            page, "conveyor_caption", MODEL, {k: views.text(page.t(f".belt_caption_{k}"), "caption") for k in INTERNALS}
        )
        # the next step's parts, in the direction the slider last moved, computed in the background for the
        # student's next arrow press (the units beyond the ones held, and the other model's at the next unit);
        # not after a jump (a drag, a typed address), which says nothing of the next unit
        following = ahead.following(st.session_state, "_gates_unit_before", unit, 1, 0, H - 1)
        if following is not None:
            nxt = (kind, s, following, shown, feature, page.lang)
            ahead.later(("gates-unit", *nxt), lambda: unit_parts(*nxt))

    if st.session_state["internal"] not in INTERNALS[kind]:
        st.session_state["internal"] = "h"
    st.session_state["unit"] = min(st.session_state["unit"], H - 1)
    # the internal switches the heat map, its caption, its place in the cell and the unit's views in the browser
    page.widget(
        st.segmented_control,
        "internal",
        options=INTERNALS[kind],
        format_func=lambda n: page.t(f".internal_{n}"),
        required=True,
    )
    # the other model's view for a click on it, then this model's internals, in the order the browser draws them
    # ahead; an order that does not depend on the internal shown (the models share only their output), so that a
    # click back to a model sends the very views it sent before, which the browser still holds (Streamlit's
    # message cache): a click back and forth sends 12 KB rather than 1 MB
    held = [then(kind, page["internal"]), *((kind, i) for i in INTERNALS[kind])]
    slots = {(k, i): heat_view(k, s, i, page.lang) for k, i in held}
    left, right = st.columns([2, 1])
    show("heatmap", {name: parts["heatmap"] for name, parts in slots.items()}, left)
    show("caption", {name: parts["caption"] for name, parts in slots.items()}, left)
    lessons.ask(page, lesson.FORGET, lesson.forget_facts)  # about the example text, whatever is typed
    show("where", {name: parts["where"] for name, parts in slots.items()}, right)  # beside its heat map
    lessons.guide(page, lesson.HEATMAP)
    unit_view()  # a fragment: a new unit redraws only its own views
    lessons.guide(page, lesson.UNIT)

    st.subheader(page.t(".readable_title"))
    st.markdown(page.t(".readable_intro", state=page.t(f".internal_{charlm.readable_state(model)}")))
    # one button per fact, in a row that wraps on a phone: a row of three columns per fact made this section a
    # third of the elements a model's click redraws (p50 of 20 clicks: 208 ms with those rows, 171 without the
    # section, 184 with this row)
    with st.container(horizontal=True, key="readable"):
        for feature, found in card["metrics"]["readable_units"].items():
            st.button(
                page.t(".show_found", feature=page.t(f".feature_{feature}"), unit=found["unit"], r=found["r"]),
                key=f"show_{feature}",
                on_click=page.set,
                kwargs=dict(internal=charlm.readable_state(model), unit=found["unit"], feature=feature),
            )
    st.caption(page.t(".readable_caption"))
    # the other model's views of this text, computed in the background for the student's next click
    unit = min(page["unit"], charlm.HIDDEN[other] - 1)  # the unit and internal the run for that model will have
    view = (other, s, unit, then(kind, page["internal"])[1], page["feature"], page.lang)
    ahead.later(("gates", *view), lambda: views_of(*view))


body()
