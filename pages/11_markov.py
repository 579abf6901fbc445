"""Markov against latent state: what a bigram model and a recurrent network expect next, character by character."""

import numpy as np
import streamlit as st

from figures import sequence as fig
from models.data import text
from ui import ahead, computed, i18n, lessons, seqmodels, shell, textinput, toppreds, views
from ui.lessons import markov as lesson
from ui.urlstate import Setting

SETTINGS = [
    Setting("text", lesson.DEFAULT),
    Setting("model", "lstm", choices=("lstm", "gru", "rnn")),
    # after 'The "print': the network expects '(', the bigram cannot; the browser draws each position (ui/toppreds.py)
    Setting("pos", 10, lo=1, hi=text.MAX_CHARS, browser=True),
    Setting("temperature", 0.7, lo=0.1, hi=2.0),
    Setting("seed", 0, lo=0, hi=9999),
]


def names(lang: str) -> dict[str, str]:
    return {k: i18n.t(f"seq.model_{k}", lang) for k in ("bigram", "rnn", "lstm", "gru")}


# The charts are kept, made, per model, text and language (a student goes back and forth between models):
@st.cache_data(max_entries=16, show_spinner=False)
def next_char(kind: str, s: str, lang: str) -> dict:
    """Both models' probability of each next character and the bits the network saves, as a chart part."""
    t = lambda key, **v: i18n.t(f"markov{key}", lang, **v)  # noqa: E731
    p_next = {"bigram": seqmodels.bigram(s)["p_next"], kind: seqmodels.analyse(kind, s)["p_next"]}
    axes = (t(".p_axis"), t(".saved_axis"), t(".saved"), t(".char_axis"), t(".position", t="%{x}"))
    return views.figure(fig.next_char(s, p_next, names(lang), *axes))


@st.cache_data(max_entries=16, show_spinner=False)
def top_chart(kind: str, s: str, lang: str) -> dict:
    """Each model's most likely next characters after the first character, as a chart part: the browser draws
    every position's bars into it (ui/toppreds.py)."""
    t = lambda key, **v: i18n.t(f"markov{key}", lang, **v)  # noqa: E731
    # each panel named by its model alone: the section's heading says what they show, and two longer titles
    # ran into each other on a phone
    panels = [(*top_bars(res, 1), names(lang)[key], fig.COLORS[key]) for key, res in results(kind, s)]
    return views.figure(fig.top_predictions(panels, t(".top_p_axis"), t(".top_char_axis")))


def results(kind: str, s: str) -> tuple:
    """The bigram's and this model's reading of the text, by name."""
    return ("bigram", seqmodels.bigram(s)), (kind, seqmodels.analyse(kind, s))


def top_bars(res: dict, pos: int) -> tuple[list[str], np.ndarray]:
    chars = text.training_chars()
    return [chars[i] for i in res["top_i"][pos - 1]], res["top_p"][pos - 1]


def views_of(kind: str, s: str, temperature: float, seed: int, lang: str) -> None:
    """What a run for this model computes (into the caches): its chart, its top characters, its sample."""
    next_char(kind, s, lang)
    top_chart(kind, s, lang)
    seqmodels.continuation(kind, s, temperature, seed)


def held_views(kind: str, s: str, lang: str) -> None:
    """What the browser holds of another model (computed ahead of a click): its chart, its top characters'."""
    next_char(kind, s, lang)
    top_chart(kind, s, lang)


def held(kind: str, s: str, lang: str) -> list[str]:
    """The models whose views the browser holds: this one and those computed ahead (held_views). A click on
    one of them shows its charts at once, before the run, which then finds them shown."""
    return [k for k in MODEL[0].choices if k == kind or ahead.done(("markov", k, s, lang))]


page = shell.page("markov", SETTINGS, models=("bigram", *seqmodels.CHAR_MODELS.values()))
MODEL = SETTINGS[1:2]  # reruns the section, and its charts follow it in the browser at once
POSITION = SETTINGS[1:3]  # the model and the position: the top characters the browser draws
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
NAMES = names(page.lang)


