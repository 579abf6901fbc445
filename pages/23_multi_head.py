"""Multi-head attention: every head side by side, then their concatenation and the output projection."""

import numpy as np
import streamlit as st

from figures import attention as fig
from models import translator
from ui import datemodel, shell, textinput
from ui.urlstate import Setting

C = translator.Config()
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", "2026년 11월 24일 화요일"),
    Setting("block", "encoder", choices=("encoder", "decoder", "cross")),
    Setting("layer", 1, lo=1, hi=min(C.n_encoder, C.n_decoder)),
]
BOS = "⟨s⟩"

ui = shell.page("multi_head", SETTINGS)
st.markdown(ui.t(".intro", heads=C.n_heads, d_k=D_K, d=C.d_model))
ui.model(datemodel.NAME)
s = textinput.typed(ui, "text", translator.MAX_INPUT, translator.unknown, make=st.text_input)


@st.fragment
def heads(res: dict):
    c1, c2 = st.columns([2, 1])
    block = ui.widget(c1.segmented_control, "block", format_func=lambda b: ui.t(f".block_{b}"), required=True)
    layer = ui.widget(c2.slider, "layer")
    ins, outs = fig.tokens(res["input"]), fig.tokens(res["answer"])
    queries = ins if block == "encoder" else outs
    keys = {"encoder": ins, "decoder": [f"0·{BOS}", *outs[:-1]], "cross": ins}[block]
    n_q = len(queries)
    weights = res[block][layer - 1]["weights"][:, :n_q, : len(keys)]  # (heads, T_q, T_k)
    allowed = np.tri(n_q, dtype=bool) if block == "decoder" else None
    titles = [ui.t(".head_n", n=h + 1) for h in range(C.n_heads)]
    st.plotly_chart(fig.head_maps(weights, queries, keys, titles, allowed), key="heads")
    st.caption(ui.t(".heads_caption"))

    parts = datemodel.heads_output(s, block, layer - 1)
    concat, projected = parts["concat"][:n_q], parts["projected"][:n_q]
    st.markdown(ui.t(".concat_md", heads=C.n_heads, d_k=D_K, d=C.d_model))
    bounds = [D_K * h - 0.5 for h in range(1, C.n_heads)]
    titles = [ui.t(".concat", heads=C.n_heads), ui.t(".projected")]
    both = fig.side_by_side([concat, projected], queries, titles, ui.t(".dim_axis"), boundaries=bounds)
    st.plotly_chart(both, key="concat")
    st.caption(ui.t(".projection_caption", d=C.d_model))


if s is not None:
    heads(datemodel.run(s))
