"""The sampling charts the browser counts (ui/samplefreqs.py), in a real browser: for numbers of samples from one
to the largest, each chart draws exactly the frequencies of models.discrete's draws, with no script run; the
address and the lesson's buttons follow, and a new probability or seed brings new draws."""

import numpy as np
from playwright.sync_api import Page, expect

from models import discrete
from tests.e2e.browser import COUNT_RUNS, open_app, press_slider
from ui.i18n import catalog
from ui.lessons import distributions as lesson

EN = catalog("en")
WEIGHTS = (1, 1, 1, 1, 1, 1)  # the page's die


def shown(page: Page, n: int) -> None:
    """Wait until both charts have drawn the first n draws."""
    for key in ("bernoulli", "die"):
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", str(n))


def drawn(page: Page, key: str) -> tuple[list[float], list[float]]:
    """The probabilities and the frequencies a chart draws now."""
    return page.locator(f".st-key-{key} .js-plotly-plot").evaluate("el => el.data.map(t => Array.from(t.y))")


def same_as_the_model(page: Page, p: float, n: int, seed: int) -> None:
    coin = discrete.sample_bernoulli(p, n, seed)
    probs, throws = discrete.sample_categorical(np.array(WEIGHTS), n, seed)
    for key, want_probs, draws in (("bernoulli", [1 - p, p], coin), ("die", probs, throws)):
        got_probs, got_freqs = drawn(page, key)
        np.testing.assert_allclose(got_probs, want_probs, rtol=1e-12)
        # the same counts divided by the same n: the very numbers the page drew on the server
        assert got_freqs == list(np.bincount(draws, minlength=len(want_probs)) / n)


def test_the_browser_counts_the_draws_as_models_discrete_draws_them_with_no_run_and_the_address_follows(server, page):
    open_app(page, f"{server.url}/distributions?n=37&seed=4")
    shown(page, 37)
    same_as_the_model(page, 0.3, 37, 4)

    page.evaluate(COUNT_RUNS)
    press_slider(page, "n", "Home")
    shown(page, 1)
    same_as_the_model(page, 0.3, 1, 4)
    press_slider(page, "n", "End")
    shown(page, 2000)
    same_as_the_model(page, 0.3, 2000, 4)
    press_slider(page, "n", "ArrowLeft")
    shown(page, 1999)
    same_as_the_model(page, 0.3, 1999, 4)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser counted by itself
    assert "n=1999" in page.url and "seed=4" in page.url

    # a new probability is a run: new draws, counted for the n the browser holds
    press_slider(page, "p", "ArrowRight")
    page.wait_for_function("() => document.querySelector('.st-key-bernoulli .js-plotly-plot').data[0].y[1] === 0.31")
    shown(page, 1999)
    same_as_the_model(page, 0.31, 1999, 4)

    # the address opens on the same view
    open_app(page, page.url)
    shown(page, 1999)
    same_as_the_model(page, 0.31, 1999, 4)


def test_the_sampling_lesson_steps_set_the_number_the_browser_counts(server, page):
    open_app(page, f"{server.url}/distributions")
    for i, view in enumerate(lesson.SAMPLING.steps, start=1):
        page.get_by_role("button", name=EN[f"distributions.sampling.try{i}"]).click()
        shown(page, view["n"])
        same_as_the_model(page, 0.3, view["n"], 0)
