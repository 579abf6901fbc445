"""NADE: generate a digit pixel by pixel, complete one, and read the exact likelihood of any digit."""

import time

import numpy as np
import streamlit as st
import torch

from figures import common
from figures import nade as fig
from models import data
from ui import canvas, pixelmodels, shell
from ui.urlstate import Setting

PIXELS = 28 * 28
SETTINGS = [
    Setting("seed", 0, lo=0, hi=9999),
    Setting("step", 300, lo=0, hi=PIXELS),
    Setting("source", "heldout", choices=("heldout", "drawn")),
    Setting("index", 0, lo=0, hi=data.N_TEST - 1),
    Setting("rows", 14, lo=1, hi=27),
]

ui = shell.page("nade", SETTINGS)
st.markdown(ui.t(".intro"))
ui.model("nade")
ui.model("pixel_independent")


@st.fragment
def generate():
    st.subheader(ui.t(".generate"))
    c1, c2 = st.columns([1, 3])
    seed = ui.widget(c1.number_input, "seed")
    step = ui.widget(c2.slider, "step")
    x, p = pixelmodels.trajectory(seed)
    titles = (ui.t(".so_far"), ui.t(".p_drawn"), ui.t(".p_future"))
    future = pixelmodels.future(seed, step) if step < PIXELS else np.zeros(PIXELS)
    st.plotly_chart(fig.generation(x, p, future, step, titles), key="generation")
    if step < PIXELS:
        r, c = divmod(step, 28)
        st.caption(ui.t(".next_pixel", step=step + 1, row=r, col=c, p=p[step]))
    else:
        st.caption(ui.t(".done"))


def chosen_digit() -> np.ndarray | None:
    """The digit to complete and score: a held-out one, or what the student drew (binarised)."""
    source = ui.widget(st.segmented_control, "source", format_func=lambda s: ui.t(f".source_{s}"), required=True)
    if source == "heldout":
        return data.heldout(binarised=True)[0][ui.widget(st.slider, "index")].reshape(-1)
    drawn = canvas.draw_digit(ui, "nade_canvas")
    if drawn is None:
        st.info(ui.t(".blank"))
        return None
    return (drawn > data.THRESHOLD).astype(np.float32).reshape(-1)


@st.fragment
def digit_views():
    st.subheader(ui.t(".your_digit"))
    x = chosen_digit()
    if x is None:
        return
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{ui.t('.complete')}**")
        rows = ui.widget(st.slider, "rows")
        kept = np.where(np.arange(PIXELS) < rows * 28, x, 0.0)
        samples = pixelmodels.completions(x[: rows * 28], ui["seed"])
        st.plotly_chart(fig.completions(kept, samples, rows), key="completions")
        st.caption(ui.t(".complete_caption", rows=rows))
    with right:
        st.markdown(f"**{ui.t('.likelihood')}**")
        per_pixel = pixelmodels.log_likelihood("nade", x)
        nll, nll_indep = -per_pixel.sum(), -pixelmodels.log_likelihood("pixel_independent", x).sum()
        heldout = pixelmodels.heldout_nll("nade")
        st.markdown(ui.t(".nll", nll=nll, bits=nll / np.log(2), indep=nll_indep, pct=(heldout < nll).mean() * 100))
        if x.sum() < 20 or nll > np.percentile(heldout, 99):
            st.warning(ui.t(".unusual"))
        markers = {ui.t(".this_digit"): nll, ui.t(".independent"): nll_indep}
        st.plotly_chart(fig.nll_histogram(heldout, markers, ui.t(".nll_axis"), ui.t(".count_axis")), key="nll_hist")
    st.plotly_chart(
        common.image(
            -per_pixel.reshape(28, 28),
            colorscale="Reds",
            zmax=float(max(1.0, -per_pixel.min())),
            title=ui.t(".contributions"),
            height=340,
        ),
        key="contributions",
    )


@st.fragment
def timing():
    st.subheader(ui.t(".timing"))
    model, _ = shell.load("nade")
    x = torch.from_numpy(pixelmodels.trajectory(ui["seed"])[0]).view(1, -1)
    st.button(ui.t(".measure_again"), key="measure")  # a click reruns this fragment, which measures again
    start = time.perf_counter()
    model.sample(1, torch.Generator().manual_seed(0))
    sample_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    model(x)
    eval_ms = (time.perf_counter() - start) * 1000
    c1, c2, c3 = st.columns(3)
    c1.metric(ui.t(".sample_time"), f"{sample_ms:.1f} ms")
    c2.metric(ui.t(".eval_time"), f"{eval_ms:.1f} ms")
    c3.metric(ui.t(".ratio"), f"{sample_ms / eval_ms:.0f}×")
    st.caption(ui.t(".timing_caption"))


generate()
digit_views()
timing()
