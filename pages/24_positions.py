"""Positional encoding: the sinusoids as a picture, similarity between positions, and the model without them."""

import random

import streamlit as st

from figures import attention as fig
from models import translator
from models.data import dates
from ui import datemodel, lessons, shell, textinput, views
from ui.lessons import positions as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
SETTINGS = [
    Setting("width", C.d_model, lo=8, hi=256),
    Setting("length", 40, lo=4, hi=200),
    Setting("text", lesson.EXAMPLE),
    Setting("without", False),  # off until the student has predicted what removing the encoding does
]

page = shell.page("positions", SETTINGS)
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads


@st.fragment
def picture():
    c1, c2 = st.columns(2)
    width = page.widget(c1.slider, "width", step=8)
    length = page.widget(c2.slider, "length")
    pe, sim = datemodel.encoding(length, width)
    titles = [page.t(".pe_title", length=length, width=width), page.t(".sim_title")]
    views.chart(page, "pe", fig.encoding_and_similarity(pe, sim, titles, page.t(".pos_axis"), page.t(".value")))
    st.caption(page.t(".pe_caption"))
    lessons.guide(page, lesson.CLOCKS, **lesson.clocks_facts())


picture()

st.subheader(page.t(".without_title"))
if not page.need(datemodel.NAME):  # the sinusoids above need no model; the comparison below does
    st.stop()
st.markdown(page.t(".without_intro"))
acc = datemodel.heldout_accuracy(True)
lessons.ask(page, lesson.ACCURACY, lesson.accuracy_facts)
without = page.widget(st.toggle, "without")
s = textinput.date_text(page)
if s is not None:
    examples = [s] + [
        dates.example(f, dates.EXAMPLE, random.Random(0), noise=False)
        for f in ("korean_short", "us_slashes", "month_ordinal_year")
    ]
    answers = datemodel.answers(tuple(examples))
    rows = [{page.t(".input_col"): e, page.t(".with_col"): a} for e, a in zip(examples, answers, strict=True)]
    if without:
        for row, b in zip(rows, datemodel.answers(tuple(examples), position=False), strict=True):
            row[page.t(".without_col")] = b
    textinput.table(rows)
m1, m2 = st.columns(2)
m1.metric(page.t(".acc_with"), f"{acc['accuracy'] * 100:.1f}%")
if without:
    m2.metric(page.t(".acc_without"), f"{datemodel.heldout_accuracy(False)['accuracy'] * 100:.1f}%")
st.caption(page.t(".acc_caption", n=acc["n"], formats=len(dates.FORMATS)))
lessons.guide(page, lesson.BAG, **lesson.bag_facts())
