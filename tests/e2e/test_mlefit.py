"""The maximum-likelihood fit the browser computes (ui/mlefit.py), in a real browser: at every N, number of bins
and step it draws exactly what models.mle computes, in English and Korean, with no script run, and the address
and the page's own buttons follow."""

import numpy as np
from playwright.sync_api import Page, expect

from models import mle
from tests.e2e.browser import COUNT_RUNS, open_app, press_slider, slider_value
from ui.i18n import catalog
from ui.lessons import mle as lesson

EN, KO = catalog("en"), catalog("ko")


def shown(page: Page, n: int, bins: int, step: int, seed: int = 0) -> None:
    """Wait until every element of the fit has drawn these values."""
    for key in ("fit", "curves", "fit_numbers", "identity", "capacity_intro", "capacity", "capacity_caption"):
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", f"{seed}|{n}|{bins}|{step}")


def drawn(page: Page, key: str) -> tuple[list[np.ndarray], list[dict]]:
    """A chart's y values, trace by trace, and its layout shapes, as the browser draws them."""
    ys, shapes = page.locator(f".st-key-{key} .js-plotly-plot").evaluate(
        "el => [el.data.map(t => Array.from(t.y)), el.layout.shapes]"
    )
    return [np.array(y, dtype=float) for y in ys], shapes


def text(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key} .computed").inner_text().strip()


def same_as_the_model(page: Page, n: int, bins: int, step: int, t: dict) -> None:
    counts, curve = lesson.fitted(n, 0, bins)
    capacity = lesson.capacity(n, 0)
    now = curve[step]
    ys, _ = drawn(page, "fit")
    np.testing.assert_allclose(ys[0], mle.p_data(), rtol=1e-12)
    np.testing.assert_allclose(ys[1], counts / n, rtol=1e-12)
    np.testing.assert_allclose(ys[2], now.probs, rtol=1e-9)
    ys, shapes = drawn(page, "curves")
    for got, want in zip(ys, ("empirical_nll", "cross_entropy", "kl"), strict=True):
        np.testing.assert_allclose(got, [getattr(f, want) for f in curve], rtol=1e-9, atol=1e-12)
    assert shapes[1]["x0"] == shapes[1]["x1"] == step
    ys, shapes = drawn(page, "capacity")
    np.testing.assert_allclose(ys[0], [f.empirical_nll for f in capacity], rtol=1e-9)
    np.testing.assert_allclose(ys[1], [f.cross_entropy for f in capacity], rtol=1e-9)
    assert shapes[1]["x0"] == shapes[1]["x1"] == bins
    numbers = page.locator(".st-key-fit_numbers .computed-value").all_inner_texts()
    assert numbers == [f"{x:.3f}" for x in (now.empirical_nll, now.cross_entropy, now.entropy, now.kl)]
    labels = page.locator(".st-key-fit_numbers .computed-label").all_inner_texts()
    assert labels == [t[f"mle.{k}"] for k in ("empirical_nll", "cross_entropy", "entropy", "kl")]
    identity = t["mle.identity"].format(kl=now.kl, ce=now.cross_entropy, h=now.entropy)
    assert text(page, "identity") == identity.replace("**", "")
    assert page.locator(".st-key-identity strong").inner_text() == identity.split("**")[1]
    assert text(page, "capacity_intro") == t["mle.capacity_intro"].format(n=n)
    assert text(page, "capacity_caption") == t["mle.capacity_caption"].format(best=lesson.best_bins(n, 0))


def test_the_browser_fits_as_models_mle_does_with_no_run_and_the_address_follows(server, page):
    open_app(page, f"{server.url}/mle?n=150&bins=6&step=17")
    shown(page, 150, 6, 17)
    same_as_the_model(page, 150, 6, 17, EN)

    page.evaluate(COUNT_RUNS)
    press_slider(page, "n", "ArrowRight")
    press_slider(page, "bins", "End")
    for _ in range(3):
        press_slider(page, "step", "ArrowRight")
    shown(page, 151, mle.K, 20)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser fitted by itself
    assert "n=151" in page.url and f"bins={mle.K}" in page.url and "step=20" in page.url
    same_as_the_model(page, 151, mle.K, 20, EN)

    # the address opens on the same fit; the page's defaults leave it
    open_app(page, page.url)
    shown(page, 151, mle.K, 20)
    press_slider(page, "step", "Home")
    shown(page, 151, mle.K, 0)
    assert "step=" not in page.url

    # a guide's step sets the view with a run, and the browser fits for it
    page.get_by_role("button", name=EN["mle.fit.try1"]).click()
    shown(page, lesson.N, lesson.BINS, 0)
    page.get_by_role("button", name=EN["mle.fit.try3"]).click()
    shown(page, lesson.N, lesson.BINS, 100)
    same_as_the_model(page, lesson.N, lesson.BINS, 100, EN)


def test_the_overfitting_view_in_korean(server, page):
    # the question's view: few samples, every bin, 100 steps
    view = lesson.OVERFIT.view
    open_app(page, f"{server.url}/mle?lang=ko&n={view['n']}&bins={view['bins']}&step={view['step']}")
    shown(page, view["n"], view["bins"], view["step"])
    same_as_the_model(page, view["n"], view["bins"], view["step"], KO)


def test_a_new_seed_fits_other_samples(server, page):
    open_app(page, f"{server.url}/mle?n=40&step=5")
    shown(page, 40, lesson.BINS, 5)
    page.locator(".st-key-seed input").fill("7")
    page.locator(".st-key-seed input").press("Enter")
    shown(page, 40, lesson.BINS, 5, seed=7)
    counts, curve = lesson.fitted(40, 7, lesson.BINS)
    ys, _ = drawn(page, "fit")
    np.testing.assert_allclose(ys[1], counts / 40, rtol=1e-12)
    np.testing.assert_allclose(ys[2], curve[5].probs, rtol=1e-9)


def test_play_moves_the_step_and_the_fit_follows_it(server, page):
    # each tick of Play moves only the step slider on the server; the browser redraws the fit for it
    open_app(page, f"{server.url}/mle")
    page.get_by_role("button", name=EN["mle.play"], exact=True).click()
    page.wait_for_function("() => new URL(location).searchParams.get('step') >= 31", timeout=20_000)
    page.get_by_role("button", name=EN["mle.pause"]).click()
    expect(page.get_by_role("button", name=EN["mle.play"], exact=True)).to_be_visible()
    step = int(slider_value(page, "step"))
    assert step >= 31 and step % 10 == 0
    shown(page, lesson.N, lesson.BINS, step)
    same_as_the_model(page, lesson.N, lesson.BINS, step, EN)
