"""Inside the gates: every gate and state of the LSTM and the GRU over the student's own text."""

import numpy as np
import streamlit as st

from figures import diagrams
from figures import sequence as fig
from models import charlm
from ui import i18n, lessons, seqmodels, shell, textinput
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
    Setting("internal", "c", choices=tuple(dict.fromkeys(INTERNALS["lstm"] + INTERNALS["gru"]))),
    Setting("unit", 0, lo=0, hi=max(charlm.HIDDEN["lstm"], charlm.HIDDEN["gru"]) - 1),
    Setting("feature", "none", choices=("none", *charlm.FEATURES)),
]

page = shell.page("gates", SETTINGS, models=(seqmodels.CHAR_MODELS["lstm"], seqmodels.CHAR_MODELS["gru"]))
page.intro()
c1, c2 = st.columns([3, 1])
with c1:
    s = textinput.english_text(page, height=100)
kind = page.widget(c2.segmented_control, "model", format_func=lambda k: page.t(f"seq.model_{k}"), required=True)
model, card = page.models[seqmodels.CHAR_MODELS[kind]]
H = model.config.hidden
if s is None:
    st.stop()


@st.fragment
def unit_view(values: np.ndarray, internal: str, lo: float, hi: float):
    unit = page.widget(st.slider, "unit", max_value=H - 1)
    name = page.t(f".internal_{internal}")
    st.subheader(page.t(".unit_title", unit=unit, internal=name))
    own = float(np.abs(values[:, unit]).max()) or 1.0  # one unit painted on its own scale, so it shows
    scale = (lo, hi) if internal in GATES else (-own, own)
    st.html(fig.painted(s, values[:, unit], *scale, legend=page.t(".unit_value", unit=unit, internal=name)))
    feature = page.widget(st.segmented_control, "feature", format_func=lambda f: page.t(f".feature_{f}"), required=True)
    overlay = None if feature == "none" else charlm.text_features(s)[feature].numpy()
    trace = fig.unit_trace(
        values[:, unit],
        s,
        page.t(".unit_value", unit=unit, internal=name),
        overlay,
        page.t(f".feature_{feature}"),
        page.t(".char_axis"),
        page.t(".position", t="%{x}"),
    )
    st.plotly_chart(trace, key="unit_trace")
    belt = seqmodels.belt(kind, s, unit)
    rows = [(belt[n], page.t(f".internal_{n}"), page.t(f".axis_{n}"), RANGES[n]) for n in BELT_ROWS[kind]]
    after = [(belt["h"], page.t(".internal_h"), page.t(".axis_h"), (-1, 1))] if kind == "lstm" else []
    state = "c" if kind == "lstm" else "h"
    conveyor = fig.conveyor(
        s,
        rows,
        (belt[state], page.t(f".belt_state_{kind}")),
        (belt["kept"], page.t(f".belt_kept_{kind}")),
        (belt["written"], page.t(f".belt_written_{kind}")),
        page.t(f".belt_title_{kind}", unit=unit),
        after,
        page.t(".char_axis"),
        page.t(".position", t="%{x}"),
    )
    st.plotly_chart(conveyor, key="conveyor")
    st.caption(page.t(f".belt_caption_{kind}"))


# Not a fragment: the guides below reset the text and the model, which sit above it.
out = seqmodels.analyse(kind, s)
if st.session_state["internal"] not in INTERNALS[kind]:
    st.session_state["internal"] = "h"
st.session_state["unit"] = min(st.session_state["unit"], H - 1)
internal = page.widget(
    st.segmented_control,
    "internal",
    options=INTERNALS[kind],
    format_func=lambda n: page.t(f".internal_{n}"),
    required=True,
)
values = out["internals"][internal]  # (T, H)
if internal in GATES:
    lo, hi = 0.0, 1.0
else:
    # the cell is unbounded and a few units run far: scale colours to the 99th percentile
    hi = float(max(1.0, np.percentile(np.abs(values), 99))) if internal == "c" else 1.0
    lo = -hi
name = page.t(f".internal_{internal}")
title = page.t(".heatmap", internal=name, model=page.t(f"seq.model_{kind}"), units=H)
heatmap = fig.state_heatmap(
    values, s, title, page.t(".unit_axis"), lo, hi, page.t(".char_axis"), page.t(".position", t="%{x}"), name
)
left, right = st.columns([2, 1])
left.plotly_chart(heatmap, key="heatmap")
left.caption(page.t(f".caption_{internal}"))
lessons.ask(page, lesson.FORGET, lesson.forget_facts)  # about the example text, whatever is typed
# where this internal sits in the cell, beside its heatmap
right.container(key="where").image(CELLS[kind](internal, i18n.catalog(page.lang)))
lessons.guide(page, lesson.HEATMAP)
unit_view(values, internal, lo, hi)  # a fragment: a new unit redraws only its own views
lessons.guide(page, lesson.UNIT)

st.subheader(page.t(".readable_title"))
st.markdown(page.t(".readable_intro", state=page.t(f".internal_{charlm.readable_state(model)}")))
for feature, found in card["metrics"]["readable_units"].items():
    c1, c2, c3 = st.columns([2, 2, 1])
    c1.markdown(page.t(f".feature_{feature}"))
    c2.markdown(page.t(".found", unit=found["unit"], r=found["r"]))
    c3.button(
        page.t(".show"),
        key=f"show_{feature}",
        on_click=page.set,
        kwargs=dict(internal=charlm.readable_state(model), unit=found["unit"], feature=feature),
    )
st.caption(page.t(".readable_caption"))
