"""Discrete distributions, parameter counts, chain rule and Bayes, and pixel models beside real digits."""

import numpy as np
import streamlit as st

from figures import common
from figures import distributions as fig
from models import discrete
from ui import lessons, pixelmodels, shell, views
from ui.lessons import distributions as lesson
from ui.urlstate import Setting

DIE = [Setting(f"w{i}", 1, lo=0, hi=10) for i in range(1, 7)]
SETTINGS = [
    Setting("p", 0.3, lo=0.0, hi=1.0),
    *DIE,
    Setting("n", 100, lo=1, hi=2000),
    Setting("seed", 0, lo=0, hi=9999),
    Setting("kind", "binary", choices=tuple(discrete.VALUES)),
    Setting("side", 28, lo=1, hi=64),
    Setting("px", 0.2, lo=0.0, hi=1.0),
    Setting("pyx", 0.9, lo=0.0, hi=1.0),
    Setting("pynx", 0.3, lo=0.0, hi=1.0),
    Setting("digit_seed", 0, lo=0, hi=9999),
]

page = shell.page("distributions", SETTINGS)
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads


@st.fragment
def bernoulli(n: int, seed: int):
    p = page.widget(st.slider, "p", step=0.01)
    x = discrete.sample_bernoulli(p, n, seed)
    freqs = np.bincount(x, minlength=2) / n
    chart = fig.outcome_bars(["0", "1"], np.array([1 - p, p]), freqs, BAR_NAMES, AXES)
    views.chart(page, "bernoulli", chart)
    st.caption(page.t(".bernoulli_params"))


@st.fragment
def die(n: int, seed: int):
    cols = st.columns(6)
    weights = [
        page.widget(c.number_input, s.key, label=page.t(".face", i=i + 1))
        for i, (c, s) in enumerate(zip(cols, DIE, strict=True))
    ]
    if sum(weights) == 0:
        st.info(page.t(".all_zero"))
        return
    probs, draws = discrete.sample_categorical(np.array(weights), n, seed)
    freqs = np.bincount(draws, minlength=6) / n
    views.chart(page, "die", fig.outcome_bars([str(i) for i in range(1, 7)], probs, freqs, BAR_NAMES, AXES))
    st.caption(page.t(".categorical_params"))


@st.fragment
def calculator():
    c1, c2 = st.columns(2)
    kinds = {k: page.t(f".kind_{k}") for k in discrete.VALUES}  # labels made now, in the page's language
    kind = page.widget(c1.selectbox, "kind", format_func=kinds.get)
    side = page.widget(c2.slider, "side")
    k, n = discrete.VALUES[kind], side * side
    counts = {
        page.t(".joint"): discrete.log10_joint(k, n),
        page.t(".independent"): np.log10(discrete.independent_params(k, n)),
        page.t(".markov"): np.log10(max(1, discrete.markov_params(k, n))),
    }
    if kind == "binary":
        counts[page.t(".nade", hidden=pixelmodels.NADE_HIDDEN)] = np.log10(
            discrete.nade_params(n, pixelmodels.NADE_HIDDEN)
        )
    st.markdown(page.t(".calc_summary", k=f"{k:,}", n=f"{n:,}", one=f"{k - 1:,}"))
    cols = st.columns(len(counts))
    for col, (name, log10) in zip(cols, counts.items(), strict=True):
        col.metric(name, discrete.readable_count(log10))
    ns = np.arange(1, max(n, 2) + 1)
    curves = {  # the same counts as the metrics above, for every number of variables up to n
        page.t(".joint"): np.array([discrete.log10_joint(k, int(m)) for m in ns]),
        page.t(".independent"): np.log10(discrete.independent_params(k, ns)),
        page.t(".markov"): np.log10(np.maximum(1, discrete.markov_params(k, ns))),
    }
    views.chart(page, "growth", fig.param_growth(ns, curves, page.t(".n_variables"), page.t(".log10_params"), n))


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


BAR_NAMES = (page.t(".probability"), page.t(".frequency"))
AXES = (page.t(".outcome"), page.t(".share"))


@st.fragment
def sampling():
    """n and the seed draw both experiments again, and nothing else on the page: a section of its own."""
    st.subheader(page.t(".sampling"))
    c1, c2 = st.columns(2)
    n, seed = page.widget(c1.slider, "n"), page.widget(c2.number_input, "seed")
    left, right = st.columns(2)
    with left:
        bernoulli(n, seed)
    with right:
        die(n, seed)
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
