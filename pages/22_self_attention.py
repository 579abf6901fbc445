"""Self-attention, step by step: one query token's q, the keys, the scores, the scaling, the softmax and the sum."""

import math

import streamlit as st

from figures import attention as fig
from figures import diagrams
from models import translator
from ui import attnquery, computed, datemodel, i18n, lessons, shell, textinput, views
from ui.lessons import self_attention as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", lesson.EXAMPLE),
    Setting("layer", 1, lo=1, hi=C.n_encoder, browser=True),
    Setting("head", 1, lo=1, hi=C.n_heads, browser=True),
    Setting("token", 4, lo=1, hi=translator.MAX_INPUT, browser=True),
    Setting("scale", True),
]
CONTROLS = SETTINGS[1:3]  # the layer and the head only choose among views the browser already holds
QUERY = SETTINGS[1:4]  # with the token, they choose the query the browser draws (ui/attnquery.py)
HEADS = [(layer, head) for layer in range(1, C.n_encoder + 1) for head in range(1, C.n_heads + 1)]

page = shell.page("self_attention", SETTINGS, models=(datemodel.NAME,))
page.intro(d_k=D_K, heads=C.n_heads, d=C.d_model)
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
s = textinput.date_text(page)
typed = page["text"]  # what this run read; a guide step inside the fragment may type the example instead


@st.cache_data(max_entries=8, show_spinner=False)
def head_views(s: str, lang: str) -> dict[str, dict[str, dict]]:
    """Every encoder head's keys and values and its place in the model, for the browser to switch among:
    slot -> view -> part."""
    res = datemodel.run(s)
    labels = fig.tokens(res["input"])
    t = i18n.words("self_attention", lang)
    tall = max(300, 24 * len(labels) + 120)
    slots = {"k": {}, "v": {}, "where": {}}
    for layer, head in HEADS:
        name = views.combo((layer, head))
        a = res["encoder"][layer - 1]  # the model's own k and v: (heads, T, d_k)
        for slot, title in (("k", ".keys"), ("v", ".values")):
            m = fig.heatmap(a[slot][head - 1], labels, t(title), t(".dim_axis"), t(".token_axis"), t(".entry"), tall)
            slots[slot][name] = views.figure(m)
        drawing = diagrams.transformer(
            i18n.catalog(lang), C.n_encoder, C.n_decoder, C.n_heads, [("encoder", layer)], head
        )
        slots["where"][name] = views.svg(drawing)
    return slots


@st.cache_data(max_entries=8, show_spinner=False)
def first_scores(s: str, scale: bool, lang: str) -> dict:
    """The first token's score steps in the first head, as a chart part: the browser splits it anew around the
    query it draws, with that query's numbers (ui/attnquery.py)."""
    labels = fig.tokens(datemodel.run(s)["input"])
    t = i18n.words("self_attention", lang)
    a = datemodel.attention_step(s, 0, 0, 0, scale)
    rows = [
        (a["scores"], t(".scores", token=labels[0]), t(".score_axis")),
        (a["scaled"], t(".scaled"), t(".scaled_axis" if scale else ".score_axis")),
        (a["weights"], t(".weights"), t(".weight_axis")),
    ]
    words = dict(key=t(".key_axis"), own=t(".own_key", token=labels[0]), other=t(".other_keys"))
    return views.figure(fig.score_steps(labels, rows, 0, words))


@st.fragment
def steps(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    inp = res["input"]
    c1, c2, c3 = st.columns(3)
    page.widget(c1.slider, "layer")
    page.widget(c2.slider, "head")
    st.session_state["token"] = min(st.session_state["token"], len(inp))
    if len(inp) > 1:
        page.widget(c3.slider, "token", max_value=len(inp))
    scale = st.session_state["scale"]
    heads, queries = head_views(s, page.lang), datemodel.every_query(s, scale)
    # the query token's numbers in every head, drawn by the browser for the layer, head and token it holds
    query = attnquery.shared(page, QUERY, queries, fig.tokens(inp))
    blank = computed.blanks("token")
    attnquery.show("step1", "step1", query, queries, words=page.t(".step1", **blank))
    # q and the output are 16 numbers that change with the token: HTML rows, far cheaper to redraw than a chart
    attnquery.show("q", "q", query, queries, words=page.t(".q_of", **blank))
    left, right = st.columns([2, 1])
    views.show(page, "k", CONTROLS, heads["k"], left)
    views.show(page, "where", CONTROLS, heads["where"], right)

    facts = lambda: lesson.scaling_facts(s, page["layer"], page["head"], page["token"])  # noqa: E731
    lessons.ask(page, lesson.SCALING, facts)
    page.widget(st.toggle, "scale")
    st.markdown(
        page.t(".step2") + " " + page.t(".step3_scaled" if scale else ".step3_unscaled", root=math.sqrt(D_K), d_k=D_K)
    )
    titles = {"scores": page.t(".scores", **blank), "own": page.t(".own_key", **blank)}
    attnquery.show("scores", "scores", query, queries, part=first_scores(s, scale, page.lang), words=titles)
    attnquery.show("peak", "peak", query, queries, words=page.t(".peak", **computed.blanks("peak", "entropy")))
    if not scale:
        plain = datemodel.run(s, scale=False)["answer"]
        st.warning(page.t(".unscaled_model", answer=plain, real=res["answer"]), icon=":material/warning:")
    lessons.guide(page, lesson.QUERY, **lesson.query_facts())

    st.markdown(page.t(".step4"))
    views.show(page, "v", CONTROLS, heads["v"])
    attnquery.show("out", "out", query, queries, words=page.t(".out_of", **blank))
    if scale:
        attnquery.show("same", "same", query, queries, words=page.t(".same_as_model", **computed.blanks("diff")))
    lessons.guide(page, lesson.SUM, **lesson.sum_facts())


if s is not None:
    steps(datemodel.run(s))
