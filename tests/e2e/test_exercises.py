"""The exercises in a real browser: hostile answers are refused with a message, a right one is accepted,
and while the server judges them another student's page on another page keeps answering."""

from pathlib import Path

from playwright.sync_api import expect

from exercises import attention, lstm
from tests.e2e.browser import open_app, run_answered, slider_moves_chart
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")
PWNED = Path("/tmp/pwned_by_exercise_e2e")
SOLUTION = "\n".join(f"{name} = {expr}" for name, expr in lstm.SOLUTION.items())
# Refused when read, refused for its size, and an allowed answer that costs the checker the most work.
HOSTILE = [
    f"i = __import__('os').system('touch {PWNED}')",
    "i = ().__class__.__bases__",
    "i = 2**10**10",
    "i = " + "1 + " * 25_000 + "1",
    "a = (W_ih.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(-1)\n"
    "b = (a.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(576, 192)\n"
    "i = b @ b.T",
]


def answer(page, exercise_id: str, text: str) -> None:
    """Type an answer into an exercise's box and press Check."""
    box = page.locator(f".st-key-exercise_{exercise_id} textarea")
    box.fill(text)
    page.locator(f".st-key-exercise_check_{exercise_id} button").click()


def alert(page, text: str):
    return page.locator("[data-testid=stAlert]").filter(has_text=text)


def verdicts(page, exercise_id: str):
    return page.locator(f".st-key-exercise_verdicts_{exercise_id}")


def test_hostile_answers_are_refused_a_right_one_accepted_and_other_sessions_answer(server, page, browser):
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        student = other.new_page()
        open_app(student, f"{server.url}/distributions")
        open_app(page, f"{server.url}/lstm_code")
        before = page.locator(".st-key-exercise_lstm textarea").input_value()
        assert before.startswith("i = \nf = ")
        for n, text in enumerate(HOSTILE):
            with run_answered(page):  # the last answer's message is on the page until this one's run answers
                answer(page, "lstm", text)
                # while this check runs, another session on another page moves a slider and sees its chart change
                slider_moves_chart(student, "p", "bernoulli", "ArrowRight" if n % 2 == 0 else "ArrowLeft")
            expect(alert(page, EN["exercise.refused"]) if n < 4 else verdicts(page, "lstm")).to_be_visible()
        expect(verdicts(page, "lstm")).to_contain_text(EN["exercise.problem.too_much_work"].split("(")[0].strip())
        with run_answered(page):
            answer(page, "lstm", HOSTILE[0])
        expect(verdicts(page, "lstm")).to_contain_text("__import__('os').system(")  # shown back as typed
        expect(verdicts(page, "lstm")).to_contain_text(EN["exercise.problem.string"].split("(")[0].strip())
        answer(page, "lstm", SOLUTION)
        expect(alert(page, EN["exercise.accepted"].split("`")[0].strip())).to_be_visible()
        expect(alert(page, "torch.nn.LSTMCell")).to_be_visible()
        assert "exercise" not in page.url and "i%20%3D" not in page.url  # the answer is not in the address
        slider_moves_chart(student, "side", "growth")
    finally:
        other.close()
    assert not PWNED.exists()


def test_multi_head_in_korean_a_wrong_line_gets_its_hint_then_the_right_answer_is_accepted(server, page):
    open_app(page, f"{server.url}/attention_code?lang=ko")
    page.get_by_role("tab", name=KO["exercise.multi_head.tab"]).click()
    lines = {**attention.MULTI_HEAD.solution, "out": "concat @ W_o"}
    with run_answered(page):
        answer(page, "multi_head", "\n".join(f"{n} = {e}" for n, e in lines.items()))
    box = verdicts(page, "multi_head")
    expect(box).to_contain_text(KO["exercise.multi_head.hint.out"].split(":")[0])
    expect(box).to_contain_text("concat @ W_o")
    answer(page, "multi_head", "\n".join(f"{n} = {e}" for n, e in attention.MULTI_HEAD.solution.items()))
    expect(alert(page, "torch.nn.MultiheadAttention")).to_be_visible()
