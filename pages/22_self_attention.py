"""Self-attention, step by step: one query token's q, the keys, the scores, the scaling, the softmax and the sum."""

import math

import numpy as np
import streamlit as st

from figures import attention as fig
from figures import sequence as seqfig
from models import translator
from ui import datemodel, shell, textinput
from ui.urlstate import Setting

C = translator.Config()
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", "24 Nov 2026"),
    Setting("layer", 1, lo=1, hi=C.n_encoder),
    Setting("head", 1, lo=1, hi=C.n_heads),
    Setting("token", 4, lo=1, hi=translator.MAX_INPUT),
    Setting("scale", True),
]

ui = shell.page("self_attention", SETTINGS)
st.markdown(ui.t(".intro", d_k=D_K, heads=C.n_heads, d=C.d_model))
ui.model(datemodel.NAME)
s = textinput.typed(ui, "text", translator.MAX_INPUT, translator.unknown, make=st.text_input)


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


@st.fragment
def steps(res: dict):
    inp = res["input"]
    c1, c2, c3 = st.columns(3)
    layer = ui.widget(c1.slider, "layer")
    head = ui.widget(c2.slider, "head")
    st.session_state["token"] = min(st.session_state["token"], len(inp))
    token = ui.widget(c3.slider, "token", max_value=len(inp)) if len(inp) > 1 else 1
    a = res["encoder"][layer - 1]
    h, t = head - 1, token - 1
    labels = fig.tokens(inp)
    q, k, v = a["q"][h], a["k"][h], a["v"][h]  # (T, d_k) each
    st.markdown(ui.t(".step1", token=labels[t]))
    # q and the output are 16 numbers that change with the token: HTML rows, far cheaper to redraw than a chart
    st.html(seqfig.vector(q[t], ui.t(".q_of", token=labels[t])))
    tall = max(220, 22 * len(inp))
    st.plotly_chart(fig.heatmap(k, labels, ui.t(".keys"), ui.t(".dim_axis"), tall), key="k")

    scale = ui.widget(st.toggle, "scale")
    scores = a["scores"][h, t]
    scaled = scores / math.sqrt(D_K) if scale else scores
    weights = softmax(scaled)
    st.markdown(
        ui.t(".step2") + " " + ui.t(".step3_scaled" if scale else ".step3_unscaled", root=math.sqrt(D_K), d_k=D_K)
    )
    rows = [(scores, ui.t(".scores", token=labels[t])), (scaled, ui.t(".scaled")), (weights, ui.t(".weights"))]
    st.plotly_chart(fig.score_steps(labels, rows, int(weights.argmax()), t), key="scores")
    st.caption(ui.t(".peak", peak=weights.max() * 100, entropy=-(weights * np.log2(weights + 1e-12)).sum()))
    if not scale:
        plain = datemodel.run(s, scale=False)["answer"]
        st.warning(ui.t(".unscaled_model", answer=plain, real=res["answer"]), icon=":material/warning:")

    st.markdown(ui.t(".step4"))
    out = weights @ v
    st.plotly_chart(fig.heatmap(v, labels, ui.t(".values"), ui.t(".dim_axis"), tall), key="v")
    st.html(seqfig.vector(out, ui.t(".out_of", token=labels[t])))
    if scale:
        check = float(np.abs(q[t] @ k.T - scores).max())
        st.caption(ui.t(".same_as_model", diff=max(check, float(np.abs(out - a["out"][h, t]).max()))))


if s is not None:
    steps(datemodel.run(s))
