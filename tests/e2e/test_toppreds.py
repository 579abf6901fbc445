"""The markov page's top characters the browser draws (ui/toppreds.py), in a real browser: at each position the
text read so far, the character that comes next and both panels are exactly what seqmodels computed, as the
page drew them on the server, with no script run; a click on another model shows its panel at once, and the
address and the lesson's buttons follow."""

import numpy as np
from playwright.sync_api import Page, expect

from figures.sequence import label
from models.data import text
from tests.e2e.browser import COUNT_RUNS, expect_in_url, open_app, press_slider
from ui import seqmodels, toppreds
from ui.i18n import catalog
from ui.lessons import markov as lesson

EN, KO = catalog("en"), catalog("ko")
S = lesson.DEFAULT


def shown(page: Page, model: str, pos: int) -> None:
    for key in ("context", "after", "top"):
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", f"{model}|{pos}")


def same_as_the_models(page: Page, model: str, pos: int, cat=EN) -> None:
    """The text up to `pos`, the character after it and each model's ten likeliest next characters there."""
    read = ("…" if pos > 60 else "") + S[max(0, pos - 60) : pos] + "▌"
    assert page.locator(".st-key-context pre").inner_text() == read
    after = cat["markov.actual"].format(char=toppreds.spelled(S[pos])) if pos < len(S) else cat["markov.end"]
    assert page.locator(".st-key-after .computed").inner_text() == after
    drawn = page.locator(".st-key-top .js-plotly-plot").evaluate("p => p.data.map(t => [Array.from(t.x), t.y])")
    chars = text.training_chars()
    for (x, y), res in zip(drawn, (seqmodels.bigram(S), seqmodels.analyse(model, S)), strict=True):
        top_i, top_p = res["top_i"][pos - 1][::-1], res["top_p"][pos - 1][::-1]  # the likeliest on top
        assert x == top_p.astype(np.float64).tolist()
        assert y == [f"‘{label(chars[i])}’" for i in top_i]


def test_the_browser_draws_each_position_as_the_models_read_it_with_no_run(server, page):
    open_app(page, f"{server.url}/markov?pos=10")
    shown(page, "lstm", 10)
    same_as_the_models(page, "lstm", 10)
    page.evaluate(COUNT_RUNS)
    for keys, pos in (("ArrowRight", 11), ("ArrowRight", 12), ("End", len(S)), ("Home", 1)):
        press_slider(page, "pos", keys)
        shown(page, "lstm", pos)
        same_as_the_models(page, "lstm", pos)
    press_slider(page, "pos", "ArrowRight")
    shown(page, "lstm", 2)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser drew every position by itself
    expect_in_url(page, "pos=2")

    # another model (a run): its panel at the position the browser holds, drawn once: the run the click asks for
    # sends the same numbers, and the panel is not drawn again
    page.evaluate(
        """() => { window.__redrawn = 0;
          new MutationObserver(() => { window.__redrawn++; })
            .observe(document.querySelector('.st-key-top'), {subtree: true, childList: true, attributes: true}); }"""
    )
    page.locator(".st-key-model").get_by_text(EN["seq.model_gru"]).click()
    shown(page, "gru", 2)
    expect_in_url(page, "model=gru")
    drawn = page.evaluate("window.__redrawn")
    assert drawn > 0  # the click drew gru's panel (in place, or moved there from the charts drawn ahead)
    gru_sample = EN["markov.sample_title"].format(model=EN["seq.model_gru"])
    expect(page.get_by_role("heading", name=gru_sample)).to_be_visible()  # the run's answer is on the page
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]').dataset.testScriptState !== 'running'")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 1  # the click is one run, and the count sees it
    assert page.evaluate("window.__redrawn") == drawn
    same_as_the_models(page, "gru", 2)

    # the address opens on the same view
    open_app(page, page.url)
    shown(page, "gru", 2)
    same_as_the_models(page, "gru", 2)


def test_the_top_guide_sets_the_position_the_browser_draws_in_korean(server, page):
    open_app(page, f"{server.url}/markov?lang=ko")
    view = {"model": "lstm"}
    for i, step in enumerate(lesson.TOP.steps, start=1):
        view |= step
        page.locator(f".st-key-try_top_{i} button").click()
        shown(page, view["model"], view["pos"])
        same_as_the_models(page, view["model"], view["pos"], KO)
