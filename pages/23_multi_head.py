"""Multi-head attention: every head side by side, then their concatenation and the output projection."""

import numpy as np
import streamlit as st

from figures import attention as fig
from figures import diagrams
from models import translator
from ui import datemodel, i18n, lessons, shell, textinput, views
from ui.lessons import multi_head as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", lesson.EXAMPLE),
    Setting("block", "encoder", choices=("encoder", "decoder", "cross"), browser=True),
    Setting("layer", 1, lo=1, hi=min(C.n_encoder, C.n_decoder), browser=True),
]

page = shell.page("multi_head", SETTINGS, models=(datemodel.NAME,))
page.intro(heads=C.n_heads, d_k=D_K, d=C.d_model)
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
s = textinput.date_text(page)
typed = page["text"]  # what this run read; a lesson inside the fragment may type its example instead


BLOCKS = SETTINGS[1].choices
CONTROLS = SETTINGS[1:3]  # block and layer: they choose among the views below


def queries_keys(res: dict, block: str) -> tuple[list[str], list[str]]:
    ins, outs = fig.tokens(res["input"]), fig.tokens(res["answer"])
    queries = ins if block == "encoder" else outs
    return queries, {"encoder": ins, "decoder": fig.decoder_keys(outs), "cross": ins}[block]


@st.cache_data(max_entries=8, show_spinner=False)
def block_views(s: str, lang: str) -> dict[str, dict[str, dict]]:
    """Every block and layer's heads, diagram and concatenation, for the browser to switch among:
    slot -> view -> part."""
    res = datemodel.run(s)
    t = lambda key, **v: i18n.t(f"multi_head{key}", lang, **v)  # noqa: E731
    slots = {"heads": {}, "where": {}, "concat": {}}
    for block in BLOCKS:
        queries, keys = queries_keys(res, block)
        n_q = len(queries)
        words = dict(query=t(f".query_{block}"), key=t(f".key_{block}"), weight=t(".weight"))
        allowed = np.tri(n_q, dtype=bool) if block == "decoder" else None
        for layer in range(1, SETTINGS[2].hi + 1):
            name = views.combo((block, layer))
            weights = res[block][layer - 1]["weights"][:, :n_q, : len(keys)]  # (heads, T_q, T_k)
            titles = [t(".head_n", n=h + 1) for h in range(C.n_heads)]
            slots["heads"][name] = views.figure(fig.head_maps(weights, queries, keys, titles, words, allowed))
            where = diagrams.transformer(i18n.catalog(lang), C.n_encoder, C.n_decoder, C.n_heads, [(block, layer)])
            slots["where"][name] = views.svg(where)  # every head of this block: all lit
            parts = datemodel.heads_output(s, block, layer - 1)
            bounds = [D_K * h - 0.5 for h in range(1, C.n_heads)]
            both = fig.side_by_side(
                [parts["concat"][:n_q], parts["projected"][:n_q]],
                queries,
                [t(".concat", heads=C.n_heads), t(".projected")],
                t(".dim_axis"),
                words["query"],
                t(".value"),
                boundaries=bounds,
            )
            slots["concat"][name] = views.figure(both)
    return slots


@st.fragment
def heads(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    c1, c2 = st.columns([2, 1])
    # the block and the layer only choose among views the browser already holds: they switch in one frame
    page.widget(c1.segmented_control, "block", format_func=lambda b: page.t(f".block_{b}"), required=True)
    page.widget(c2.slider, "layer")
    slots = block_views(s, page.lang)
    left, right = st.columns([2, 1])
    views.show(page, "heads", CONTROLS, slots["heads"], left)
    left.caption(page.t(".heads_caption"))
    views.show(page, "where", CONTROLS, slots["where"], right)
    lessons.guide(page, lesson.ROLES, **lesson.roles_facts())
    lessons.ask(page, lesson.SAME_HEAD, lesson.same_head_facts)
    st.markdown(page.t(".concat_md", heads=C.n_heads, d_k=D_K, d=C.d_model))
    views.show(page, "concat", CONTROLS, slots["concat"])
    st.caption(page.t(".projection_caption", d=C.d_model))
    notices = {
        views.combo((b, n)): views.text("→ " + page.t(".mix.notice", d_k=D_K, **lesson.mix_facts(b, n)))
        for b in BLOCKS
        for n in range(1, SETTINGS[2].hi + 1)
    }
    mix = lambda: views.show(page, "mix_notice", CONTROLS, notices)  # noqa: E731
    lessons.guide(page, lesson.MIX, notice=mix, d_k=D_K)


if s is not None:
    heads(datemodel.run(s))
