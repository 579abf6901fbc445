"""The first screen of every page shows a chart: on a projector in presenter mode, and on a phone."""

import pytest

from tests.e2e.browser import open_app
from ui import course

CHARTS = ".js-plotly-plot, [data-testid=stImage] img, [data-testid=stVegaLiteChart], .painted"
CODE = "[data-testid=stCode]"  # the two code pages show their code first, then the live check
CODE_PAGES = {"lstm_code", "attention_code"}
SCREENS = {"projector": ({"width": 1280, "height": 720}, "?present=1"), "phone": ({"width": 390, "height": 844}, "")}


def first_chart_top(page, selector: str = CHARTS) -> float:
    """Where the highest chart starts, in CSS pixels from the top of the first screen."""
    page.wait_for_selector(selector, state="attached", timeout=30_000)
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
    finally:
        context.close()
