"""Part 3 pages in a real browser: sliders move charts, the canvas draws, bad input gets a message."""

from playwright.sync_api import expect

from tests.e2e.browser import (
    A_SEVEN,
    COUNT_RUNS,
    chart_data,
    draw,
    expect_changed,
    expect_in_url,
    expect_shown,
    open_app,
    press_slider,
    run_answered,
    slider_moves_chart,
    slider_value,
    wait_idle,
)
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")


def test_distribution_sliders_redraw_their_charts(server, page):
    open_app(page, f"{server.url}/distributions")
    for slider, chart in (("p", "bernoulli"), ("side", "growth"), ("px", "joint")):
        slider_moves_chart(page, slider, chart)
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
    after = slider_moves_chart(page, "step", "generation", "End")
    assert slider_value(page, "step") == "784"
    expect(page.get_by_text(EN["nade.done"])).to_be_visible()
    slider_moves_chart(page, "index", "completions")
    slider_moves_chart(page, "rows", "completions", "Home")
    assert "rows=1" in page.url and after


def test_nade_blank_canvas_prompts_and_a_drawing_gets_a_likelihood(server, page):
    open_app(page, f"{server.url}/nade?source=drawn&lang=ko")
    expect(page.get_by_text(KO["nade.blank"])).to_be_visible()
    expect(page.locator(".st-key-completions")).to_have_count(0)
    draw(page, "nade_canvas", A_SEVEN)
    expect(page.locator(".st-key-completions .js-plotly-plot")).to_be_visible()
    wait_idle(page)
    sentence = page.locator(".st-key-nll_sentence .views-part:not([hidden])")
    expect(sentence).to_contain_text("log p(x) = ")
    expect(sentence.locator("strong")).to_contain_text("nats")  # the NLL in bold, as Markdown draws it
    assert chart_data(page, "contributions") != chart_data(page, "nll_hist")


def test_mle_step_play_and_capacity(server, page):
    open_app(page, f"{server.url}/mle")
    before = chart_data(page, "fit")
    page.get_by_role("button", name=EN["mle.one_step"]).click()
    expect_changed(page, lambda: chart_data(page, "fit"), before)
    assert slider_value(page, "step") == "1"
    page.get_by_role("button", name=EN["mle.play"], exact=True).click()
    expect(page.get_by_role("button", name=EN["mle.pause"])).to_be_visible()
    page.wait_for_function("() => new URL(location).searchParams.get('step') >= 31", timeout=20_000)
    page.get_by_role("button", name=EN["mle.pause"]).click()
    expect(page.get_by_role("button", name=EN["mle.play"], exact=True)).to_be_visible()
    slider_moves_chart(page, "n", "capacity", "End")
    slider_moves_chart(page, "sep", "kl_fits", "Home")


# The VAE's posterior map: how many charts its element holds (on the page and drawn ahead off it), and the shapes
# of the one shown (a digit's ellipse, or none)
MAP_CHARTS = """() => {
  const root = document.querySelector('.st-key-posterior_map .views');
  const parked = root.__views.parked ? [...root.__views.parked.querySelectorAll('.js-plotly-plot')] : [];
  const shown = root.querySelector(':scope > .views-part:not([hidden]) .js-plotly-plot');
  return [root.querySelectorAll('.js-plotly-plot').length + parked.length, (shown.layout.shapes || []).length];
}"""


