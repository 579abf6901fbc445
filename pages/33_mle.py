"""Maximum likelihood: a live fit where NLL and KL fall together, over- and under-fitting, forward against reverse KL."""

import numpy as np
import streamlit as st

from figures import mle as fig
from models import mle
from ui import i18n, lessons, shell, views
from ui.lessons import mle as lesson
from ui.urlstate import Setting

MAX_STEPS = lesson.MAX_STEPS
SETTINGS = [
    Setting("n", lesson.N, lo=5, hi=2000),  # enough samples that every step of the fit also lowers the KL
    Setting("seed", 0, lo=0, hi=9999),
    Setting("bins", lesson.BINS, lo=1, hi=mle.K),
    Setting("step", 0, lo=0, hi=MAX_STEPS),
    Setting("sep", 7.0, lo=0.0, hi=8.0),
    Setting("weight", 0.6, lo=0.05, hi=0.95),
]

page = shell.page("mle", SETTINGS)
page.intro()


@st.cache_data(max_entries=4, show_spinner=False)
def charts(lang: str, entropy: float) -> dict[str, dict]:
    """The fit, its curves and the capacity curves as chart parts, built once per language with zeros for what
    the samples decide: a run fills in its own values (views.refill) and moves the marker (the second shape),
    a fraction of the cost of building three figures in every move of n, bins or step."""
    t = i18n.words("mle", lang)
    k, steps = np.zeros(mle.K), np.zeros(MAX_STEPS + 1)
    names = (t(".p_data"), t(".empirical"), t(".model"))
    fit = fig.distributions(mle.VALUES, mle.p_data(), k, k, names, (t(".value_axis"), t(".probability")))
    series = {t(".empirical_nll"): steps, t(".cross_entropy"): steps, t(".kl"): steps}
    floor = (t(".entropy"), entropy)
    axes = (t(".steps"), t(".nats"))
    curves = fig.curves(np.arange(MAX_STEPS + 1), series, floor, *axes, marker=0, right_title=t(".kl_axis"))
    series = {t(".train_nll"): k, t(".heldout_nll"): k}
    capacity = fig.curves(np.arange(1, mle.K + 1), series, floor, t(".bins"), t(".nats"), marker=1)
    return {"fit": views.figure(fit), "curves": views.figure(curves), "capacity": views.figure(capacity)}


@st.cache_data(max_entries=64, show_spinner=False)
def kl_chart(sep: float, weight: float, lang: str) -> dict:
    """The two-mode target and both fits, as a chart part."""
    t = i18n.words("mle", lang)
    p, forward, reverse = lesson.kl_fits(sep, weight)
    fits = {t(".forward_fit"): forward.density, t(".reverse_fit"): reverse.density}
    return views.figure(fig.kl_fits(mle.GRID, p, fits, t(".target"), (t(".grid_axis"), t(".density"))))


def play(on: bool) -> None:
    st.session_state["_playing"] = on
    if on and st.session_state["step"] >= MAX_STEPS:
        st.session_state["step"] = 0


def move(to: int) -> None:
    st.session_state["step"] = max(0, min(MAX_STEPS, to))
    page.sync()


playing = st.session_state.get("_playing", False)


# The timer is set when the whole page runs: play and pause start one (fitting, below).
@st.fragment(run_every=0.3 if playing else None)
def live_fit(n: int, counts: np.ndarray, curve: list[mle.Fit]):
    if st.session_state.get("_playing"):
        move(st.session_state["step"] + 10)
        if st.session_state["step"] >= MAX_STEPS:
            st.session_state["_playing"] = False
            st.rerun(scope="app")  # the whole page, so that the timer stops
    step = page.widget(st.slider, "step")
    now = curve[step]
    parts = charts(page.lang, now.entropy)
    left, right = st.columns(2)
    views.chart(page, "fit", views.refill(parts["fit"], [mle.p_data(), counts / n, now.probs]), left)
    series = [[f.empirical_nll for f in curve], [f.cross_entropy for f in curve], [f.kl for f in curve]]
    views.chart(page, "curves", views.moved(views.refill(parts["curves"], series), 1, x0=step, x1=step), right)
    m = st.columns(4)
    m[0].metric(page.t(".empirical_nll"), f"{now.empirical_nll:.3f}")
    m[1].metric(page.t(".cross_entropy"), f"{now.cross_entropy:.3f}")
    m[2].metric(page.t(".entropy"), f"{now.entropy:.3f}")
    m[3].metric(page.t(".kl"), f"{now.kl:.3f}")
    st.markdown(page.t(".identity", ce=now.cross_entropy, h=now.entropy, kl=now.kl))


def capacity_view(n: int, bins: int, capacity: list[mle.Fit]):
    st.markdown(page.t(".capacity_intro", n=n))
    series = [[f.empirical_nll for f in capacity], [f.cross_entropy for f in capacity]]
    part = charts(page.lang, capacity[0].entropy)["capacity"]
    views.chart(page, "capacity", views.moved(views.refill(part, series), 1, x0=bins, x1=bins))
    best = int(np.argmin([f.cross_entropy for f in capacity])) + 1
    st.caption(page.t(".capacity_caption", best=best))


@st.fragment
def forward_reverse():
    st.subheader(page.t(".kl_directions"))
    c1, c2 = st.columns(2)
    sep, weight = page.widget(c1.slider, "sep", step=0.1), page.widget(c2.slider, "weight", step=0.01)
    _, forward, reverse = lesson.kl_fits(sep, weight)
    views.chart(page, "kl_fits", kl_chart(sep, weight, page.lang))
    st.markdown(page.t(".kl_caption", fmu=forward.mu, fs=forward.sigma, rmu=reverse.mu, rs=reverse.sigma))
    if abs(reverse.mu - forward.mu) < 0.5:
        st.info(page.t(".kl_too_close"))


@st.fragment
def fitting():
    """The samples (n, the seed) and the model (its bins) decide the live fit and the capacity curves, and
    nothing else on the page: a section of its own, so that a move of n does not redraw the KL directions."""
    c1, c2, c3 = st.columns(3)
    n, seed, bins = page.widget(c1.slider, "n"), page.widget(c2.number_input, "seed"), page.widget(c3.slider, "bins")
    counts, curve = lesson.fitted(n, seed, bins)
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
    live_fit(n, counts, curve)
    lessons.guide(page, lesson.FIT, **lesson.fit_values(seed))
    st.subheader(page.t(".capacity"))
    lessons.ask(page, lesson.OVERFIT, lambda: lesson.overfit_facts(seed))
    capacity_view(n, bins, lesson.capacity(n, seed))
    lessons.guide(page, lesson.CAPACITY, **lesson.capacity_values(seed))


views.load_plotly()
fitting()
forward_reverse()
lessons.guide(page, lesson.DIRECTIONS, **lesson.directions_values())
