"""The exercises on the two code pages, run headless in both languages: a right answer is accepted,
a wrong line gets its hint, hostile input is refused with a message and runs nothing."""

from __future__ import annotations

import pytest

from exercises import attention, core, lstm
from tests.apptest import all_text, run_page
from ui import exercise as view
from ui.i18n import MISSING, catalog

PAGES = {"lstm_code": "pages/14_lstm_code.py", "attention_code": "pages/26_attention_code.py"}
# (page, exercise), named so that `-k lstm_code` or `-k attention_code` picks a page's cases
CASES = {
    "lstm_code": ("lstm_code", lstm.EXERCISE),
    "attention_code-sdpa": ("attention_code", attention.SDPA),
    "attention_code-multi_head": ("attention_code", attention.MULTI_HEAD),
}
LANGS = ["en", "ko"]


def as_text(lines: dict) -> str:
    return "\n".join(f"{name} = {expr}" for name, expr in lines.items())


def opening(text: str) -> str:
    """A catalog sentence up to its first placeholder: what is shown whatever the values."""
    return text.split("{")[0].strip()


def check(at, ex: core.Exercise, answer: str):
    at.text_area(key=f"exercise_{ex.id}").set_value(answer)
    at.button(key=f"exercise_check_{ex.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def verdict_text(at, ex: core.Exercise) -> str:
    """The markdown of the exercise's verdict lines."""
    return "\n".join(m.value for m in at.markdown if m.value.startswith((":red[", ":green[", ":gray[")))


def said(at, kind: str) -> str:
    return " ".join(e.value for e in getattr(at, kind))


@pytest.fixture(params=LANGS)
def lang(request):
    return request.param


@pytest.fixture(params=CASES.values(), ids=list(CASES))
def case(request):
    return request.param


def test_the_section_shows_the_given_names_and_a_template_and_waits_for_check(case, lang):
    page_id, ex = case
    at = run_page(PAGES[page_id], lang=lang)
    assert not at.exception
    box = at.text_area(key=f"exercise_{ex.id}")
    assert box.value == view.template(ex) and box.value.startswith(f"{ex.blanks[0].name} = ")
    text = all_text(at)
    assert all(f"`{name}` {shape}" in text for name, shape in core.given(ex).items())
    assert catalog(lang)["exercise.not_checked"] in said(at, "info")
    assert MISSING.format("")[0] not in text
    # typing alone checks nothing: only the button does
    box.set_value(as_text(ex.solution)).run()
    assert catalog(lang)["exercise.not_checked"] in said(at, "info") and not verdict_text(at, ex)


def test_a_right_answer_is_accepted_and_run_against_pytorch(case, lang):
    page_id, ex = case
    at = check(run_page(PAGES[page_id], lang=lang), ex, as_text(ex.solution))
    assert opening(catalog(lang)["exercise.accepted"]) in said(at, "success")
    assert ex.torch_name in said(at, "success")
    assert verdict_text(at, ex).count(":green[✓]") == len(ex.blanks)
    final = [df for df in at.dataframe if catalog(lang)["exercise.final_diff"] in df.value.columns]
    assert final and list(final[0].value.iloc[:, 0]) == list(ex.torch_outputs(ex.make_inputs(0)))
    # the answer is kept in the session, never in the address
    assert not any(k.startswith("exercise") for k in at.query_params)
    assert at.session_state[f"exercise_{ex.id}"] == as_text(ex.solution)


def test_a_template_line_left_empty_counts_as_not_written(case, lang):
    page_id, ex = case
    first, *rest = ex.blanks
    answer = f"{first.name} = \n" + as_text({b.name: ex.solution[b.name] for b in rest})
    at = check(run_page(PAGES[page_id], lang=lang), ex, answer)
    text = verdict_text(at, ex)
    assert f":gray[○] **{first.name}**" in text and text.count(":green[✓]") == len(rest)
    assert opening(catalog(lang)["exercise.verdict.missing"]) in text


def test_a_wrong_line_gets_its_mistake_and_its_hint(case, lang):
    page_id, ex = case
    name, mistakes = next(iter(ex.mistakes.items()))
    mistake = mistakes[-1]
    at = check(run_page(PAGES[page_id], lang=lang), ex, as_text({**ex.solution, name: mistake.expression}))
    words = catalog(lang)
    assert words["exercise.partly"].rsplit("}", 1)[1].strip() in said(at, "warning")
    text = verdict_text(at, ex)
    assert f":red[✗] **{name}**" in text
    assert opening(words[f"exercise.{ex.id}.mistake.{mistake.code}"]) in text
    assert words[ex.hint_key(name)].replace("{{", "{").replace("}}", "}") in text
    assert text.count(":green[✓]") == len(ex.blanks) - 1
    assert not at.success or opening(words["exercise.accepted"]) not in said(at, "success")


PWNED = "pwned_by_exercise"
HOSTILE = {
    "import": ("__import__('os').system('touch {dir}/" + PWNED + "')", "string"),
    "bases": ("().__class__.__bases__", "dunder"),
    "power": ("2**10**10", "exponent_not_allowed"),
    "html": ("x_t <img src=x onerror=alert(1)> **b** [a](javascript:alert(1)) `", "character_not_allowed"),
}


@pytest.mark.parametrize("hostile", list(HOSTILE) + ["long"])
def test_hostile_input_is_refused_with_a_message_and_runs_nothing(case, lang, hostile, tmp_path):
    page_id, ex = case
    words = catalog(lang)
    name = ex.blanks[0].name
    if hostile == "long":
        answer, code = f"{name} = " + "1 + " * 25_000 + "1", "too_long"  # 10⁵ characters
    else:
        expr, code = HOSTILE[hostile]
        answer = f"{name} = {expr.format(dir=tmp_path)}"
    at = check(run_page(PAGES[page_id], lang=lang), ex, answer)
    assert words["exercise.refused"] in said(at, "error")
    text = verdict_text(at, ex)
    assert opening(words[f"exercise.problem.{code}"]) in text, text
    assert list(tmp_path.iterdir()) == []
    if hostile == "long":
        assert len(answer) > 100_000 and ":red[✗]" in text and "**" + name + "**" not in text  # nothing judged
    else:  # shown back as typed, inside a code span: no HTML, no Markdown
        shown = view.literal(answer)
        assert shown in text and shown.startswith("`")
    # the page still works: a right answer is accepted right after
    check(at, ex, as_text(ex.solution))
    assert opening(words["exercise.accepted"]) in said(at, "success")


def test_code_is_shown_wrapped_never_cut_off():
    for file in PAGES.values():
        at = run_page(file)
        assert at.code and all(c.proto.wrap_lines for c in at.code)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("i = x_t", "`i = x_t`"),
        ("a `b` c", "``a `b` c``"),
        ("`", "`` ` ``"),
        ("<script>\n**x**", "`<script> **x**`"),
        ("", ""),
        ("x" * 500, "`" + "x" * view.SHOWN_CHARS + "…`"),
    ],
)
def test_student_text_is_shown_as_a_code_span(text, shown):
    assert view.literal(text) == shown


