"""The query the browser draws on the self-attention page (ui/attnquery.py), in a real browser: for each layer,
head and query token it is shown, the score steps, q, the output and the sentences are exactly
datemodel.attention_step's numbers, as the page wrote them on the server, with no script run; the address and
the lesson's buttons follow, and the scaling switch (a run) brings the unscaled numbers."""

import numpy as np
from playwright.sync_api import Page, expect

from figures import attention as fig
from tests.e2e.browser import COUNT_RUNS, expect_in_url, open_app, press_slider
from ui import datemodel
from ui.i18n import catalog
from ui.lessons import self_attention as lesson

EN, KO = catalog("en"), catalog("ko")
PLACES = ("step1", "q", "scores", "peak", "out", "same")
LABELS = fig.tokens(lesson.EXAMPLE)


def shown(page: Page, layer: int, head: int, token: int, places=PLACES) -> None:
    """Wait until every place draws this query."""
    for key in places:
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", f"{layer}|{head}|{token}")


def text(page: Page, key: str) -> str:
    return page.locator(f".st-key-{key} .computed").inner_text()


def cells(page: Page, key: str) -> tuple[str, list[str]]:
    """A row of painted numbers: its name and each cell's text."""
    return page.locator(f".st-key-{key} table.vector").evaluate(
        "t => [t.querySelector('th').textContent, [...t.querySelectorAll('td')].map(c => c.textContent)]"
    )


def same_as_the_model(page: Page, layer: int, head: int, token: int, scale: bool = True, cat=EN) -> None:
    """Every place draws attention_step's numbers for this query, written as the server writes them."""
    t = lambda key, **v: cat[f"self_attention.{key}"].format(**v)  # noqa: E731
    a = datemodel.attention_step(lesson.EXAMPLE, layer - 1, head - 1, token - 1, scale)
    label = LABELS[token - 1]
    assert text(page, "step1") == t("step1", token=label).replace("**", "")
    for key, name in (("q", "q_of"), ("out", "out_of")):
        assert cells(page, key) == [t(name, token=label), [f"{v:+.2f}" for v in a[key]]]
    assert text(page, "peak") == t("peak", peak=a["peak"] * 100, entropy=a["entropy_bits"])
    if scale:
        assert text(page, "same") == t("same_as_model", diff=a["diff_from_model"])
    plot = page.locator(".st-key-scores .js-plotly-plot")
    traces = plot.evaluate("p => p.data.map(t => [Array.from(t.x), Array.from(t.y), Array.from(t.customdata), t.name])")
    hover, others = fig.named(LABELS), [i for i in range(len(LABELS)) if i != token - 1]
    own = t("own_key", token=label)
    for i, name in enumerate(("scores", "scaled", "weights")):
        values = a[name].astype(np.float64)  # float32, as the browser reads them
        assert traces[2 * i] == [others, values[others].tolist(), [hover[k] for k in others], t("other_keys")]
        assert traces[2 * i + 1] == [[token - 1], [values[token - 1]], [hover[token - 1]], own]
    title = plot.evaluate("p => p.layout.annotations[0].text")
    assert title == t("scores", token=label)


def test_the_browser_draws_each_query_as_attention_step_computes_it_with_no_run_and_the_address_follows(server, page):
    open_app(page, f"{server.url}/self_attention?layer=1&head=2&token=5")
    shown(page, 1, 2, 5)
    same_as_the_model(page, 1, 2, 5)

    page.evaluate(COUNT_RUNS)
    press_slider(page, "token", "ArrowRight")
    shown(page, 1, 2, 6)
    same_as_the_model(page, 1, 2, 6)
    press_slider(page, "token", "End")  # the last token: its own key is the last bar
    shown(page, 1, 2, len(LABELS))
    same_as_the_model(page, 1, 2, len(LABELS))
    press_slider(page, "token", "Home")
    shown(page, 1, 2, 1)
    same_as_the_model(page, 1, 2, 1)
    press_slider(page, "layer", "ArrowRight")  # the layer and the head choose the query's head too
    press_slider(page, "head", "ArrowRight")
    shown(page, 2, 3, 1)
    same_as_the_model(page, 2, 3, 1)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser drew every query by itself
    expect_in_url(page, "layer=2", "head=3", "token=1")

    # the address opens on the same view
    open_app(page, page.url)
    shown(page, 2, 3, 1)
    same_as_the_model(page, 2, 3, 1)

    # without the scaling (a run): the unscaled numbers, for the query the browser holds; no forward-pass check
    press_slider(page, "token", "ArrowRight")
    shown(page, 2, 3, 2)
    page.locator(".st-key-scale label").click()
    expect_in_url(page, "scale=false")
    expect(page.locator(".st-key-same")).to_have_count(0)
    shown(page, 2, 3, 2, [p for p in PLACES if p != "same"])
    page.wait_for_function(
        "() => document.querySelector('.st-key-scores .js-plotly-plot').layout.yaxis2.title.text"
        f" === {EN['self_attention.score_axis']!r}"
    )
    same_as_the_model(page, 2, 3, 2, scale=False)


def test_the_query_guide_sets_the_query_the_browser_draws_in_korean(server, page):
    open_app(page, f"{server.url}/self_attention?lang=ko")
    view = {}
    for i, step in enumerate(lesson.QUERY.steps, start=1):
        view |= step
        page.locator(f".st-key-try_query_{i} button").click()
        shown(page, view["layer"], view["head"], view["token"])
        same_as_the_model(page, view["layer"], view["head"], view["token"], cat=KO)


KEPT = """() => [...window.__computedPlaces].filter(v => v.kept).map(v => [v.kept.size, v.parked ? v.parked.children.length : 0])"""


def test_the_score_steps_drawn_ahead_are_bounded_and_let_go_when_the_page_is_left(server, page):
    open_app(page, f"{server.url}/self_attention")
    shown(page, 1, 1, 4)
    # while the browser is idle: the next and the previous token, then the seven other heads
    page.wait_for_function(f"() => ({KEPT})().some(([kept]) => kept === 9)")
    for _ in range(4):
        press_slider(page, "token", "ArrowRight")
        page.wait_for_timeout(400)
    shown(page, 1, 1, 8)
    same_as_the_model(page, 1, 1, 8)  # moved into place from those drawn ahead
    page.wait_for_timeout(1500)
    kept = page.evaluate(KEPT)
    assert kept and all(size <= 12 and held == size for size, held in kept)  # bounded, every one held off the page
    page.evaluate("() => { window.__left = [...window.__computedPlaces]; }")
    page.locator("[data-testid=stSidebar]").get_by_role("link", name=EN["multi_head.nav"]).click()
    press_slider(page, "layer", "ArrowRight")
    page.wait_for_function("() => window.__left.every(v => !v.parked && (!v.kept || v.kept.size === 0))")
