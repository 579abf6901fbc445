"""The shell in a real browser: home, language, deep links on a cold server, bad URLs, broken weights."""

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import ROOT, Server, open_app, slider_value, wait_idle
from ui import course, route
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")


def test_home_renders_the_course_map(server, page):
    open_app(page, server.url)
    expect(page.get_by_role("heading", name=EN["home.title"])).to_be_visible()
    for part in ("part.sequence", "part.transformer", "part.generative"):
        expect(page.get_by_role("heading", name=EN[part])).to_be_visible()
    # every page is linked from the cards of the topics it teaches; DALL-E is explained in place
    main = page.locator("[data-testid=stMain]")
    expect(main.get_by_role("link", name=EN["nade.nav"])).to_be_visible()
    main.get_by_text(EN["home.more"]).click()
    expect(main.get_by_text(EN["topic.dalle.more"][:40])).to_be_visible()
    cards = sum(len(p.topics) for p in course.all_pages())
    route_links = len(route.STOPS) + 1  # the class route: one link per stop, and "start presenting"
    assert main.get_by_test_id("stPageLink-NavLink").count() == cards + route_links


# Charts drawn outside the main area (window.__warmCharts: each one Plotly made, by the time it was made)
WARM_CHARTS = """new MutationObserver((records) => {
  for (const m of records) {
    const el = m.target;
    if (el.classList && el.classList.contains('js-plotly-plot') && !el.closest('[data-testid=stMain]') && !el.__counted) {
      el.__counted = true;
      (window.__warmCharts = window.__warmCharts || []).push(el);
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});"""


def test_the_home_page_loads_the_pages_code_out_of_sight_and_the_first_page_needs_none(server, page):
    page.add_init_script(WARM_CHARTS)
    open_app(page, server.url)
    preload = page.locator(".st-key-views_preload")
    expect(preload).to_be_hidden()  # in the page, not on the screen
    expect(preload.locator(".views")).to_have_attribute("data-shown", "")  # the views element's script ran
    page.wait_for_function("() => window.Plotly !== undefined")
    # Plotly's code run once, off the page, while the student reads: two charts drawn and let go
    page.wait_for_function("() => window.__viewsWarmed && window.__viewsWarmed.done")
    assert page.evaluate("() => (window.__warmCharts || []).length") == 2
    assert page.evaluate("() => window.__warmCharts.every((el) => !el.isConnected)")
    assert preload.locator("[data-testid=stSlider]").count() == 1
    # the first page opened from here draws its widgets and charts with that code: no skeleton waits for any
    skeletons = """() => { window.__skeletons = 0; new MutationObserver(() => {
        window.__skeletons += document.querySelectorAll('[data-testid=stMain] [data-testid=stSkeleton]').length;
    }).observe(document.querySelector('[data-testid=stMain]'), {subtree: true, childList: true}); }"""
    page.evaluate(skeletons)
    page.locator('[data-testid=stSidebar] a[href="markov"]').first.click()
    expect(page.locator(".st-key-top .js-plotly-plot")).to_be_visible()
    expect(page.locator(".st-key-pos [data-testid=stSlider]")).to_be_visible()
    assert page.evaluate("window.__skeletons") == 0


def test_language_switch_holds_across_pages_and_sits_in_the_url(server, page):
    open_app(page, server.url)
    page.locator(".st-key-lang").get_by_text("한국어").click()
    expect(page.get_by_role("heading", name=KO["home.title"])).to_be_visible()
    assert "lang=ko" in page.url
    page.locator("[data-testid=stSidebar]").get_by_role("link", name=KO["nade.nav"]).click()
    expect(page.get_by_role("heading", name=KO["nade.title"])).to_be_visible()
    wait_idle(page)
    assert "lang=ko" in page.url
    page.locator(".st-key-lang").get_by_text("English").click()
    expect(page.get_by_role("heading", name=EN["nade.title"])).to_be_visible()
    assert "lang=" not in page.url


@pytest.fixture
def cold_server():
    srv = Server()
    yield srv
    srv.stop()


def test_deep_link_is_the_first_request_to_a_fresh_server(cold_server, page):
    open_app(page, f"{cold_server.url}/nade?lang=ko&seed=7&step=100")
    expect(page.get_by_role("heading", name=KO["nade.title"])).to_be_visible()
    assert slider_value(page, "step") == "100"
    expect(page.locator(".st-key-seed input")).to_have_value("7")
    # the sidebar is the app's own, in Korean: the shell ran for the deep link
    expect(page.locator("[data-testid=stSidebar]").get_by_role("link", name=KO["home.nav"])).to_be_visible()


def test_invalid_url_values_fall_back_with_a_notice(server, page):
    open_app(page, f"{server.url}/distributions?seed=abc&p=7&side=32&bogus=1")
    notice = EN["url.bad"].format(keys="p, seed")
    expect(page.locator("[data-testid=stAlert]").filter(has_text=notice)).to_be_visible()
    expect(page.get_by_text(EN["url.unknown"].format(keys="bogus"))).to_be_visible()
    assert slider_value(page, "p") == "0.3"
    assert slider_value(page, "side") == "32"
    expect(page.locator(".st-key-seed input")).to_have_value("0")


def test_a_corrupt_weights_file_breaks_only_its_page(tmp_path, browser, page):
    weights = tmp_path / "weights"
    shutil.copytree(ROOT / "models" / "weights", weights)
    broken = weights / "nade.safetensors"
    broken.write_bytes(broken.read_bytes()[:1000])
    srv = Server(env={"MODELS_WEIGHTS_DIR": str(weights)})
    try:
        open_app(page, f"{srv.url}/nade")
        alert = page.locator("[data-testid=stAlert]").filter(has_text="python -m models.train nade")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text(EN["model.problem.corrupt"])
        open_app(page, f"{srv.url}/distributions")
        expect(page.get_by_role("heading", name=EN["distributions.calculator"])).to_be_visible()
        open_app(page, srv.url)
        expect(page.get_by_role("heading", name=EN["home.title"])).to_be_visible()
    finally:
        page.goto("about:blank")  # leave before the server goes, or the page reports lost connections
        srv.stop()
