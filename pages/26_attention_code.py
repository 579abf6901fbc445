"""Attention from scratch: the real source of our attention beside a live check against PyTorch's, then the
student writes scaled dot-product and multi-head attention."""

import inspect

import streamlit as st

from exercises import attention as exercise
from models import attention, checks
from ui import checkview, lessons, shell
from ui.exercise import section
from ui.lessons import attention_code as lesson
from ui.urlstate import Setting

SETTINGS = [
    Setting("heads", 4, lo=1, hi=8),
    Setting("d_k", 8, lo=1, hi=32),
    Setting("length", 10, lo=1, hi=64),
    Setting("batch", 2, lo=1, hi=8),
    Setting("mask", "causal", choices=("none", "causal", "padding")),
    Setting("seed", 0, lo=0, hi=9999),
    Setting("dtype", "float32", choices=tuple(checks.DTYPES)),
]

page = shell.page("attention_code", SETTINGS)
page.intro()


@st.fragment
def check():
    """The code and its live check: a setting reruns them alone, not the exercises below."""
    left, right = st.columns([3, 2])
    with right:
        c1, c2 = st.columns(2)
        heads, d_k = page.widget(c1.number_input, "heads"), page.widget(c2.number_input, "d_k")
        length, batch = page.widget(c1.number_input, "length"), page.widget(c2.number_input, "batch")
        seed = page.widget(c1.number_input, "seed")
        dtype = page.widget(c2.segmented_control, "dtype", required=True)
        mask = page.widget(st.segmented_control, "mask", format_func=lambda m: page.t(f".mask_{m}"), required=True)
        diffs = lesson.compare(heads * d_k, heads, length, batch, mask, seed, dtype)
        checkview.verdict(page, diffs, dtype)
        st.caption(page.t(".check_caption", d=heads * d_k))
        lessons.guide(page, lesson.MASKS, **lesson.masks_facts())
        lessons.ask(page, lesson.PRECISION, lambda: lesson.precision_facts(heads, d_k, length, batch, mask, seed))
    with left:
        st.markdown(page.t(".sdpa_title"))
        st.code(inspect.getsource(attention.scaled_dot_product_attention), language="python", wrap_lines=True)
        st.markdown(page.t(".mha_title"))
        st.code(inspect.getsource(attention.MultiHeadAttention), language="python", wrap_lines=True)


check()

st.divider()
st.subheader(page.t("exercise.title"), anchor=False)
sdpa, multi_head = st.tabs([page.t("exercise.attention.tab"), page.t("exercise.multi_head.tab")])
with sdpa:
    section(page, exercise.SDPA, t_q=exercise.T_Q, t_k=exercise.T_K, d_k=exercise.D_K, d_v=exercise.D_V)
with multi_head:
    d_model = exercise.N_HEADS * exercise.D_HEAD
    section(page, exercise.MULTI_HEAD, t=exercise.T, d_model=d_model, heads=exercise.N_HEADS, d_k=exercise.D_HEAD)
