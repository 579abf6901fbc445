"""Positional encoding: the sinusoids as a picture, similarity between positions, and the model without them."""

import random

import streamlit as st

from figures import attention as fig
from models import dates, translator
from ui import datemodel, shell, textinput
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
SETTINGS = [
    Setting("width", C.d_model, lo=8, hi=256),
    Setting("length", 40, lo=4, hi=200),
    Setting("text", "24.11.2026"),
]

page = shell.page("positions", SETTINGS)
st.markdown(page.t(".intro"))


@st.fragment
def picture():
    c1, c2 = st.columns(2)
    width = page.widget(c1.slider, "width", step=8)
    length = page.widget(c2.slider, "length")
    pe, sim = datemodel.encoding(length, width)
    titles = [page.t(".pe_title", length=length, width=width), page.t(".sim_title")]
    st.plotly_chart(fig.encoding_and_similarity(pe, sim, titles, page.t(".pos_axis")), key="pe")
    st.caption(page.t(".pe_caption"))


picture()

st.subheader(page.t(".without_title"))
if not page.need(datemodel.NAME):  # the sinusoids above need no model; the comparison below does
    st.stop()
st.markdown(page.t(".without_intro"))
s = textinput.date_text(page)
if s is not None:
    examples = [s] + [
        dates.example(f, dates.EXAMPLE, random.Random(0), noise=False)
        for f in ("korean_short", "us_slashes", "month_ordinal_year")
    ]
    with_pe, without_pe = datemodel.answers(tuple(examples)), datemodel.answers(tuple(examples), position=False)
    rows = [
        {page.t(".input_col"): e, page.t(".with_col"): a, page.t(".without_col"): b}
        for e, a, b in zip(examples, with_pe, without_pe, strict=False)
    ]
    st.dataframe(rows, hide_index=True)
acc, n = datemodel.heldout_accuracy(True), datemodel.heldout_accuracy(False)
m1, m2 = st.columns(2)
m1.metric(page.t(".acc_with"), f"{acc['accuracy'] * 100:.1f}%")
m2.metric(page.t(".acc_without"), f"{n['accuracy'] * 100:.1f}%")
st.caption(page.t(".acc_caption", n=acc["n"], formats=len(dates.FORMATS)))
