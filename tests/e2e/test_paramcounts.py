"""The parameter calculator the browser computes (ui/paramcounts.py), in a real browser: for every kind of data
and image sizes from one pixel to the largest, it draws exactly what models.discrete counts, in English and
Korean, with no script run, and the address and the lesson's buttons follow."""

import numpy as np
from playwright.sync_api import Page, expect

from models import discrete
from tests.e2e.browser import COUNT_RUNS, open_app, press_slider
from ui import pixelmodels
from ui.i18n import catalog
from ui.lessons import distributions as lesson

EN, KO = catalog("en"), catalog("ko")
KEYS = ("calc_summary", "calc_counts", "growth")


def shown(page: Page, kind: str, side: int) -> None:
    """Wait until every element of the calculator has drawn this kind and side."""
    for key in KEYS:
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", f"{kind}|{side}")


def choose(page: Page, kind: str, t: dict) -> None:
    page.locator(".st-key-kind").get_by_role("radio", name=t[f"distributions.kind_{kind}"]).click()


def same_as_the_model(page: Page, kind: str, side: int, t: dict) -> None:
    k, n = discrete.VALUES[kind], side * side
    summary = t["distributions.calc_summary"].format(k=f"{k:,}", n=f"{n:,}", one=f"{k - 1:,}")
    assert page.locator(".st-key-calc_summary .computed").inner_text().strip() == summary
    # the page's counts, as it computed them on the server before the browser did
    logs = [discrete.log10_joint(k, n), np.log10(discrete.independent_params(k, n))]
    logs.append(np.log10(max(1, discrete.markov_params(k, n))))
    labels = [t[f"distributions.{m}"] for m in ("joint", "independent", "markov")]
    if kind == "binary":
        logs.append(np.log10(discrete.nade_params(n, pixelmodels.NADE_HIDDEN)))
        labels.append(t["distributions.nade"].format(hidden=pixelmodels.NADE_HIDDEN))
    counts = page.locator(".st-key-calc_counts")
    assert counts.locator(".computed-label").all_inner_texts() == labels
    assert counts.locator(".computed-value").all_inner_texts() == [discrete.readable_count(x) for x in logs]
    xs, ys, shapes = page.locator(".st-key-growth .js-plotly-plot").evaluate(
        "el => [el.data.map(t => Array.from(t.x)), el.data.map(t => Array.from(t.y)), el.layout.shapes]"
    )
    ns = np.arange(1, max(n, 2) + 1)
    curves = [
        [discrete.log10_joint(k, int(m)) for m in ns],
        np.log10(discrete.independent_params(k, ns)),
        np.log10(np.maximum(1, discrete.markov_params(k, ns))),
    ]
    for x, y, want in zip(xs, ys, curves, strict=True):
        np.testing.assert_array_equal(x, ns)
        np.testing.assert_allclose(y, want, rtol=1e-12, atol=1e-12)
    assert shapes[0]["x0"] == shapes[0]["x1"] == n


def test_the_browser_counts_as_models_discrete_does_with_no_run_and_the_address_follows(server, page):
    open_app(page, f"{server.url}/distributions?kind=grey&side=5")
    shown(page, "grey", 5)
    same_as_the_model(page, "grey", 5, EN)

    page.evaluate(COUNT_RUNS)
    choose(page, "rgb", EN)
    press_slider(page, "side", "Home")
    shown(page, "rgb", 1)
    same_as_the_model(page, "rgb", 1, EN)  # the one-pixel question's answer: 256³ − 1
    press_slider(page, "side", "End")
    shown(page, "rgb", 64)
    same_as_the_model(page, "rgb", 64, EN)  # counts past a trillion, as powers of ten
    choose(page, "binary", EN)
    press_slider(page, "side", "ArrowLeft")
    shown(page, "binary", 63)
    same_as_the_model(page, "binary", 63, EN)  # NADE's count too
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser counted by itself
    assert "side=63" in page.url and "kind=" not in page.url  # binary is the page's default

    # the address opens on the same view
    open_app(page, page.url)
    shown(page, "binary", 63)

    # the guide's steps set the view with a run, and the browser counts for it
    for i, view in enumerate(lesson.COUNTS.steps, start=1):
        page.get_by_role("button", name=EN[f"distributions.counts.try{i}"]).click()
        shown(page, view["kind"], view["side"])
        same_as_the_model(page, view["kind"], view["side"], EN)


def test_the_one_pixel_view_in_korean(server, page):
    view = lesson.ONE_PIXEL.view
    open_app(page, f"{server.url}/distributions?lang=ko&kind={view['kind']}&side={view['side']}")
    shown(page, view["kind"], view["side"])
    same_as_the_model(page, view["kind"], view["side"], KO)
    choose(page, "grey", KO)
    shown(page, "grey", view["side"])
    same_as_the_model(page, "grey", view["side"], KO)
