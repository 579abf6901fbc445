"""Maximum likelihood: a live fit where NLL and KL fall together, over- and under-fitting, forward against reverse KL."""

import numpy as np
import streamlit as st

from figures import mle as fig
from models import mle
from ui import ahead, i18n, lessons, mlefit, shell, views
from ui.lessons import mle as lesson
from ui.urlstate import Setting

MAX_STEPS = lesson.MAX_STEPS
SETTINGS = [
    # n, bins and step: the browser computes the fit (ui/mlefit.py), with no run
    Setting("n", lesson.N, lo=5, hi=2000, browser=True),  # enough samples that every step also lowers the KL
    Setting("seed", 0, lo=0, hi=9999),
    Setting("bins", lesson.BINS, lo=1, hi=mle.K, browser=True),
    Setting("step", 0, lo=0, hi=MAX_STEPS, browser=True),
    Setting("sep", 7.0, lo=0.0, hi=8.0),
    Setting("weight", 0.6, lo=0.05, hi=0.95),
]

page = shell.page("mle", SETTINGS)
page.intro()
FIT = [SETTINGS[0], SETTINGS[2], SETTINGS[3]]  # what the browser's fit follows: n, bins, step


@st.cache_data(max_entries=4, show_spinner=False)
def charts(lang: str) -> dict[str, dict]:
    """The fit, its curves and the capacity curves as chart parts, built once per language with zeros for what
    the samples decide: the browser fills in the values it computes and moves the marker (the second shape)."""
    t = i18n.words("mle", lang)
    k, steps = np.zeros(mle.K), np.zeros(MAX_STEPS + 1)
    names = (t(".p_data"), t(".empirical"), t(".model"))
    fit = fig.distributions(mle.VALUES, mle.p_data(), k, k, names, (t(".value_axis"), t(".probability")))
    series = {t(".empirical_nll"): steps, t(".cross_entropy"): steps, t(".kl"): steps}
    floor = (t(".entropy"), mle.entropy())
    axes = (t(".steps"), t(".nats"))
    curves = fig.curves(np.arange(MAX_STEPS + 1), series, floor, *axes, marker=0, right_title=t(".kl_axis"))
    series = {t(".train_nll"): k, t(".heldout_nll"): k}
    capacity = fig.curves(np.arange(1, mle.K + 1), series, floor, t(".bins"), t(".nats"), marker=1)
    return {"fit": views.figure(fit), "curves": views.figure(curves), "capacity": views.figure(capacity)}


@st.cache_data(max_entries=4, show_spinner=False)
def kl_chart(lang: str) -> dict:
    """The two-mode target and both fits as a chart part, built once per language with zeros: a run refills it."""
    t = i18n.words("mle", lang)
    zeros = np.zeros_like(mle.GRID)
    fits = {t(".forward_fit"): zeros, t(".reverse_fit"): zeros}
    return views.figure(fig.kl_fits(mle.GRID, zeros, fits, t(".target"), (t(".grid_axis"), t(".density"))))


@st.cache_data(max_entries=64, show_spinner=False)
def kl_view(sep: float, weight: float, lang: str) -> tuple[dict, mle.GaussianFit, mle.GaussianFit]:
    """The target and the Gaussians that minimise each KL, as a chart part, and the two fits: one grid search
    per (sep, weight) that every student's view shares."""
    p, forward, reverse = lesson.kl_fits(sep, weight)
    part = views.replaced(kl_chart(lang), {0: {"y": p}, 1: {"y": forward.density}, 2: {"y": reverse.density}})
    return part, forward, reverse


def play(on: bool) -> None:
    st.session_state["_playing"] = on
    if on and st.session_state["step"] >= MAX_STEPS:
        st.session_state["step"] = 0


def move(to: int) -> None:
    st.session_state["step"] = max(0, min(MAX_STEPS, to))
    page.sync()


playing = st.session_state.get("_playing", False)


# The timer is set when the whole page runs: play and pause start one (fitting, below). Each tick moves only the
# step slider (the browser redraws the fit for it), so a class playing sends the server little work.
def step_slider(ticking: bool) -> None:
    if ticking and st.session_state.get("_playing"):
        move(st.session_state["step"] + 10)
        if st.session_state["step"] >= MAX_STEPS:
            st.session_state["_playing"] = False
            st.rerun(scope="app")  # the whole page, so that the timer stops
    page.widget(st.slider, "step")


