"""The translator's decoding steps the browser draws (ui/decodestep.py), in a real browser: for each step the
sentence and both charts are exactly the model's numbers (datemodel.run), as the server drew them, with no
script run; the address, the lesson's buttons and the player follow."""

import numpy as np
from playwright.sync_api import Page, expect

from figures import attention as fig
from models import translator
from tests.e2e.browser import COUNT_RUNS, expect_in_url, open_app, press_slider
from ui import datemodel
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")
EXAMPLE, EXAMPLE_KO = "Tuesday, November 24, 2026", "2026년 11월 24일 화요일"  # the page's default texts


def shown(page: Page, step: int) -> None:
    for key in ("decoding_now", "next_probs", "step_cross"):
        expect(page.locator(f".st-key-{key} .computed")).to_have_attribute("data-shown", str(step))


def same_as_the_model(page: Page, s: str, step: int, cat=EN) -> None:
    """The sentence and both charts at this step: the model's numbers, split around the largest bar."""
    t = lambda key, **v: cat[f"translator.{key}"].format(**v)  # noqa: E731
    res = datemodel.run(s)
    answer = res["answer"]
    words = t("decoding_now", written=answer[: step - 1] or "∅", step=step, char=answer[step - 1])
    assert page.locator(".st-key-decoding_now .computed").inner_text() == words.replace("**", "").replace("`", "")
    probs = res["probs"][step - 1]
    cross = res["cross"][translator.Config().n_decoder - 1]["weights"].mean(0)[step - 1]
    symbols, tokens = list(datemodel.OUTPUT_SYMBOLS), fig.tokens(res["input"])
    for key, values, labels, title in (
        ("next_probs", probs, symbols, t("next_probs", step=step)),
        ("step_cross", cross, tokens, t("reads", step=step)),
    ):
        plot = page.locator(f".st-key-{key} .js-plotly-plot")
        drawn = plot.evaluate("p => p.data.map(t => [Array.from(t.x), Array.from(t.y), Array.from(t.customdata)])")
        hover, top = fig.named(labels), int(np.argmax(values))
        rest = [i for i in range(len(labels)) if i != top]
        assert drawn == [
            [rest, values[rest].astype(np.float64).tolist(), [hover[i] for i in rest]],
            [[top], [float(values[top])], [hover[top]]],
        ]
        assert plot.evaluate("p => p.layout.title.text") == title


def test_the_browser_draws_each_decoding_step_as_the_model_computed_it_with_no_run(server, page):
    open_app(page, f"{server.url}/translator?step=3")
    shown(page, 3)
    same_as_the_model(page, EXAMPLE, 3)

    page.evaluate(COUNT_RUNS)
    press_slider(page, "step", "ArrowRight")
    shown(page, 4)
    same_as_the_model(page, EXAMPLE, 4)
    press_slider(page, "step", "End")
    shown(page, translator.OUTPUT_LEN)
    same_as_the_model(page, EXAMPLE, translator.OUTPUT_LEN)
    press_slider(page, "step", "ArrowLeft")
    shown(page, translator.OUTPUT_LEN - 1)
    same_as_the_model(page, EXAMPLE, translator.OUTPUT_LEN - 1)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser drew every step by itself
    expect_in_url(page, f"step={translator.OUTPUT_LEN - 1}")

    # a guide's step is a run that sets the slider: the browser draws the step it set
    page.locator(".st-key-try_decode_2 button").click()
    expect_in_url(page, "step=6")
    shown(page, 6)
    same_as_the_model(page, EXAMPLE, 6)

    # the address opens on the same view
    open_app(page, page.url)
    shown(page, 6)
    same_as_the_model(page, EXAMPLE, 6)


def test_played_in_korean_the_steps_are_drawn_up_to_the_last(server, page):
    open_app(page, f"{server.url}/translator?lang=ko")
    shown(page, 1)
    same_as_the_model(page, EXAMPLE_KO, 1, KO)
    page.locator(".st-key-play_step button").click()  # the player's ticks are runs that move the slider
    expect(page.locator(".st-key-step input[type=range]")).to_have_value(str(translator.OUTPUT_LEN), timeout=20_000)
    shown(page, translator.OUTPUT_LEN)
    same_as_the_model(page, EXAMPLE_KO, translator.OUTPUT_LEN, KO)