# A fragment: a new model or text redraws this section, not the page around it (the sidebar's links, the
# introduction, the cards): the model's click 15-25 ms sooner at p50 (fresh-server browser runs)
@st.fragment
def analysis():
    c1, c2 = st.columns([3, 1])
    with c1:
        s = textinput.english_text(page, height=100)
    kind = page.widget(c2.segmented_control, "model", format_func=NAMES.get, required=True)
    if s is not None and len(s) < 2:
        st.info(page.t(".too_short"))
        s = None

    if s is not None:
        lm, bg = seqmodels.analyse(kind, s), seqmodels.bigram(s)
        bits_bg, bits_lm = -np.log2(bg["p_next"]), -np.log2(lm["p_next"])
        lessons.ask(page, lesson.QUOTE, lesson.quote_facts)  # about the example text, whatever is typed
        # every model's chart that is computed: a click on another model shows its chart at once, and the
        # run that follows finds it shown (it redrew two charts after the run: most of that click's time)
        kinds = held(kind, s, page.lang)
        views.show(page, "next_char", MODEL, {k: next_char(k, s, page.lang) for k in kinds})
        captions = {k: views.text(page.t(".chart_caption", model=NAMES[k]), "caption") for k in kinds}
        views.show(page, "chart_caption", MODEL, captions)
        m1, m2, m3 = st.columns(3)  # the chart's sums, under it: the chart comes first on a small screen
        m1.metric(page.t(".bpc", model=NAMES["bigram"]), f"{bits_bg.mean():.2f}")
        m2.metric(
            page.t(".bpc", model=NAMES[kind]),
            f"{bits_lm.mean():.2f}",
            f"{bits_lm.mean() - bits_bg.mean():+.2f}",
            delta_color="inverse",
        )
        m3.metric(page.t(".total"), f"{bits_bg.sum():.0f} → {bits_lm.sum():.0f}")
        lessons.guide(page, lesson.BITS)

        @st.fragment
        def predictions():
            st.subheader(page.t(".top_title"))
            st.session_state["pos"] = min(st.session_state["pos"], len(s))
            page.widget(st.slider, "pos", max_value=len(s))
            # the text up to the position, the character after it and both models' top characters there
            data = toppreds.shared(page, POSITION, s)
            toppreds.show_context("context", data, s)
            actual = page.t(".actual", **computed.blanks("char"))
            toppreds.show_after("after", data, s, actual, page.t(".end"))
            kinds = held(kind, s, page.lang)
            readings = {"bigram": seqmodels.bigram(s)} | {k: seqmodels.analyse(k, s) for k in kinds}
            toppreds.show_top("top", data, readings, {k: top_chart(k, s, page.lang) for k in kinds})

        predictions()
        lessons.guide(page, lesson.TOP)  # outside the fragment: its first step also resets the text

        @st.fragment
        def sampling():
            st.subheader(page.t(".sample_title", model=NAMES[kind]))
            c1, c2 = st.columns([3, 1])
            temperature = page.widget(c1.slider, "temperature", step=0.1)
            seed = page.widget(c2.number_input, "seed")
            st.code(s[-80:] + seqmodels.continuation(kind, s, temperature, seed), language=None, wrap_lines=True)
            st.caption(page.t(".sample_caption"))
            lessons.guide(page, lesson.SAMPLE)

        sampling()
        # the other models' views of this text, computed in the background for the student's next click; and
        # every model's charts the browser holds, this one's too (already computed: marked held at once), so
        # that the next run, for another model, holds the same three and the browser redraws none of them
        for other in MODEL[0].choices:
            if other != kind:
                view = (other, s, page["temperature"], page["seed"], page.lang)
                ahead.later(("markov", *view), lambda v=view: views_of(*v))
            ahead.later(("markov", other, s, page.lang), lambda v=(other, s, page.lang): held_views(*v))


analysis()

with st.expander(page.t(".cards"), expanded=not page["text"].strip()):  # open on a page with no text
    rows = []
    for key, name in (("bigram", "bigram"), *((k, seqmodels.CHAR_MODELS[k]) for k in ("rnn", "gru", "lstm"))):
        m = page.card(name)["metrics"]
        rows.append({page.t(".model_col"): NAMES[key], page.t(".bpc_col"): m["test_bpc"]})
    orders = page.card("bigram")["metrics"]["ngram_test_bpc"]
    rows += [
        {page.t(".model_col"): page.t(".ngram", n=k.removeprefix("order_")), page.t(".bpc_col"): v}
        for k, v in orders.items()
        if k != "order_2"
    ]
    textinput.table(sorted(rows, key=lambda r: -r[page.t(".bpc_col")]))
    st.caption(page.t(".cards_caption"))
