"""NADE: generate a digit pixel by pixel, complete one, and read the exact likelihood of any digit."""

import hashlib

import numpy as np
import streamlit as st

from figures import common
from figures import nade as fig
from models import data
from ui import ahead, canvas, classroom, i18n, lessons, pixelmodels, shell, views
from ui.lessons import nade as lesson
from ui.urlstate import Setting

PIXELS = data.SIDE * data.SIDE
SETTINGS = [
    Setting("seed", 0, lo=0, hi=9999),
    Setting("step", 300, lo=0, hi=PIXELS),
    Setting("source", "heldout", choices=("heldout", "drawn")),
    Setting("index", 0, lo=0, hi=data.N_TEST - 1),
    Setting("rows", 14, lo=1, hi=27),
    Setting("timed", False),  # measured once the student asks (after predicting)
]

page = shell.page("nade", SETTINGS, models=("nade", "pixel_independent"))
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads


player = classroom.Player(page, "step", stride=data.SIDE // 4, top=PIXELS)


@st.cache_data(max_entries=4, show_spinner=False)
def generation_chart(titles: tuple[str, str, str], hover: str, scale: str) -> dict:
    """The generation maps' chart, kept: a step fills in its three maps and moves the marker (building the
    three subplots anew took half of a step's run, py-spy)."""
    empty = np.zeros(PIXELS)
    return views.figure(fig.generation(empty, empty, empty, PIXELS, titles, hover, scale))


@st.fragment(run_every=player.every)
def generate():
    player.tick()
    c1, c2 = st.columns([1, 3])
    seed = page.widget(c1.number_input, "seed")
    step = page.widget(c2.slider, "step")
    x, p = pixelmodels.trajectory(seed)
    titles = (page.t(".so_far"), page.t(".p_drawn"), page.t(".p_future"))
    # the estimate of what is still to come costs 32 samples a step: while playing, it waits for the pause
    future = pixelmodels.future(seed, step) if step < PIXELS and not player.playing else np.zeros(PIXELS)
    maps = fig.generation_maps(x, p, future, step)
    chart = generation_chart(titles, page.t(".hover_pixel"), page.t(".probability"))
    views.chart(
        page,
        "generation",
        views.shaped(views.replaced(chart, dict(enumerate({"z": z} for z in maps))), fig.next_pixel_marks(step)),
    )
    if step < PIXELS:
        r, c = divmod(step, data.SIDE)
        st.caption(page.t(".next_pixel", step=step + 1, row=r, col=c, p=p[step]))
    else:
        st.caption(page.t(".done"))


@st.cache_data(max_entries=4, show_spinner=False)
def nll_chart(lang: str) -> dict:
    """The held-out digits' histogram with the two lines of a digit (its own and the independent model's), as a
    chart part: each digit's chart is this one with its lines moved (`marked`), a fraction of building it."""
    t = i18n.words("nade", lang)
    markers = {t(".this_digit"): 0.0, t(".independent"): 0.0}
    return views.figure(fig.nll_histogram(pixelmodels.heldout_nll("nade"), markers, t(".nll_axis"), t(".count_axis")))


def marked(part: dict, values: tuple[float, ...]) -> dict:
    """The histogram with its lines, and their labels, at these values (in the order of nll_chart's markers)."""
    layout = part["layout"]
    values = [float(str(v)) for v in values]  # a float32 as Plotly writes one: its shortest decimal
    shapes = [{**line, "x0": v, "x1": v} for line, v in zip(layout["shapes"], values, strict=True)]
    notes = [{**note, "x": v} for note, v in zip(layout["annotations"], values, strict=True)]
    return {**part, "layout": {**layout, "shapes": shapes, "annotations": notes}}


@st.cache_data(max_entries=32, show_spinner=False)
def completion_chart(x: np.ndarray, rows: int, seed: int) -> dict:
    """A digit's top rows kept and NADE's completions of it, as a chart part."""
    kept = np.where(np.arange(PIXELS) < rows * data.SIDE, x, 0.0)
    return views.figure(fig.completions(kept, pixelmodels.completions(x[: rows * data.SIDE], seed), rows))


@st.cache_data(max_entries=32, show_spinner=False)
def contribution_chart(x: np.ndarray, lang: str) -> dict:
    """Each pixel's share of a digit's NLL under NADE, as a chart part."""
    t = i18n.words("nade", lang)
    per_pixel = pixelmodels.log_likelihood("nade", x)
    return views.figure(
        common.image(
            -per_pixel.reshape(data.SIDE, data.SIDE),
            colorscale="Reds",
            zmax=float(max(1.0, -per_pixel.min())),
            title=t(".contributions"),
            hover=t(".hover_pixel"),
            height=340,
        )
    )


def likelihoods(x: np.ndarray) -> tuple[float, float]:
    """A digit's NLL in nats under NADE and under the independent-pixel model."""
    return -pixelmodels.log_likelihood("nade", x).sum(), -pixelmodels.log_likelihood("pixel_independent", x).sum()


@st.fragment
def completion_views(held: dict[str, np.ndarray], chosen: list) -> None:
    """The rows kept and the completions of the held digits: the rows slider reruns this alone, not the
    digit's likelihood and contributions, which it does not change."""
    rows, seed = page.widget(st.slider, "rows"), page["seed"]
    completed = {name: completion_chart(x, rows, seed) for name, x in held.items()}
    views.show(page, "completions", chosen, completed)
    st.caption(page.t(".complete_caption", rows=rows))
    # the next number of rows, in the direction the slider last moved, completed in the background for the
    # student's next arrow press (three digits' completions: a third of a step's run each)
    setting = page.settings["rows"]
    following = ahead.following(st.session_state, "_nade_rows_before", rows, 1, setting.lo, setting.hi)
    if following is not None:
        digits = hashlib.md5(np.stack(list(held.values())).tobytes()).hexdigest()
        ahead.later(
            ("nade-rows", digits, following, seed),
            lambda: [completion_chart(x, following, seed) for x in held.values()],
        )


@st.fragment
def digit_views():
    st.subheader(page.t(".your_digit"))
    digit = canvas.choose_digit(page, "nade_canvas", binarised=True)
    if digit is None:
        return
    # the digits either side too: a step of the index shows their views in the frame it moves, before its run
    held = {name: image.reshape(-1) for name, image in canvas.held_digits(page, digit, binarised=True).items()}
    chosen, heldout = canvas.chosen(page), pixelmodels.heldout_nll("nade")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{page.t('.complete')}**")
        completion_views(held, chosen)
    with right:
        st.markdown(f"**{page.t('.likelihood')}**")
        sentences, charts, nlls = {}, {}, {}
        for name, x in held.items():
            nll, indep = nlls[name] = likelihoods(x)
            pct = (heldout < nll).mean() * 100
            sentences[name] = views.markdown(page.t(".nll", nll=nll, bits=nll / np.log(2), indep=indep, pct=pct))
            charts[name] = marked(nll_chart(page.lang), (nll, indep))
        views.show(page, "nll_sentence", chosen, sentences)
        shown = canvas.shown(page)
        if held[shown].sum() < 20 or nlls[shown][0] > np.percentile(heldout, 99):
            st.warning(page.t(".unusual"))
        views.show(page, "nll_hist", chosen, charts)
    contributions = {name: contribution_chart(x, page.lang) for name, x in held.items()}
    views.show(page, "contributions", chosen, contributions)


@st.fragment
def timing():
    if not page["timed"]:
        st.button(page.t(".measure"), key="measure_first", on_click=page.set, kwargs={"timed": True})
        return
    st.button(page.t(".measure_again"), key="measure")  # a click reruns this fragment, which measures again
    sample_ms, eval_ms = pixelmodels.time_sample_and_evaluate(page["seed"])
    c1, c2, c3 = st.columns(3)
    c1.metric(page.t(".sample_time"), f"{sample_ms:.1f} ms")
    c2.metric(page.t(".eval_time"), f"{eval_ms:.1f} ms")
    c3.metric(page.t(".ratio"), f"{sample_ms / eval_ms:.0f}×")
    st.caption(page.t(".timing_caption"))


st.subheader(page.t(".generate"))
player.controls()
generate()
lessons.guide(page, lesson.GENERATE, **lesson.generate_values())
digit_views()
lessons.guide(page, lesson.COMPLETE)
st.subheader(page.t(".timing"))
lessons.ask(page, lesson.EVALUATE, lesson.evaluate_facts)
timing()
