"""Discrete distributions, parameter counts, chain rule and Bayes, and pixel models beside real digits."""

import numpy as np
import streamlit as st

from figures import common
from figures import distributions as fig
from models import discrete
from ui import pixelmodels, shell
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

ui = shell.page("distributions", SETTINGS)
st.markdown(ui.t(".intro"))


@st.fragment
def bernoulli(n: int, seed: int):
    p = ui.widget(st.slider, "p", step=0.01)
    x = discrete.sample_bernoulli(p, n, seed)
    freqs = np.bincount(x, minlength=2) / n
    st.plotly_chart(fig.outcome_bars(["0", "1"], np.array([1 - p, p]), freqs, BAR_NAMES, ""), key="bernoulli")
    st.caption(ui.t(".bernoulli_params"))


@st.fragment
def die(n: int, seed: int):
    cols = st.columns(6)
    weights = [
        ui.widget(c.number_input, s.key, label=ui.t(".face", i=i + 1))
        for i, (c, s) in enumerate(zip(cols, DIE, strict=True))
    ]
    if sum(weights) == 0:
        st.info(ui.t(".all_zero"))
        return
    probs, draws = discrete.sample_categorical(np.array(weights), n, seed)
    freqs = np.bincount(draws, minlength=6) / n
    st.plotly_chart(fig.outcome_bars([str(i) for i in range(1, 7)], probs, freqs, BAR_NAMES, ""), key="die")
    st.caption(ui.t(".categorical_params"))


@st.fragment
def calculator():
    st.subheader(ui.t(".calculator"))
    c1, c2 = st.columns(2)
    kind = ui.widget(c1.selectbox, "kind", format_func=lambda k: ui.t(f".kind_{k}"))
    side = ui.widget(c2.slider, "side")
    k, n = discrete.VALUES[kind], side * side
    counts = {
        ui.t(".joint"): discrete.log10_joint(k, n),
        ui.t(".independent"): np.log10(discrete.independent_params(k, n)),
        ui.t(".markov"): np.log10(max(1, discrete.markov_params(k, n))),
    }
    if kind == "binary":
        counts[ui.t(".nade", hidden=pixelmodels.NADE_HIDDEN)] = np.log10(
            discrete.nade_params(n, pixelmodels.NADE_HIDDEN)
        )
    st.markdown(ui.t(".calc_summary", k=f"{k:,}", n=f"{n:,}", one=f"{k - 1:,}"))
    cols = st.columns(len(counts))
    for col, (name, log10) in zip(cols, counts.items(), strict=True):
        col.metric(name, discrete.readable_count(log10))
    ns = np.arange(1, max(n, 2) + 1)
    curves = {
        ui.t(".joint"): ns * np.log10(k),
        ui.t(".independent"): np.log10(ns * (k - 1)),
        ui.t(".markov"): np.log10((k - 1) + (ns - 1) * k * (k - 1)),
    }
    st.plotly_chart(fig.param_growth(ns, curves, ui.t(".n_variables"), ui.t(".log10_params"), n), key="growth")


@st.fragment
def identities():
    st.subheader(ui.t(".identities"))
    c1, c2, c3 = st.columns(3)
    px = ui.widget(c1.slider, "px", step=0.01)
    pyx = ui.widget(c2.slider, "pyx", step=0.01)
    pynx = ui.widget(c3.slider, "pynx", step=0.01)
    two = discrete.two_variables(px, pyx, pynx)
    left, right = st.columns([1, 2])
    xl, yl = [ui.t(".x0"), ui.t(".x1")], [ui.t(".y0"), ui.t(".y1")]
    left.plotly_chart(fig.joint_table(two.joint, xl, yl, ui.t(".joint_table")), key="joint")
    with right:
        st.markdown(ui.t(".chain_rule", px=px, pyx=pyx, joint=two.joint[1, 1]))
        if two.p_y == 0:
            st.info(ui.t(".py_zero"))
        else:
            st.markdown(ui.t(".bayes", pyx=pyx, px=px, py=two.p_y, post=two.posterior_bayes, table=two.posterior_table))


@st.fragment
def pixel_samples():
    st.subheader(ui.t(".pixel_models"))
    st.markdown(ui.t(".pixel_models_intro"))
    seed = ui.widget(st.number_input, "digit_seed")
    for name in pixelmodels.NAMES:
        model, card = ui.model(name)
        images = pixelmodels.samples(name, seed)
        st.markdown(
            ui.t(
                ".model_line",
                model=ui.t(f"model.{name}"),
                params=f"{card['n_params']:,}",
                nll=card["metrics"]["test_nll_nats"],
            )
        )
        st.plotly_chart(common.image_grid(images, cols=8, height=140), key=f"samples_{name}")
    st.markdown(ui.t(".real_digits"))
    st.plotly_chart(common.image_grid(pixelmodels.real_digits(seed), cols=8, height=140), key="samples_real")


st.subheader(ui.t(".sampling"))
c1, c2 = st.columns(2)
n, seed = ui.widget(c1.slider, "n"), ui.widget(c2.number_input, "seed")
BAR_NAMES = (ui.t(".probability"), ui.t(".frequency"))
left, right = st.columns(2)
with left:
    bernoulli(n, seed)
with right:
    die(n, seed)
calculator()
identities()
pixel_samples()
