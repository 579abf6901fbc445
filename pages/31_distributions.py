"""Discrete distributions, parameter counts, chain rule and Bayes, and pixel models beside real digits."""

import numpy as np
import streamlit as st

from figures import common
from figures import distributions as fig
from models import discrete
from ui import computed, i18n, lessons, paramcounts, pixelmodels, samplefreqs, shell, views
from ui.lessons import distributions as lesson
from ui.urlstate import Setting

DIE = [Setting(f"w{i}", 1, lo=0, hi=10) for i in range(1, 7)]
SETTINGS = [
    Setting("p", 0.3, lo=0.0, hi=1.0),
    *DIE,
    # the number of samples: the browser counts the first n of the seed's draws (ui/samplefreqs.py), with no run
    Setting("n", 100, lo=1, hi=2000, browser=True),
    Setting("seed", 0, lo=0, hi=9999),
    # the kind of data and the image's side: the browser computes the counts (ui/paramcounts.py), with no run
    Setting("kind", "binary", choices=tuple(discrete.VALUES), browser=True),
    Setting("side", 28, lo=1, hi=64, browser=True),
    Setting("px", 0.2, lo=0.0, hi=1.0),
    Setting("pyx", 0.9, lo=0.0, hi=1.0),
    Setting("pynx", 0.3, lo=0.0, hi=1.0),
    Setting("digit_seed", 0, lo=0, hi=9999),
]

page = shell.page("distributions", SETTINGS)
CALCULATOR = [page.settings["kind"], page.settings["side"]]  # what the browser's counts follow, in its order
COUNTED = [page.settings["n"]]  # what the browser's frequencies follow
MAX_N = page.settings["n"].hi  # the draws the browser counts from: every n's are the first n of them
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads


@st.cache_data(max_entries=8, show_spinner=False)
def bars_chart(outcomes: tuple[str, ...], lang: str) -> dict:
    """The outcome bars as a chart part, built once per outcomes and language with zeros: a run refills the
    probabilities, the browser the frequencies."""
    t = i18n.words("distributions", lang)
    zeros = np.zeros(len(outcomes))
    names, axes = (t(".probability"), t(".frequency")), (t(".outcome"), t(".share"))
    return views.figure(fig.outcome_bars(list(outcomes), zeros, zeros, names, axes))


def frequencies(key: str, outcomes: tuple[str, ...], probs: np.ndarray, draws: np.ndarray) -> None:
    """The model's probabilities beside how often each outcome came up in the first n draws (n the slider's,
    counted in the browser)."""
    part = views.refill(bars_chart(outcomes, page.lang), [probs, np.zeros(len(outcomes))])
    samplefreqs.show(key, samplefreqs.shared(page, COUNTED, draws, len(outcomes)), part)


@st.fragment
def bernoulli(seed: int):
    p = page.widget(st.slider, "p", step=0.01)
    frequencies("bernoulli", ("0", "1"), np.array([1 - p, p]), discrete.sample_bernoulli(p, MAX_N, seed))
    st.caption(page.t(".bernoulli_params"))


@st.fragment
def die(seed: int):
    cols = st.columns(6)
    weights = [
        page.widget(c.number_input, s.key, label=page.t(".face", i=i + 1))
        for i, (c, s) in enumerate(zip(cols, DIE, strict=True))
    ]
    if sum(weights) == 0:
        st.info(page.t(".all_zero"))
        return
    probs, draws = discrete.sample_categorical(np.array(weights), MAX_N, seed)
    frequencies("die", tuple(str(i) for i in range(1, 7)), probs, draws)
    st.caption(page.t(".categorical_params"))


@st.cache_data(max_entries=4, show_spinner=False)
def growth_chart(lang: str) -> dict:
    """The counts' growth with the number of pixels as a chart part, built once per language with zeros: the
    browser fills in the curves up to the image's pixels and moves the marker."""
    t = i18n.words("distributions", lang)
    ns, zeros = np.arange(1, 3), np.zeros(2)
    curves = {t(".joint"): zeros, t(".independent"): zeros, t(".markov"): zeros}
    return views.figure(fig.param_growth(ns, curves, t(".n_variables"), t(".log10_params"), 2))


