"""Self-attention, step by step: one query token's q, the keys, the scores, the scaling, the softmax and the sum."""

import math

import numpy as np
import streamlit as st

from figures import attention as fig
from figures import diagrams
from figures import sequence as seqfig
from models import translator
from ui import ahead, datemodel, i18n, lessons, shell, textinput, views
from ui.lessons import self_attention as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
D_K = C.d_model // C.n_heads
SETTINGS = [
    Setting("text", lesson.EXAMPLE),
    Setting("layer", 1, lo=1, hi=C.n_encoder, browser=True),
    Setting("head", 1, lo=1, hi=C.n_heads, browser=True),
    Setting("token", 4, lo=1, hi=translator.MAX_INPUT),
    Setting("scale", True),
]
CONTROLS = SETTINGS[1:3]  # the layer and the head only choose among views the browser already holds
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


def score_words(s: str, token: int, scale: bool, lang: str) -> tuple[list[str], list[tuple[str, str]], dict]:
    """The score steps' words for one query token: the token labels, each row's (title, axis), the legend."""
    labels = fig.tokens(datemodel.run(s)["input"])
    t = i18n.words("self_attention", lang)
    q = labels[token - 1]
    titles = [
        (t(".scores", token=q), t(".score_axis")),
        (t(".scaled"), t(".scaled_axis" if scale else ".score_axis")),
        (t(".weights"), t(".weight_axis")),
    ]
    return labels, titles, dict(key=t(".key_axis"), own=t(".own_key", token=q), other=t(".other_keys"))


def steps_of(s: str, layer: int, head: int, q_t: int, scale: bool) -> tuple[dict, list[np.ndarray]]:
    a = datemodel.attention_step(s, layer - 1, head - 1, q_t, scale)
    return a, [a["scores"], a["scaled"], a["weights"]]


@st.cache_data(max_entries=8, show_spinner=False)
def first_scores(s: str, scale: bool, lang: str) -> dict:
    """The first token's score steps in the first head, as a chart part: every token's chart is this one split
    anew (fig.rechoose_part), a fraction of the cost of building it."""
    labels, titles, words = score_words(s, 1, scale, lang)
    rows = steps_of(s, *HEADS[0], 0, scale)[1]
    return views.figure(fig.score_steps(labels, [(r, *tt) for r, tt in zip(rows, titles, strict=True)], 0, words))


@st.cache_data(max_entries=32, show_spinner=False)
def query_views(s: str, token: int, scale: bool, lang: str) -> dict[str, dict[str, dict]]:
    """One query token in every encoder head: its q, scores, scaled scores, weights and output, with the
    sentences about them: slot -> view -> part."""
    labels, titles, words = score_words(s, token, scale, lang)
    t = i18n.words("self_attention", lang)
    q_t = token - 1
    own = np.arange(len(labels)) == q_t
    slots = {"q": {}, "scores": {}, "peak": {}, "out": {}, "same": {}}
    scores = None
    for layer, head in HEADS:
        name = views.combo((layer, head))
        a, rows = steps_of(s, layer, head, q_t, scale)
        if scores is None:  # one figure made; the other heads' are the same figure with their numbers
            scores = fig.rechoose_part(first_scores(s, scale, lang), labels, rows, q_t, titles[0][0], words["own"])
        # fig.score_steps draws each row as two bar traces: the other keys, then the query's own key
        slots["scores"][name] = views.refill(scores, [r[mask] for r in rows for mask in (~own, own)])
        slots["q"][name] = views.html(seqfig.vector(a["q"], t(".q_of", token=labels[q_t])))
        slots["out"][name] = views.html(seqfig.vector(a["out"], t(".out_of", token=labels[q_t])))
        slots["peak"][name] = views.text(t(".peak", peak=a["peak"] * 100, entropy=a["entropy_bits"]), "caption")
        if scale:
            slots["same"][name] = views.text(t(".same_as_model", diff=a["diff_from_model"]), "caption")
    return slots


@st.fragment
def steps(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    inp = res["input"]
    c1, c2, c3 = st.columns(3)
    page.widget(c1.slider, "layer")
    page.widget(c2.slider, "head")
    st.session_state["token"] = min(st.session_state["token"], len(inp))
    token = page.widget(c3.slider, "token", max_value=len(inp)) if len(inp) > 1 else 1
    scale = st.session_state["scale"]
    heads, query = head_views(s, page.lang), query_views(s, token, scale, page.lang)
    st.markdown(page.t(".step1", token=fig.tokens(inp)[token - 1]))
    # q and the output are 16 numbers that change with the token: HTML rows, far cheaper to redraw than a chart
    views.show(page, "q", CONTROLS, query["q"])
    left, right = st.columns([2, 1])
    views.show(page, "k", CONTROLS, heads["k"], left)
    views.show(page, "where", CONTROLS, heads["where"], right)

    lessons.ask(page, lesson.SCALING, lambda: lesson.scaling_facts(s, page["layer"], page["head"], token))
    page.widget(st.toggle, "scale")
    st.markdown(
        page.t(".step2") + " " + page.t(".step3_scaled" if scale else ".step3_unscaled", root=math.sqrt(D_K), d_k=D_K)
    )
    views.show(page, "scores", CONTROLS, query["scores"])
    views.show(page, "peak", CONTROLS, query["peak"])
    if not scale:
        plain = datemodel.run(s, scale=False)["answer"]
        st.warning(page.t(".unscaled_model", answer=plain, real=res["answer"]), icon=":material/warning:")
    lessons.guide(page, lesson.QUERY, **lesson.query_facts())

    st.markdown(page.t(".step4"))
    views.show(page, "v", CONTROLS, heads["v"])
    views.show(page, "out", CONTROLS, query["out"])
    if scale:
        views.show(page, "same", CONTROLS, query["same"])
    lessons.guide(page, lesson.SUM, **lesson.sum_facts())

    # the next token's views, in the direction the slider last moved, computed in the background for the
    # student's next arrow press; not after a jump (a drag, a typed address), which says nothing of the next one
    following = ahead.following(st.session_state, "_self_attention_token_before", token, 1, 1, len(inp))
    if following is not None:
        nxt = (s, following, scale, page.lang)
        ahead.later(("self_attention-token", *nxt), lambda: query_views(*nxt))


if s is not None:
    steps(datemodel.run(s))
