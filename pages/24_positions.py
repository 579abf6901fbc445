"""Positional encoding: the sinusoids as a picture, similarity between positions, and the model without them."""

import random

import numpy as np
import streamlit as st

from figures import attention as fig
from models import dates, translator
from ui import datemodel, shell, textinput
from ui.urlstate import Setting

C = translator.Config()
SETTINGS = [
    Setting("width", C.d_model, lo=8, hi=256),
    Setting("length", 40, lo=4, hi=200),
    Setting("text", "24.11.2026"),
]
PER_FORMAT = 8  # held-out examples per format for the with/without comparison

ui = shell.page("positions", SETTINGS)
st.markdown(ui.t(".intro"))


@st.cache_data(max_entries=16, show_spinner=False)
def encoding(length: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    pe = translator.positional_encoding(length, width).numpy()
    unit = pe / np.linalg.norm(pe, axis=1, keepdims=True)
    return pe, unit @ unit.T


@st.cache_data(max_entries=1, show_spinner=False)
def heldout_sample() -> list[tuple[str, str, str]]:
    return [ex for f in dates.FORMATS for ex in translator.heldout(f, PER_FORMAT)]


@st.fragment
def picture():
    c1, c2 = st.columns(2)
    width = ui.widget(c1.slider, "width", step=8)
    length = ui.widget(c2.slider, "length")
    pe, sim = encoding(length, width)
    titles = [ui.t(".pe_title", length=length, width=width), ui.t(".sim_title")]
    st.plotly_chart(fig.encoding_and_similarity(pe, sim, titles, ui.t(".pos_axis")), key="pe")
    st.caption(ui.t(".pe_caption"))


picture()

st.subheader(ui.t(".without_title"))
ui.model(datemodel.NAME)
st.markdown(ui.t(".without_intro"))
s = textinput.typed(ui, "text", translator.MAX_INPUT, translator.unknown, make=st.text_input)
if s is not None:
    examples = [s] + [
        dates.example(f, dates.EXAMPLE, random.Random(0), noise=False)
        for f in ("korean_short", "us_slashes", "month_ordinal_year")
    ]
    with_pe, without_pe = datemodel.answers(tuple(examples)), datemodel.answers(tuple(examples), position=False)
    rows = [
        {ui.t(".input_col"): e, ui.t(".with_col"): a, ui.t(".without_col"): b}
        for e, a, b in zip(examples, with_pe, without_pe, strict=False)
    ]
    st.dataframe(rows, hide_index=True)
sample = heldout_sample()
truth = [iso for _, iso, _ in sample]
texts = tuple(t for t, _, _ in sample)
acc = {
    pos: np.mean([a == b for a, b in zip(datemodel.answers(texts, position=pos), truth, strict=False)])
    for pos in (True, False)
}
m1, m2 = st.columns(2)
m1.metric(ui.t(".acc_with"), f"{acc[True] * 100:.1f}%")
m2.metric(ui.t(".acc_without"), f"{acc[False] * 100:.1f}%")
st.caption(ui.t(".acc_caption", n=len(sample), formats=len(dates.FORMATS)))