def calculator():
    kinds = {k: page.t(f".kind_{k}") for k in discrete.VALUES}  # labels made now, in the page's language
    page.widget(st.segmented_control, "kind", format_func=kinds.get, required=True)
    page.widget(st.slider, "side")
    data = paramcounts.shared(page, CALCULATOR, pixelmodels.NADE_HIDDEN)
    summary = page.t(".calc_summary", **computed.blanks("k", "n", "one"))
    paramcounts.show("calc_summary", "summary", data, words=summary)
    names = [page.t(f".{k}") for k in ("joint", "independent", "markov")]
    paramcounts.show("calc_counts", "metrics", data, words=[*names, page.t(".nade", hidden=pixelmodels.NADE_HIDDEN)])
    paramcounts.show("growth", "growth", data, part=growth_chart(page.lang))


@st.fragment
def identities():
    c1, c2, c3 = st.columns(3)
    px = page.widget(c1.slider, "px", step=0.01)
    pyx = page.widget(c2.slider, "pyx", step=0.01)
    pynx = page.widget(c3.slider, "pynx", step=0.01)
    two = discrete.two_variables(px, pyx, pynx)
    left, right = st.columns([1, 2])
    xl, yl = [page.t(".x0"), page.t(".x1")], [page.t(".y0"), page.t(".y1")]
    titles = (page.t(".joint_table"), page.t(".grass"), page.t(".weather"), page.t(".probability"))
    views.chart(page, "joint", fig.joint_table(two.joint, xl, yl, *titles), left)
    with right:
        st.markdown(page.t(".chain_rule", px=px, pyx=pyx, joint=two.joint[1, 1]))
        if two.p_y == 0:
            st.info(page.t(".py_zero"))
        else:
            st.markdown(
                page.t(".bayes", pyx=pyx, px=px, py=two.p_y, post=two.posterior_bayes, table=two.posterior_table)
            )


@st.cache_data(max_entries=32, show_spinner=False)
def samples_chart(name: str, seed: int) -> dict:
    """A model's samples (or, for "real", held-out digits) as a chart part: kept, since every run of the page
    draws them and only the seed changes them."""
    images = pixelmodels.real_digits(seed) if name == "real" else pixelmodels.samples(name, seed)
    return views.figure(common.image_grid(images, cols=8, height=140))


@st.fragment
def pixel_samples():
    st.subheader(page.t(".pixel_models"))
    st.markdown(page.t(".pixel_models_intro"))
    if not page.need(*pixelmodels.NAMES):
        return
    seed = page.widget(st.number_input, "digit_seed")
    for name in pixelmodels.NAMES:
        card = page.card(name)
        st.markdown(
            page.t(
                ".model_line",
                model=page.t(f"model.{name}"),
                params=f"{card['n_params']:,}",
                nll=card["metrics"]["test_nll_nats"],
            )
        )
        views.chart(page, f"samples_{name}", samples_chart(name, seed))
    st.markdown(page.t(".real_digits"))
    views.chart(page, "samples_real", samples_chart("real", seed))
    lessons.guide(page, lesson.PIXELS, **lesson.pixels_values())


@st.fragment
def sampling():
    """The seed draws both experiments again, and nothing else on the page: a section of its own. The number
    of samples is the browser's: it counts the first n of the draws."""
    st.subheader(page.t(".sampling"))
    c1, c2 = st.columns(2)
    page.widget(c1.slider, "n")
    seed = page.widget(c2.number_input, "seed")
    left, right = st.columns(2)
    with left:
        bernoulli(seed)
    with right:
        die(seed)
    weights = tuple(page[s.key] for s in DIE)
    lessons.guide(page, lesson.SAMPLING, **lesson.sampling_values(page["p"], weights, seed))


sampling()
st.subheader(page.t(".calculator"))
lessons.ask(page, lesson.ONE_PIXEL, lesson.one_pixel_facts)
calculator()
lessons.guide(page, lesson.COUNTS, **lesson.counts_values())
st.subheader(page.t(".identities"))
lessons.ask(page, lesson.BASE_RATE, lesson.base_rate_facts)
identities()
lessons.guide(page, lesson.EVIDENCE, **lesson.evidence_values())
pixel_samples()
