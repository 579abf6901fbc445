"""The LSTM from its equations: our cell's real source beside a live check against torch.nn.LSTM, then the
student writes the step."""

import inspect

import streamlit as st

from exercises import lstm as exercise
from models import checks, recurrent
from ui import checkview, lessons, shell
from ui.exercise import section
from ui.lessons import lstm_code as lesson
from ui.urlstate import Setting

SETTINGS = [
    Setting("kind", "lstm", choices=recurrent.KINDS),
    Setting("input", 8, lo=1, hi=64),
    Setting("hidden", 16, lo=1, hi=128),
    Setting("length", 20, lo=1, hi=200),
    Setting("batch", 3, lo=1, hi=16),
    Setting("seed", 0, lo=0, hi=9999),
    Setting("dtype", "float32", choices=tuple(checks.DTYPES)),
]

page = shell.page("lstm_code", SETTINGS)
page.intro()


@st.cache_data(max_entries=32, show_spinner=False)
def compare(*args) -> dict[str, float]:
    return checks.recurrent(*args)


@st.fragment
def check():
    """The code and its live check: a setting reruns them alone, not the exercise below."""
    left, right = st.columns([3, 2])
    with right:
        # asked before the verdict that answers it, about the sizes on screen
        on_screen = [page[k] for k in ("input", "hidden", "length", "batch", "seed")]
        lessons.ask(page, lesson.PRECISION, lambda: lesson.precision_facts(*on_screen))
        kind = page.widget(st.segmented_control, "kind", format_func=lambda k: page.t(f"seq.model_{k}"), required=True)
        c1, c2 = st.columns(2)
        sizes = [
            page.widget(c.number_input, key)
            for c, key in ((c1, "input"), (c2, "hidden"), (c1, "length"), (c2, "batch"))
        ]
        seed = page.widget(c1.number_input, "seed")
        dtype = page.widget(c2.segmented_control, "dtype", required=True)
        diffs = compare(kind, *sizes, seed, dtype)
        checkview.verdict(page, diffs, dtype, reference=checks.REFERENCE[kind].__name__)
        st.caption(page.t(".check_caption"))
        lessons.guide(page, lesson.CHECK)
    with left:
        st.markdown(page.t(".step_title"))
        st.code(inspect.getsource(recurrent.STEP[kind]), language="python", wrap_lines=True)
        st.markdown(page.t(".layer_title"))
        st.code(inspect.getsource(recurrent.Recurrent.forward), language="python", wrap_lines=True)
        lessons.guide(page, lesson.CODE)


check()

st.divider()
st.subheader(page.t("exercise.title"), anchor=False)
section(page, exercise.EXERCISE, batch=exercise.B)
