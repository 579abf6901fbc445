"""Classroom tools in a real browser: the QR code decodes to the view's address; presenter mode on a projector."""

import io
import re
import urllib.parse

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.browser import SENDS, open_app, run_answered, slider_moves_chart, wait_idle


def test_the_share_qr_code_decodes_to_the_current_view(server, page):
    open_app(page, f"{server.url}/nade?lang=ko&seed=7")
    slider_moves_chart(page, "step", "generation")  # a setting changed in the page, not only in the link
    page.locator(".st-key-page_share button").click()
    qr = page.locator(".st-key-share_qr img")
    expect(qr).to_be_visible()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert len(found) == 1
    decoded = urllib.parse.urlparse(found[0].text)
    shown = urllib.parse.urlparse(page.url)
    assert decoded.path == shown.path == "/nade"
    query = urllib.parse.parse_qs(decoded.query)
    assert query == urllib.parse.parse_qs(shown.query) and query["lang"] == ["ko"] and query["step"] == ["301"]
    expect(page.locator("[data-testid=stCode]").filter(has_text=found[0].text)).to_be_visible()


def test_presenter_mode_on_a_projector_has_large_chart_text_and_is_kept_across_pages(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        open_app(page, f"{server.url}/translator?present=1")
        expect(page.locator("[data-testid=stSidebar]")).to_have_attribute("data-collapsed", "true")
        tick = page.locator(".js-plotly-plot .xtick text:visible").first
        expect(tick).to_be_visible()
        size = float(tick.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert size >= 18
        # the sidebar's links carry presenter mode to the next page
        link = page.locator("[data-testid=stSidebar] a").filter(has_text="NADE").first
        assert "present=true" in link.get_attribute("href")
        page.goto(urllib.parse.urljoin(page.url, link.get_attribute("href")))
        wait_idle(page)
        assert "/nade" in page.url and "present=true" in page.url
    finally:
        context.close()


def test_a_clicker_steps_through_the_guides_and_the_address_follows(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(SENDS)  # run_answered reads the runs off the socket
    page = context.new_page()
    try:
        open_app(page, f"{server.url}/translator?present=1&step=4")
        page.locator("h1").click()  # focus on the page, not on a control
        page.keyboard.press("PageDown")  # step 1 of the decoding guide: the first character
        expect(page).not_to_have_url(re.compile(r"step=4"))
        page.keyboard.press("PageDown")
        expect(page).to_have_url(re.compile(r"step=6"))
        page.keyboard.press("ArrowRight")
        expect(page).to_have_url(re.compile(r"step=9"))
        with run_answered(page):  # the step's run, whose exceptions the check below looks for
            page.keyboard.press("PageUp")
        expect(page).to_have_url(re.compile(r"step=6"))
        assert page.locator("[data-testid=stException]").count() == 0
    finally:
        context.close()


def test_play_advances_the_nade_generation_and_pause_stops_it(server, page):
    open_app(page, f"{server.url}/nade?step=100")
    page.locator(".st-key-play_step button").click()
    thumb = page.locator(".st-key-step input[type=range]")
    expect(thumb).not_to_have_value("100", timeout=10_000)
    first = int(thumb.input_value())
    page.wait_for_timeout(1500)
    assert int(thumb.input_value()) > first  # still advancing
    page.locator(".st-key-play_step button").click()  # pause
    # paused once the run the click asked for has drawn the button again (the app is idle between steps too)
    expect(page.locator(".st-key-play_step button")).to_contain_text("Play")
    wait_idle(page)
    page.wait_for_timeout(800)
    stopped = thumb.input_value()
    page.wait_for_timeout(1500)
    assert thumb.input_value() == stopped
    expect(page).to_have_url(re.compile(rf"step={stopped}"))


def test_play_writes_the_translator_s_answer_character_by_character(server, page):
    open_app(page, f"{server.url}/translator")
    thumb = page.locator(".st-key-step input[type=range]")
    assert thumb.input_value() == "1"
    page.locator(".st-key-play_step button").click()
    expect(thumb).to_have_value("10", timeout=20_000)  # it stops at the last character
    wait_idle(page)
    expect(page.locator(".st-key-play_step button")).to_contain_text("Play")
    expect(page).to_have_url(re.compile(r"step=10"))
