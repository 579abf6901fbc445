"""The first screen of every page shows a chart: on a projector in presenter mode, and on a phone; on both no
chart's legend runs into its title or into itself."""

import pytest

from tests.e2e.browser import open_app, overlaps
from ui import course

CHARTS = ".js-plotly-plot, [data-testid=stImage] img, [data-testid=stVegaLiteChart], .painted"
CODE = "[data-testid=stCode]"  # the two code pages show their code first, then the live check
CODE_PAGES = {"lstm_code", "attention_code"}
SCREENS = {"projector": ({"width": 1280, "height": 720}, "?present=1"), "phone": ({"width": 390, "height": 844}, "")}


def first_chart_top(page, selector: str = CHARTS) -> float:
    """Where the highest chart starts, in CSS pixels from the top of the first screen."""
    page.wait_for_selector(selector, state="attached", timeout=30_000)
    # every chart element in the first screen has drawn (one below it is drawn later: ui/views.py's held)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stMain] .views, [data-testid=stMain] .computed')]
              .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.top < innerHeight; })
              .every(el => el.hasAttribute('data-shown'))""",
        timeout=30_000,
    )
    return page.evaluate(
        f"""() => Math.min(...[...document.querySelectorAll('{selector}')]
              .map(el => el.getBoundingClientRect())
              .filter(r => r.width > 0 && r.height > 0)
              .map(r => r.top))"""
    )


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("info", course.all_pages(), ids=lambda p: p.id)
def test_the_first_screen_shows_a_chart(server, browser, info, screen):
    viewport, query = SCREENS[screen]
    phone = screen == "phone"
    agent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
    context = browser.new_context(
        viewport=viewport, is_mobile=phone, has_touch=phone, user_agent=agent if phone else None
    )
    page = context.new_page()
    try:
        open_app(page, f"{server.url}/{info.id}{query}")
        top = first_chart_top(page, CODE if info.id in CODE_PAGES else CHARTS)
        # at least the top 120 px of a chart is on the first screen
        assert top < viewport["height"] - 120, f"{info.id} on a {screen}: the first chart starts at {top:.0f} px"
        # every chart of the page, drawn or drawn ahead, as the screen lays it out: presenter mode's larger
        # text made room for by Plotly, a phone's narrow charts
        assert overlaps(page)[1] == []
    finally:
        context.close()


def overlaps_at(browser, url: str, width: int, height: int) -> tuple[int, list[str]]:
    """`overlaps` on the page at url, opened in a new browser context of that size."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_app(page, url)
        return overlaps(page)
    finally:
        context.close()


@pytest.mark.parametrize("query", ["translator?lang=ko", "gates?model=gru"])
def test_on_a_phone_a_legend_has_a_row_of_its_own_under_the_title(server, browser, query):
    """The translator's bars and the GRU's belt: their legends sat beside or just under the title, and on a
    phone ran into it."""
    checked, found = overlaps_at(browser, f"{server.url}/{query}", 390, 844)
    assert checked >= 4 and found == []


@pytest.mark.parametrize(
    "query, width, height",
    [
        ("gates?model=gru&present=1", 1280, 720),
        ("translator?present=1", 1280, 720),
        ("multi_head?present=1&lang=ko", 1280, 720),
        ("translator", 1400, 1000),
    ],
)
def test_tick_labels_down_a_chart_do_not_run_into_each_other(server, browser, query, width, height):
    """The GRU belt's stacked rows (0, 0.5 and 1 in rows 60 px high, at presenter mode's size) and the input's
    characters down the attention maps (26 in 280 px) ran into each other: the belt grows in presenter mode and
    its rows' ranges hold their end labels inside, and a map names every k-th character where rows are thin."""
    checked, found = overlaps_at(browser, f"{server.url}/{query}", width, height)
    assert checked >= 100 and found == []


# Each drawn chart's title against its chart's box: [key, px past the left edge, past the right, above the top]
TITLES = """() => [...document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')]
  .filter((p) => p.offsetParent && p.querySelector('.gtitle'))
  .map((p) => {
    const key = [...(p.closest('[class*="st-key-"]')?.classList || [])].find((c) => c.startsWith('st-key-')) || '?';
    const svg = p.querySelector('.main-svg').getBoundingClientRect(), t = p.querySelector('.gtitle').getBoundingClientRect();
    return [key, Math.round(svg.left - t.left), Math.round(t.right - svg.right), Math.round(svg.top - t.top)];
  })"""
BELT_DRAWN = "() => document.querySelector('.st-key-conveyor_views .views-part:not([hidden]) .gtitle')"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_a_phone_a_long_chart_title_takes_more_lines_rather_than_running_past_its_chart(server, browser, lang):
    """Plotly writes a title on one line: the gates page's heat map title ran past a phone's chart, cut off
    ("... for all 256 u"). The belt's title, hung from the chart's top, must stay inside it when it wraps."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_app(page, f"{server.url}/gates?lang={lang}")
        page.locator(".st-key-conveyor_views").scroll_into_view_if_needed()
        page.wait_for_function(BELT_DRAWN)
        titles = page.evaluate(TITLES)
        lines = page.evaluate(
            "() => document.querySelectorAll('.st-key-heatmap_views .views-part:not([hidden]) .gtitle .line').length"
        )
    finally:
        context.close()
    assert {"st-key-heatmap_views", "st-key-conveyor_views"} <= {key for key, *_ in titles}
    assert lines >= 2  # this title is longer than a phone's chart is wide, in either language
    assert [t for t in titles if max(t[1:]) > 1] == []