# Two fragments, the ticking one and the still one, so that a tick the browser sent before the page's run that
# stopped the timer names a fragment that run no longer has, and is dropped: run after it, it took the slider's
# messages out of that run and wrote its own over the next element's place, the fit's columns (Streamlit 1.67
# keeps a fragment's id across runs, and a full run shifts the elements after a place it leaves empty).
@st.fragment(run_every=0.3)
def step_ticking():
    step_slider(ticking=True)


@st.fragment
def step_still():
    step_slider(ticking=False)


def live_fit(fit: dict):
    parts = charts(page.lang)
    left, right = st.columns(2)
    mlefit.show("fit", "fit", fit, left, part=parts["fit"])
    mlefit.show("curves", "curves", fit, right, part=parts["curves"])
    names = [page.t(f".{k}") for k in ("empirical_nll", "cross_entropy", "entropy", "kl")]
    mlefit.show("fit_numbers", "metrics", fit, words=names)
    mlefit.show("identity", "identity", fit, words=page.t(".identity", **mlefit.blanks("kl", "ce", "h")))


def capacity_view(fit: dict):
    mlefit.show("capacity_intro", "capacity_intro", fit, words=page.t(".capacity_intro", **mlefit.blanks("n")))
    mlefit.show("capacity", "capacity", fit, part=charts(page.lang)["capacity"])
    mlefit.show("capacity_caption", "capacity_caption", fit, words=page.t(".capacity_caption", **mlefit.blanks("best")))


@st.fragment
def forward_reverse():
    st.subheader(page.t(".kl_directions"))
    c1, c2 = st.columns(2)
    sep, weight = page.widget(c1.slider, "sep", step=0.1), page.widget(c2.slider, "weight", step=0.01)
    sep, weight = round(sep, 1), round(weight, 2)  # as the sliders' steps write them: one cache entry each
    part, forward, reverse = kl_view(sep, weight, page.lang)
    views.chart(page, "kl_fits", part)
    st.markdown(page.t(".kl_caption", fmu=forward.mu, fs=forward.sigma, rmu=reverse.mu, rs=reverse.sigma))
    if abs(reverse.mu - forward.mu) < 0.5:
        st.info(page.t(".kl_too_close"))
    # the next value of the slider the student is stepping, computed in the background for the next arrow press
    for key, value, step in (("sep", sep, 0.1), ("weight", weight, 0.01)):
        setting = page.settings[key]
        nxt = ahead.following(st.session_state, f"_mle_{key}_before", value, step, setting.lo, setting.hi)
        if nxt is not None:
            view = (nxt, weight, page.lang) if key == "sep" else (sep, nxt, page.lang)
            ahead.later(("mle-kl", *view), lambda view=view: kl_view(*view))


@st.fragment
def fitting():
    """The samples (n, the seed) and the model (its bins) decide the live fit and the capacity curves, and
    nothing else on the page: a section of its own, so that a new seed does not redraw the KL directions."""
    c1, c2, c3 = st.columns(3)
    page.widget(c1.slider, "n")
    seed = page.widget(c2.number_input, "seed")
    page.widget(c3.slider, "bins")
    fit = mlefit.shared(page, seed, FIT, MAX_STEPS)
    st.subheader(page.t(".live_fit"))
    b1, b2, b3, _ = st.columns([1, 1, 1, 3])
    # starting or stopping the timer needs a run of the whole page (live_fit's run_every is set there)
    if playing and b1.button(page.t(".pause"), key="pause", icon=":material/pause:"):
        play(False)
        st.rerun(scope="app")
    if not playing and b1.button(page.t(".play"), key="play", icon=":material/play_arrow:"):
        play(True)
        st.rerun(scope="app")
    b2.button(page.t(".one_step"), key="one_step", on_click=lambda: move(st.session_state["step"] + 1))
    b3.button(page.t(".reset"), key="reset", on_click=lambda: move(0))
    with st.container():  # a place of its own: whatever a late run of it does, nothing after it moves
        (step_ticking if playing else step_still)()
    live_fit(fit)
    lessons.guide(page, lesson.FIT, **lesson.fit_values(seed))
    st.subheader(page.t(".capacity"))
    lessons.ask(page, lesson.OVERFIT, lambda: lesson.overfit_facts(seed))
    capacity_view(fit)
    lessons.guide(page, lesson.CAPACITY, **lesson.capacity_values(seed))


views.load_plotly()
fitting()
forward_reverse()
lessons.guide(page, lesson.DIRECTIONS, **lesson.directions_values())
