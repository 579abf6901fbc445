"""Part 2 pages in a real browser."""

from playwright.sync_api import expect

from tests.e2e.browser import (
    A_SEVEN,
    chart_data,
    draw,
    expect_changed,
    expect_in_url,
    open_app,
    slider_moves_chart,
    type_text,
    wait_idle,
)
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
    # the held-out digit's charts, kept on the page hidden: none shows, nor its prediction or guides
    expect(page.locator(".st-key-probs")).to_be_hidden()
    expect(page.locator(".st-key-patches")).to_be_hidden()
    expect(page.get_by_role("heading", name="Prediction:")).to_be_hidden()
    expect(page.get_by_role("heading", name=EN["vit.attention"])).to_be_hidden()
    draw(page, "vit_canvas", A_SEVEN)
    expect(page.locator(".st-key-probs .js-plotly-plot")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Prediction:")).to_be_visible()


def test_vit_charts_hidden_for_a_blank_canvas_come_back_as_drawn_and_show_a_drawing(server, page):
    """The charts a blank canvas hides stay on the page as drawn: switching back to the held-out digit shows the
    very charts drawn before, unchanged (no new chart drawn, nothing redrawn), and a drawing redraws them with
    its numbers."""
    open_app(page, f"{server.url}/vit")
    plot = ".st-key-probs .js-plotly-plot"
    page.locator(plot).wait_for()
    heldout = chart_data(page, "probs")
    page.evaluate(f"() => {{ window.__probs = document.querySelector('{plot}'); }}")
    page.locator(".st-key-source").get_by_text(EN["vit.source_drawn"]).click()
    expect(page.get_by_text(EN["vit.blank"])).to_be_visible()
    expect(page.locator(".st-key-probs")).to_be_hidden()
    wait_idle(page)
    # from here to the chart shown again, nothing in it changes: it is neither drawn anew nor redrawn
    page.evaluate(
        f"""() => {{ window.__changes = 0; new MutationObserver((r) => {{ window.__changes += r.length; }})
              .observe(document.querySelector('{plot}'), {{subtree: true, childList: true, attributes: true}}); }}"""
    )
    page.locator(".st-key-source").get_by_text(EN["vit.source_heldout"]).click()
    expect(page.locator(plot)).to_be_visible()
    wait_idle(page)
    assert page.evaluate(f"() => document.querySelector('{plot}') === window.__probs")  # the same chart
    assert page.evaluate("() => window.__changes") == 0
    assert chart_data(page, "probs") == heldout
    page.locator(".st-key-source").get_by_text(EN["vit.source_drawn"]).click()
    expect(page.get_by_text(EN["vit.blank"])).to_be_visible()
    draw(page, "vit_canvas", A_SEVEN)
    page.locator(plot).wait_for()
    expect_changed(page, lambda: chart_data(page, "probs"), heldout)
    wait_idle(page)
    assert page.evaluate(f"() => document.querySelector('{plot}') === window.__probs")  # redrawn in place
    expect(page.get_by_role("heading", name="Prediction: 7")).to_be_visible()


def test_vit_odd_url_values_fall_back(server, page):
    open_app(page, f"{server.url}/vit?layer=9&head=banana&index=-3")
    notice = EN["url.bad"].format(keys="index, layer, head")
    expect(page.locator("[data-testid=stAlert]").filter(has_text=notice)).to_be_visible()
    expect(page.locator(".st-key-probs .js-plotly-plot")).to_be_visible()


def test_translator_reads_a_korean_date_and_steps_through_decoding(server, page):
    open_app(page, f"{server.url}/translator")
    type_text(page, "text", "2026년 11월 24일 화요일")
    expect(page.get_by_role("heading", name="→ 2026-11-24")).to_be_visible()
    slider_moves_chart(page, "step", "next_probs", "ArrowRight")  # decoding opens at step 1
    slider_moves_chart(page, "layer", "cross", "ArrowLeft")
    before = chart_data(page, "self_maps")
    page.locator(".st-key-head").get_by_text(EN["translator.head_n"].format(n=2)).click()
    expect_changed(page, lambda: chart_data(page, "self_maps"), before)
    assert "head=2" in page.url and "step=2" in page.url


def test_translator_flags_input_that_is_not_a_date(server, page):
    open_app(page, f"{server.url}/translator")
    type_text(page, "text", "<script>alert(1)</script>")
    outside = EN["translator.outside"].split("{n}")[0].strip()
    expect(page.locator("[data-testid=stAlert]").filter(has_text=outside)).to_be_visible()
    expect(page.locator(".st-key-cross .js-plotly-plot").last).to_be_visible()


def test_self_attention_token_and_scaling(server, page):
    open_app(page, f"{server.url}/self_attention")
    slider_moves_chart(page, "token", "scores")
    before = chart_data(page, "scores")
    page.locator(".st-key-scale label").click()
    expect_changed(page, lambda: chart_data(page, "scores"), before)
    assert "scale=false" in page.url
    expect(page.get_by_text("With the scaling removed")).to_be_visible()


def test_multi_head_layers_and_blocks(server, page):
    open_app(page, f"{server.url}/multi_head")
    slider_moves_chart(page, "layer", "heads")
    before = chart_data(page, "concat")
    page.locator(".st-key-block").get_by_text(EN["multi_head.block_cross"]).click()
    expect_changed(page, lambda: chart_data(page, "concat"), before)


def test_positions_width_and_length(server, page):
    open_app(page, f"{server.url}/positions")
    slider_moves_chart(page, "width", "pe", "ArrowLeft")
    slider_moves_chart(page, "length", "pe")
    assert "width=56" in page.url and "length=41" in page.url


def test_attention_code_masks(server, page):
    open_app(page, f"{server.url}/attention_code")
    page.locator(".st-key-mask").get_by_text(EN["attention_code.mask_padding"]).click()
    expect_in_url(page, "mask=padding")
    expect(page.locator("[data-testid=stAlert]").filter(has_text="Same numbers as PyTorch")).to_be_visible()