def test_unfilled_template_lines_are_dropped_and_line_numbers_kept():
    assert view.unfilled_removed("i = \nf = x_t\n  g =   # later\nh = c") == "\nf = x_t\n\nh = c"


def test_every_sentence_a_check_can_return_is_in_both_catalogs():
    for ex in (lstm.EXERCISE, attention.SDPA, attention.MULTI_HEAD):
        for lang in LANGS:
            assert core.catalog_keys(ex) <= set(catalog(lang)), lang
        for blank in ex.blanks:  # an equation with words is translated; the English one is the exercise's own
            shown = catalog("en").get(f"exercise.{ex.id}.equation.{blank.name}", blank.equation)
            assert shown == blank.equation


def test_the_answer_and_its_verdict_stay_when_the_student_leaves_the_page_and_comes_back_lstm_code():
    ex = lstm.EXERCISE
    at = check(run_page(PAGES["lstm_code"]), ex, as_text(ex.solution))
    at.switch_page("pages/31_distributions.py").run()
    assert not at.exception
    at.switch_page(PAGES["lstm_code"]).run()
    assert not at.exception
    assert at.text_area(key=f"exercise_{ex.id}").value == as_text(ex.solution)
    assert opening(catalog("en")["exercise.accepted"]) in said(at, "success")
