"""Markov against latent state: what a bigram model and a recurrent network expect next, character by character."""

import numpy as np
import streamlit as st

from figures import sequence as fig
from models import text
from ui import seqmodels, shell, textinput
from ui.urlstate import Setting

DEFAULT = 'The "print()" function writes its arguments to the stream, separated by spaces. For example, print("a", 1) writes "a 1".'
SETTINGS = [
    Setting("text", DEFAULT),
    Setting("model", "lstm", choices=("lstm", "gru", "rnn")),
    Setting("pos", 30, lo=1, hi=text.MAX_CHARS),
    Setting("temperature", 0.7, lo=0.1, hi=2.0),
    Setting("seed", 0, lo=0, hi=9999),
]

ui = shell.page("markov", SETTINGS)
st.markdown(ui.t(".intro"))
NAMES = {k: ui.t(f"seq.model_{k}") for k in ("bigram", "rnn", "lstm", "gru")}

c1, c2 = st.columns([3, 1])
with c1:
    s = textinput.typed(ui, "text", text.MAX_CHARS, lambda x: text.unknown(x, text.training_chars()), height=100)
kind = ui.widget(c2.segmented_control, "model", format_func=NAMES.get, required=True)
ui.model("bigram")
ui.model(seqmodels.CHAR_MODELS[kind])
if s is not None and len(s) < 2:
    st.info(ui.t(".too_short"))
    s = None

if s is not None:
    lm, bg = seqmodels.analyse(kind, s), seqmodels.bigram(s)
    bits_bg, bits_lm = -np.log2(bg["p_next"]), -np.log2(lm["p_next"])
    m1, m2, m3 = st.columns(3)
    m1.metric(ui.t(".bpc", model=NAMES["bigram"]), f"{bits_bg.mean():.2f}")
    m2.metric(
        ui.t(".bpc", model=NAMES[kind]),
        f"{bits_lm.mean():.2f}",
        f"{bits_lm.mean() - bits_bg.mean():+.2f}",
        delta_color="inverse",
    )
    m3.metric(ui.t(".total"), f"{bits_bg.sum():.0f} → {bits_lm.sum():.0f}")
    figure = fig.next_char(
        s, {"bigram": bg["p_next"], kind: lm["p_next"]}, NAMES, ui.t(".p_axis"), ui.t(".saved_axis"), ui.t(".saved")
    )
    st.plotly_chart(figure, key="next_char")
    st.caption(ui.t(".chart_caption", model=NAMES[kind]))

    @st.fragment
    def predictions():
        st.subheader(ui.t(".top_title"))
        st.session_state["pos"] = min(st.session_state["pos"], len(s))
        pos = ui.widget(st.slider, "pos", max_value=len(s))
        context = s[max(0, pos - 60) : pos]
        after = ui.t(".actual", char=textinput.shown(s[pos])) if pos < len(s) else ui.t(".end")
        st.code(("…" if pos > 60 else "") + context + "▌", language=None)
        st.caption(after)
        chars = text.training_chars()
        panels = [
            (
                [chars[i] for i in res["top_i"][pos - 1]],
                res["top_p"][pos - 1],
                ui.t(".top", model=NAMES[key]),
                fig.COLORS[key],
            )
            for key, res in (("bigram", bg), (kind, lm))
        ]
        st.plotly_chart(fig.top_predictions(panels), key="top")  # one figure: one redraw per new position

    predictions()

    @st.fragment
    def sampling():
        st.subheader(ui.t(".sample_title", model=NAMES[kind]))
        c1, c2 = st.columns([3, 1])
        temperature = ui.widget(c1.slider, "temperature", step=0.1)
        seed = ui.widget(c2.number_input, "seed")
        st.code(s[-80:] + seqmodels.continuation(kind, s, temperature, seed), language=None, wrap_lines=True)
        st.caption(ui.t(".sample_caption"))

    sampling()

with st.expander(ui.t(".cards"), expanded=s is None):
    rows = []
    for key, name in (("bigram", "bigram"), *((k, seqmodels.CHAR_MODELS[k]) for k in ("rnn", "gru", "lstm"))):
        m = ui.model(name)[1]["metrics"]
        rows.append({ui.t(".model_col"): NAMES[key], ui.t(".bpc_col"): m["test_bpc"]})
    orders = ui.model("bigram")[1]["metrics"]["ngram_test_bpc"]
    rows += [
        {ui.t(".model_col"): ui.t(".ngram", n=k.removeprefix("order_")), ui.t(".bpc_col"): v}
        for k, v in orders.items()
        if k != "order_2"
    ]
    st.dataframe(sorted(rows, key=lambda r: -r[ui.t(".bpc_col")]), hide_index=True)
    st.caption(ui.t(".cards_caption"))
