"""Vanishing and exploding gradients: how far back a gradient reaches in an RNN, an LSTM and a GRU."""

import streamlit as st

from figures import sequence as fig
from models import memory
from ui import lessons, seqmodels, shell, textinput, views
from ui.lessons import gradients as lesson
from ui.urlstate import Setting

KINDS = ("rnn", "lstm", "gru")
MEMORY = tuple(seqmodels.MEMORY_MODELS)  # the three, and an RNN taught short distances first
SETTINGS = [
    Setting("text", lesson.DEFAULT),
    Setting("scale", 1.0, lo=0.1, hi=3.0),
    Setting("distance", 50, lo=1, hi=memory.MAX_T),
    Setting("seed", 0, lo=0, hi=9999),
]

page = shell.page("gradients", SETTINGS, models=(*seqmodels.CHAR_MODELS.values(), *seqmodels.MEMORY_MODELS.values()))
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
NAMES = {k: page.t(f"seq.model_{k}") for k in MEMORY}

st.subheader(page.t(".norms_title"))
lessons.ask(page, lesson.RADIUS, lesson.radius_facts)  # about the example text, whatever is typed
s = textinput.english_text(page, height=80)


@st.fragment
def norms():
    c1, c2 = st.columns([3, 1])
    scale = page.widget(c1.slider, "scale", step=0.05)
    rho = scale * seqmodels.radius("rnn")
    c2.markdown(f"{page.t('.radius')}  \n**{rho:.2f}**")  # two short lines, not a tall metric
    curves = {"rnn": seqmodels.gradient_norms("rnn", s, scale)}
    curves |= {k: seqmodels.gradient_norms(k, s) for k in ("lstm", "gru")}
    names = NAMES | {"rnn": page.t(".rnn_scaled", scale=scale)}
    views.chart(page, "norms", fig.gradient_norms(curves, names, page.t(".distance_axis"), page.t(".norm_axis")))
    st.caption(page.t(".norms_caption", T=len(s)))


if s is not None:
    norms()
    lessons.guide(page, lesson.NORMS)  # outside the fragment: its first step also resets the text


@st.fragment
def memory_task():
    st.subheader(page.t(".memory_title"))
    st.markdown(page.t(".memory_intro", n=len(memory.SYMBOLS), train_max=memory.TRAIN_MAX_T, max=memory.MAX_T))
    lessons.ask(page, lesson.CURRICULUM, lesson.curriculum_facts)
    c1, c2 = st.columns([3, 1])
    T = page.widget(c1.slider, "distance")
    seed = page.widget(c2.number_input, "seed")
    cards = {k: page.card(seqmodels.MEMORY_MODELS[k])["metrics"]["test_accuracy_by_T"] for k in MEMORY}
    distances = [int(d) for d in cards["rnn"]]
    accuracy = {k: [cards[k][str(d)] for d in distances] for k in MEMORY}
    chart = fig.memory_accuracy(
        distances,
        accuracy,
        NAMES,
        1 / len(memory.SYMBOLS),
        page.t(".T_axis"),
        page.t(".accuracy_axis"),
        page.t(".chance"),
        chosen=T,
    )
    views.chart(page, "memory", chart)
    st.caption(page.t(".memory_caption"))
    trial = seqmodels.recall(T, seed)
    target = memory.SYMBOLS[trial["target"]]
    st.code(trial["sequence"], language=None, wrap_lines=True)
    st.caption(page.t(".sequence_caption", symbol=target, T=T))
    for col, kind in zip(st.columns(len(MEMORY)), MEMORY, strict=False):
        p = trial["answers"][kind]
        answer = memory.SYMBOLS[int(p.argmax())]
        col.metric(NAMES[kind], page.t(".answer", symbol=answer))
        if answer == target:
            col.badge(page.t(".right"), icon=":material/check:", color="green")
        else:
            col.badge(page.t(".wrong"), icon=":material/close:", color="red")
        col.caption(page.t(".p_right", p=p[trial["target"]] * 100))
    lessons.guide(page, lesson.MEMORY)


memory_task()
