"""Self-attention, step by step: one query token's q, the keys, the scores, the scaling, the softmax and the sum."""

import math

import streamlit as st

from figures import attention as fig
from figures import diagrams
from figures import sequence as seqfig
from models import translator
from ui import datemodel, i18n, lessons, shell, textinput, views
from ui.lessons import self_attention as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", lesson.EXAMPLE),
    Setting("layer", 1, lo=1, hi=C.n_encoder),
    Setting("head", 1, lo=1, hi=C.n_heads),
    Setting("token", 4, lo=1, hi=translator.MAX_INPUT),
    Setting("scale", True),
]

page = shell.page("self_attention", SETTINGS, models=(datemodel.NAME,))
page.intro(d_k=D_K, heads=C.n_heads, d=C.d_model)
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
s = textinput.date_text(page)
typed = page["text"]  # what this run read; a guide step inside the fragment may type the example instead


@st.fragment
def steps(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    inp = res["input"]
    c1, c2, c3 = st.columns(3)
    layer = page.widget(c1.slider, "layer")
    head = page.widget(c2.slider, "head")
    st.session_state["token"] = min(st.session_state["token"], len(inp))
    token = page.widget(c3.slider, "token", max_value=len(inp)) if len(inp) > 1 else 1
    t = token - 1
    labels = fig.tokens(inp)
    scale = st.session_state["scale"]
    a = datemodel.attention_step(s, layer - 1, head - 1, t, scale)
    st.markdown(page.t(".step1", token=labels[t]))
    # q and the output are 16 numbers that change with the token: HTML rows, far cheaper to redraw than a chart
    st.html(seqfig.vector(a["q"], page.t(".q_of", token=labels[t])))
    tall = max(300, 24 * len(inp) + 120)
    k_map = fig.heatmap(
        a["k"], labels, page.t(".keys"), page.t(".dim_axis"), page.t(".token_axis"), page.t(".entry"), tall
    )
    left, right = st.columns([2, 1])
    views.chart(page, "k", k_map, left)
    where = diagrams.transformer(
        i18n.catalog(page.lang), C.n_encoder, C.n_decoder, C.n_heads, [("encoder", layer)], head
    )
    right.container(key="where").image(where)

    lessons.ask(page, lesson.SCALING, lambda: lesson.scaling_facts(s, layer, head, token))
    page.widget(st.toggle, "scale")
    st.markdown(
        page.t(".step2") + " " + page.t(".step3_scaled" if scale else ".step3_unscaled", root=math.sqrt(D_K), d_k=D_K)
    )
    rows = [
        (a["scores"], page.t(".scores", token=labels[t]), page.t(".score_axis")),
        (a["scaled"], page.t(".scaled"), page.t(".scaled_axis" if scale else ".score_axis")),
        (a["weights"], page.t(".weights"), page.t(".weight_axis")),
    ]
    words = dict(key=page.t(".key_axis"), own=page.t(".own_key", token=labels[t]), other=page.t(".other_keys"))
    views.chart(page, "scores", fig.score_steps(labels, rows, t, words))
    st.caption(page.t(".peak", peak=a["peak"] * 100, entropy=a["entropy_bits"]))
    if not scale:
        plain = datemodel.run(s, scale=False)["answer"]
        st.warning(page.t(".unscaled_model", answer=plain, real=res["answer"]), icon=":material/warning:")
    lessons.guide(page, lesson.QUERY, **lesson.query_facts())

    st.markdown(page.t(".step4"))
    v_map = fig.heatmap(
        a["v"], labels, page.t(".values"), page.t(".dim_axis"), page.t(".token_axis"), page.t(".entry"), tall
    )
    views.chart(page, "v", v_map)
    st.html(seqfig.vector(a["out"], page.t(".out_of", token=labels[t])))
    if scale:
        st.caption(page.t(".same_as_model", diff=a["diff_from_model"]))
    lessons.guide(page, lesson.SUM, **lesson.sum_facts())


if s is not None:
    steps(datemodel.run(s))
