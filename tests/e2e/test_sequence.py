"""Part 1 pages in a real browser: typed text, sliders, units and the charts they drive."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import (
    chart_data,
    expect_changed,
    expect_in_url,
    open_app,
    run_answered,
    slider_moves_chart,
    slider_thumb,
    type_text,
)
from ui.i18n import catalog

EN = catalog("en")


def alert(page, text: str):
    return page.locator("[data-testid=stAlert]").filter(has_text=text)


def test_markov_reads_typed_text_and_compares_the_models(server, page):
    open_app(page, f"{server.url}/markov")
    before = chart_data(page, "next_char")
    type_text(page, "text", 'The "len()" function returns the number of items.')
    after = expect_changed(page, lambda: chart_data(page, "next_char"), before)
    assert "text=" in page.url
    slider_moves_chart(page, "pos", "top", "ArrowLeft")
    with run_answered(page):  # the browser shows the other model's chart before the run: the run must not fail
        page.locator(".st-key-model").get_by_text(EN["seq.model_gru"]).click()
    expect_changed(page, lambda: chart_data(page, "next_char"), after)
    assert "model=gru" in page.url


def test_markov_bad_text_gets_messages_not_errors(server, page):
    open_app(page, f"{server.url}/markov")
    type_text(page, "text", "")
    expect(alert(page, EN["text.empty"])).to_be_visible()
    type_text(page, "text", "한국어와 이모지 🙂도 <b>써</b> 봅니다")
    expect(alert(page, EN["text.unknown"].split("}")[1].split(",")[0].strip())).to_be_visible()
    expect(page.locator(".st-key-next_char .js-plotly-plot").last).to_be_visible()
    type_text(page, "text", "abc " * 200)
    expect(alert(page, EN["text.cut"].format(n=800, limit=500))).to_be_visible()


def test_gates_unit_internal_and_readable_units(server, page):
    open_app(page, f"{server.url}/gates")
    # the browser shows the next unit's views before the run, whose address must be written before the next
    # click's (a run's address replaces the whole query string)
    with run_answered(page):
        slider_moves_chart(page, "unit", "unit_trace")
    before = chart_data(page, "heatmap")
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"]).click()
    expect_changed(page, lambda: chart_data(page, "heatmap"), before)
    assert "internal=f" in page.url
    # every address written from here on: the run writes the button's unit and internal, and the page's views,
    # whose widgets show those values a moment later, must not write the old ones back meanwhile
    page.evaluate("""() => { window.__written = [];
      for (const f of ['pushState', 'replaceState']) {
        const real = history[f].bind(history);
        history[f] = (s, t, u) => { window.__written.push(String(u)); return real(s, t, u); };
      } }""")
    with run_answered(page):
        page.locator(".st-key-show_bracket_depth button").click()
    expect_in_url(page, "feature=bracket_depth", "unit=")
    assert "internal=" not in page.url  # back to the cell state, the default
    unit = re.search(r"unit=(\d+)", page.url).group(1)
    expect(slider_thumb(page, "unit")).to_have_value(unit)
    written = page.evaluate("window.__written")
    assert written and not [u for u in written if "internal=" in u or f"unit={unit}" not in u], written
    expect(page.locator(".st-key-painted .painted:visible span").first).to_be_visible()


def test_gates_paint_html_as_text(server, page):
    open_app(page, f"{server.url}/gates")
    type_text(page, "text", "<b>not bold</b> <img src=x onerror=alert(1)>")
    painted = page.locator(".st-key-painted .painted:visible")
    expect(painted).to_contain_text("<b>not bold</b>")
    expect(painted.locator("b, img")).to_have_count(0)


def test_gradients_scale_and_memory_distance(server, page):
    open_app(page, f"{server.url}/gradients")
    slider_moves_chart(page, "scale", "norms")
    slider_moves_chart(page, "distance", "memory")
    assert "scale=" in page.url and "distance=51" in page.url


def test_lstm_code_checks_again_for_new_sizes(server, page):
    open_app(page, f"{server.url}/lstm_code?hidden=32&kind=gru")
    box = page.locator(".st-key-hidden input")
    box.fill("33")
    box.press("Enter")
    expect_in_url(page, "hidden=33")
    expect(page.locator("[data-testid=stAlert]").filter(has_text="torch.nn.GRU")).to_be_visible()