def test_vae_latent_sliders_selection_and_drawing(server, page):
    open_app(page, f"{server.url}/vae")
    slider_moves_chart(page, "z1", "decoded")
    press_slider(page, "z2", "End")
    expect(page.locator("[data-testid=stAlert]").filter(has_text=EN["vae.extrapolating"])).to_be_visible()
    # click a point on the latent map: the digit and its reconstruction appear
    expect(page.locator(".st-key-reconstruction")).to_have_count(0)
    # Plotly listens on the plot area, not on the marker itself: click where a marker is drawn
    wait_idle(page)
    page.locator(".st-key-latent_map").scroll_into_view_if_needed()
    wait_idle(page)
    box = page.locator(".st-key-latent_map .scatterlayer .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".st-key-reconstruction .js-plotly-plot")).to_be_visible()
    assert "selected=" in page.url
    slider_moves_chart(page, "a", "interp_latent")
    samples = page.locator(".st-key-q_samples .js-plotly-plot")
    expect(samples).to_be_visible()
    expect_shown(page, "posterior_map", "heldout")
    wait_idle(page)
    page.wait_for_timeout(1000)  # idle: views that need a chart of their own are drawn ahead by now
    assert page.evaluate(MAP_CHARTS) == [1, 1]  # one chart for both sources' views: the held-out digit's ellipse
    # the source switches in the browser: both sections are on the page, the canvas's out of sight till now
    page.evaluate(COUNT_RUNS)
    page.locator(".st-key-source").get_by_text(EN["vae.source_drawn"]).click()
    expect(page.get_by_text(EN["vae.blank"])).to_be_visible()
    expect(page.get_by_text(EN["canvas.hint"])).to_be_visible()
    # the held-out digit's numbers and samples are out of sight; the map stays, with no ellipse
    expect(samples).to_be_hidden()
    expect(page.locator(".st-key-vae_heldout_numbers")).to_be_hidden()
    expect_shown(page, "posterior_map", "drawn")
    assert page.evaluate(MAP_CHARTS) == [1, 0]  # the same chart, its ellipse gone
    expect_in_url(page, "source=drawn")
    assert page.evaluate("window.__runs") == 0
    with run_answered(page):
        draw(page, "vae_canvas", A_SEVEN)
    drawn = page.locator(".st-key-drawn_q_samples .js-plotly-plot")
    expect(drawn).to_be_visible()
    expect(page.locator(".st-key-vae_drawn_numbers").get_by_text("KL(q ‖ p)")).to_be_visible()
    expect(page.get_by_text(EN["vae.blank"])).to_have_count(0)
    page.wait_for_function(f"() => ({MAP_CHARTS})()[1] === 1")  # the drawing's ellipse
    # to the held-out digit and back: each shown as it was, the drawing kept, with no run
    page.evaluate(COUNT_RUNS)
    page.locator(".st-key-source").get_by_text(EN["vae.source_heldout"]).click()
    expect(samples).to_be_visible()
    expect(drawn).to_be_hidden()
    expect(page.get_by_text(EN["vae.source_caption_heldout"].format(n=1000))).to_be_visible()
    page.locator(".st-key-source").get_by_text(EN["vae.source_drawn"]).click()
    expect(drawn).to_be_visible()
    expect(samples).to_be_hidden()
    assert page.evaluate("window.__runs") == 0
    # Undo takes the stroke back: the canvas is blank, and the page prompts again
    with run_answered(page):
        page.locator(".st-key-vae_canvas").get_by_role("button", name=EN["canvas.undo"]).click()
    expect(page.get_by_text(EN["vae.blank"])).to_be_visible()
    expect(drawn).to_have_count(0)


def test_nade_a_stray_dot_is_blank_and_a_scribble_is_unusual(server, page):
    open_app(page, f"{server.url}/nade?source=drawn")
    with run_answered(page):  # the page opened blank: its message is there before the dot's run answers
        draw(page, "nade_canvas", [[(0.5, 0.5), (0.51, 0.5)]])
    expect(page.get_by_text(EN["nade.blank"])).to_be_visible()
    zigzag = [[(x / 10, 0.1 if i % 2 else 0.9) for i, x in enumerate(range(1, 10))]]
    draw(page, "nade_canvas", zigzag)
    expect(page.locator("[data-testid=stAlert]").filter(has_text=EN["nade.unusual"])).to_be_visible()
    expect(page.locator(".st-key-contributions .js-plotly-plot")).to_be_visible()
    # Clear takes every stroke away: blank again
    with run_answered(page):
        page.locator(".st-key-nade_canvas").get_by_role("button", name=EN["canvas.clear"]).click()
    expect(page.get_by_text(EN["nade.blank"])).to_be_visible()
    expect(page.locator(".st-key-contributions .js-plotly-plot")).to_have_count(0)
