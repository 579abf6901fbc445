"""Vanishing and exploding gradients: how far back a gradient reaches in an RNN, an LSTM and a GRU."""

import streamlit as st

from figures import sequence as fig
from models import memory, text
from ui import seqmodels, shell, textinput
from ui.urlstate import Setting

DEFAULT = "A recurrent network reads one character at a time. How much does its state now depend on a character it read long ago?"
KINDS = ("rnn", "lstm", "gru")
MEMORY = tuple(seqmodels.MEMORY_MODELS)  # the three, and an RNN taught short distances first
SETTINGS = [
    Setting("text", DEFAULT),
    Setting("scale", 1.0, lo=0.1, hi=3.0),
    Setting("distance", 50, lo=1, hi=memory.MAX_T),
    Setting("seed", 0, lo=0, hi=9999),
]

ui = shell.page("gradients", SETTINGS)
st.markdown(ui.t(".intro"))
NAMES = {k: ui.t(f"seq.model_{k}") for k in MEMORY}
for kind in KINDS:
    ui.model(seqmodels.CHAR_MODELS[kind])
for kind in MEMORY:
    ui.model(seqmodels.MEMORY_MODELS[kind])

st.subheader(ui.t(".norms_title"))
s = textinput.typed(ui, "text", text.MAX_CHARS, lambda x: text.unknown(x, text.training_chars()), height=80)


@st.fragment
def norms():
    c1, c2 = st.columns([3, 1])
    scale = ui.widget(c1.slider, "scale", step=0.05)
    rho = scale * seqmodels.radius("rnn")
    c2.metric(ui.t(".radius"), f"{rho:.2f}")
    curves = {"rnn": seqmodels.gradient_norms("rnn", s, scale)}
    curves |= {k: seqmodels.gradient_norms(k, s) for k in ("lstm", "gru")}
    names = NAMES | {"rnn": ui.t(".rnn_scaled", scale=scale)}
    st.plotly_chart(fig.gradient_norms(curves, names, ui.t(".distance_axis"), ui.t(".norm_axis")), key="norms")
    st.caption(ui.t(".norms_caption", T=len(s)))


if s is not None:
    norms()


@st.fragment
def memory_task():
    st.subheader(ui.t(".memory_title"))
    st.markdown(ui.t(".memory_intro", n=len(memory.SYMBOLS), train_max=memory.TRAIN_MAX_T, max=memory.MAX_T))
    c1, c2 = st.columns([3, 1])
    T = ui.widget(c1.slider, "distance")
    seed = ui.widget(c2.number_input, "seed")
    cards = {k: ui.model(seqmodels.MEMORY_MODELS[k])[1]["metrics"]["test_accuracy_by_T"] for k in MEMORY}
    distances = [int(d) for d in cards["rnn"]]
    accuracy = {k: [cards[k][str(d)] for d in distances] for k in MEMORY}
    chart = fig.memory_accuracy(
        distances,
        accuracy,
        NAMES,
        1 / len(memory.SYMBOLS),
        ui.t(".T_axis"),
        ui.t(".accuracy_axis"),
        ui.t(".chance"),
        chosen=T,
    )
    st.plotly_chart(chart, key="memory")
    st.caption(ui.t(".memory_caption"))
    trial = seqmodels.recall(T, seed)
    target = memory.SYMBOLS[trial["target"]]
    st.code(trial["sequence"], language=None, wrap_lines=True)
    st.caption(ui.t(".sequence_caption", symbol=target, T=T))
    for col, kind in zip(st.columns(len(MEMORY)), MEMORY, strict=False):
        p = trial["answers"][kind]
        answer = memory.SYMBOLS[int(p.argmax())]
        col.metric(NAMES[kind], ui.t(".answer", symbol=answer))
        if answer == target:
            col.badge(ui.t(".right"), icon=":material/check:", color="green")
        else:
            col.badge(ui.t(".wrong"), icon=":material/close:", color="red")
        col.caption(ui.t(".p_right", p=p[trial["target"]] * 100))


memory_task()
