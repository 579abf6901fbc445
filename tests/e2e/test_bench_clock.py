"""The benchmark's clock (bench/benchmark.py) against a real server and browser: it starts at the input event,
not when the benchmark arms it, and stops at the page's last change."""

import pytest

from bench.benchmark import OBSERVER, mark, open_quiet, settle
from tests.e2e.browser import Server

DELAY_MS = 400  # between arming the clock and the input: the clock must not count it


@pytest.fixture(scope="module")
def control():
    srv = Server(script="bench/control_app.py")
    yield srv
    srv.stop()


def test_the_clock_starts_at_the_key_press_and_stops_at_the_text_it_changes(control, page):
    open_quiet(page, control.url)
    page.evaluate(OBSERVER)
    thumb = page.locator(".st-key-x input[type=range]").first
    thumb.focus()
    before = page.locator(".st-key-out").inner_text()
    # when the text changed, on the clock's own time: the clock's observer, made first (open_quiet), is told of
    # a change before this one, so this reads the time it gave the change (performance.now() here would be a
    # tenth of a millisecond later)
    page.evaluate("""() => {
      const out = document.querySelector('.st-key-out');
      new MutationObserver(() => { window.__textAt = window.__bench.last; })
        .observe(out, {subtree: true, childList: true, characterData: true});
    }""")
    mark(page)
    marked = page.evaluate("() => window.__bench.t0")
    page.wait_for_timeout(DELAY_MS)
    thumb.press("ArrowRight")
    took = settle(page)
    assert page.locator(".st-key-out").inner_text() != before  # the run came before the clock stopped
    started, last, text_at = page.evaluate("() => [window.__bench.t0, window.__bench.last, window.__textAt]")
    assert started - marked >= DELAY_MS  # from the key press: the wait before the press is not counted
    assert last >= text_at > started and took == last - started  # and to the page's last change: the new text
    assert page.evaluate("() => window.__bench.armed") is False


def test_the_clock_starts_at_the_pointer_press_of_a_click(control, page):
    open_quiet(page, control.url)
    page.evaluate(OBSERVER)
    mark(page)
    armed = page.evaluate("() => window.__bench.t0")
    page.wait_for_timeout(DELAY_MS)
    page.locator("[data-testid=stMain]").first.click(position={"x": 5, "y": 5})
    started = page.evaluate("() => window.__bench.t0")
    assert started - armed >= DELAY_MS  # the click's own time, not the mark's


def test_the_clock_leaves_out_changes_in_a_part_kept_out_of_sight(control, page):
    """A change inside a part of the main area the page does not show (visibility hidden, as the gates page keeps
    its other model's section, charts drawn ahead there) is not a change the student sees; the same change in view
    is."""
    open_quiet(page, control.url)
    page.evaluate(OBSERVER)
    page.evaluate("""() => {
      const main = document.querySelector('[data-testid=stMain]');
      for (const [id, style] of [['out-of-sight', 'visibility: hidden'], ['in-view', '']]) {
        const box = document.createElement('div');
        box.id = id;
        box.style.cssText = style;
        box.appendChild(document.createElement('p'));
        main.appendChild(box);
      }
    }""")
    page.wait_for_timeout(100)
    before = page.evaluate("() => window.__bench.shown()")
    page.evaluate("() => { document.querySelector('#out-of-sight p').textContent = 'drawn ahead'; }")
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__bench.shown()") == before
    assert page.evaluate("() => window.__bench.last") > before  # a change all the same: the quiet waits for it
    page.evaluate("() => { document.querySelector('#in-view p').textContent = 'shown'; }")
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__bench.shown()") > before
