"""Part 3 pages in a real browser: sliders move charts, the canvas draws, bad input gets a message."""

from playwright.sync_api import expect

from tests.e2e.browser import chart_data, draw, expect_changed, open_app, press_slider, slider_value, wait_idle
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")
A_SEVEN = [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]]


def test_distribution_sliders_redraw_their_charts(server, page):
    open_app(page, f"{server.url}/distributions")
    for slider, chart in (("p", "bernoulli"), ("side", "growth"), ("px", "joint")):
        before = chart_data(page, chart)
        press_slider(page, slider)
        expect_changed(page, lambda c=chart: chart_data(page, c), before)
    assert slider_value(page, "p") == "0.31"
    assert "p=0.31" in page.url and "side=29" in page.url


def test_a_die_with_no_weight_asks_for_one(server, page):
    open_app(page, f"{server.url}/distributions?w1=0&w2=0&w3=0&w4=0&w5=0&w6=1")
    weight = page.locator(".st-key-w6 input")
    weight.fill("0")
    weight.press("Enter")
    expect(page.get_by_text(EN["distributions.all_zero"])).to_be_visible()


def test_nade_steps_through_generation_and_completes_digits(server, page):
    open_app(page, f"{server.url}/nade?step=10")
    before = chart_data(page, "generation")
    press_slider(page, "step", "End")
    after = expect_changed(page, lambda: chart_data(page, "generation"), before)
    assert slider_value(page, "step") == "784"
    expect(page.get_by_text(EN["nade.done"])).to_be_visible()
    before = chart_data(page, "completions")
    press_slider(page, "index")
    expect_changed(page, lambda: chart_data(page, "completions"), before)
    before = chart_data(page, "completions")
    press_slider(page, "rows", "Home")
    expect_changed(page, lambda: chart_data(page, "completions"), before)
    assert "rows=1" in page.url and after


def test_nade_blank_canvas_prompts_and_a_drawing_gets_a_likelihood(server, page):
    open_app(page, f"{server.url}/nade?source=drawn&lang=ko")
    expect(page.get_by_text(KO["nade.blank"])).to_be_visible()
    expect(page.locator(".st-key-completions")).to_have_count(0)
    draw(page, "nade_canvas", A_SEVEN)
    expect(page.locator(".st-key-completions .js-plotly-plot")).to_be_visible()
    wait_idle(page)
    expect(page.locator("[data-testid=stMarkdown]").filter(has_text="log p(x) = ").first).to_be_visible()
    assert chart_data(page, "contributions") != chart_data(page, "nll_hist")
