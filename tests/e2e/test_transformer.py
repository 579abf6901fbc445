"""Part 2 pages in a real browser."""

from playwright.sync_api import expect

from tests.e2e.browser import A_SEVEN, chart_data, draw, expect_changed, open_app, slider_moves_chart, wait_idle
from ui.i18n import catalog

EN = catalog("en")


def test_vit_picks_digits_layers_heads_and_patches(server, page):
    open_app(page, f"{server.url}/vit")
    slider_moves_chart(page, "index", "probs")
    slider_moves_chart(page, "layer", "cls_attention", "Home")
    before = chart_data(page, "cls_attention")
    page.locator(".st-key-head").get_by_text(EN["vit.head_2"]).click()
    expect_changed(page, lambda: chart_data(page, "cls_attention"), before)
    assert "layer=1" in page.url and "head=2" in page.url
    slider_moves_chart(page, "patch", "pos_one")
    expect(page.locator(".st-key-head_grid")).to_have_count(0)
    page.locator(".st-key-all_heads").get_by_text(EN["vit.all_heads"]).click()
    expect(page.locator(".st-key-head_grid .js-plotly-plot")).to_be_visible()
    wait_idle(page)
    assert "all_heads=true" in page.url


def test_vit_blank_canvas_then_a_drawing_is_classified(server, page):
    open_app(page, f"{server.url}/vit?source=drawn")
    expect(page.get_by_text(EN["vit.blank"])).to_be_visible()
    expect(page.locator(".st-key-probs")).to_have_count(0)
    draw(page, "vit_canvas", A_SEVEN)
    expect(page.locator(".st-key-probs .js-plotly-plot")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Prediction:")).to_be_visible()


def test_vit_odd_url_values_fall_back(server, page):
    open_app(page, f"{server.url}/vit?layer=9&head=banana&index=-3")
    notice = EN["url.bad"].format(keys="index, layer, head")
    expect(page.locator("[data-testid=stAlert]").filter(has_text=notice)).to_be_visible()
    expect(page.locator(".st-key-probs .js-plotly-plot")).to_be_visible()
