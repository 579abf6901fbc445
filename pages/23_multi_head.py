"""Multi-head attention: every head side by side, then their concatenation and the output projection."""

import numpy as np
import streamlit as st

from figures import attention as fig
from figures import diagrams
from models import translator
from ui import datemodel, i18n, lessons, shell, textinput
from ui.lessons import multi_head as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", lesson.EXAMPLE),
    Setting("block", "encoder", choices=("encoder", "decoder", "cross")),
    Setting("layer", 1, lo=1, hi=min(C.n_encoder, C.n_decoder)),
]

page = shell.page("multi_head", SETTINGS, models=(datemodel.NAME,))
page.intro(heads=C.n_heads, d_k=D_K, d=C.d_model)
s = textinput.date_text(page)
typed = page["text"]  # what this run read; a lesson inside the fragment may type its example instead


@st.fragment
def heads(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    c1, c2 = st.columns([2, 1])
    block = page.widget(c1.segmented_control, "block", format_func=lambda b: page.t(f".block_{b}"), required=True)
    layer = page.widget(c2.slider, "layer")
    ins, outs = fig.tokens(res["input"]), fig.tokens(res["answer"])
    queries = ins if block == "encoder" else outs
    keys = {"encoder": ins, "decoder": fig.decoder_keys(outs), "cross": ins}[block]
    n_q = len(queries)
    weights = res[block][layer - 1]["weights"][:, :n_q, : len(keys)]  # (heads, T_q, T_k)
    allowed = np.tri(n_q, dtype=bool) if block == "decoder" else None
    titles = [page.t(".head_n", n=h + 1) for h in range(C.n_heads)]
    words = dict(query=page.t(f".query_{block}"), key=page.t(f".key_{block}"), weight=page.t(".weight"))
    left, right = st.columns([2, 1])
    left.plotly_chart(fig.head_maps(weights, queries, keys, titles, words, allowed), key="heads")
    left.caption(page.t(".heads_caption"))
    where = diagrams.transformer(i18n.catalog(page.lang), C.n_encoder, C.n_decoder, C.n_heads, [(block, layer)])
    right.container(key="where").image(where)  # every head of this block: all lit
    lessons.guide(page, lesson.ROLES, **lesson.roles_facts())
    lessons.ask(page, lesson.SAME_HEAD, lesson.same_head_facts)

    parts = datemodel.heads_output(s, block, layer - 1)
    concat, projected = parts["concat"][:n_q], parts["projected"][:n_q]
    st.markdown(page.t(".concat_md", heads=C.n_heads, d_k=D_K, d=C.d_model))
    bounds = [D_K * h - 0.5 for h in range(1, C.n_heads)]
    titles = [page.t(".concat", heads=C.n_heads), page.t(".projected")]
    both = fig.side_by_side(
        [concat, projected], queries, titles, page.t(".dim_axis"), words["query"], page.t(".value"), boundaries=bounds
    )
    st.plotly_chart(both, key="concat")
    st.caption(page.t(".projection_caption", d=C.d_model))
    lessons.guide(page, lesson.MIX, d_k=D_K, **lesson.mix_facts(block, layer))


if s is not None:
    heads(datemodel.run(s))
