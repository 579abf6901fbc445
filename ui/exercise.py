"""'Your turn' on the code pages: the student writes the missing lines, `exercises/` judges them.

The student's text is only ever read by `exercises.safe` (parsed with `ast`, walked over an
allow-list), never run as Python; here it is only shown back, inside Markdown code spans, so that
whatever it holds is displayed as typed. The answer and its verdict live in the session, not in
the URL (the URL holds views; an answer can be long), and the section is a fragment: checking
reruns the exercise alone, not the page.
"""

from __future__ import annotations

import re

import streamlit as st

from exercises import core, safe
from ui.i18n import catalog

SHOWN_CHARS = 120  # of a student's line or value, when shown back
UNFILLED = re.compile(r"^\s*[A-Za-z_]\w*\s*=\s*(#.*)?$")  # a template line left as `name =`
# Codes of a line that ran but went wrong; every other code means the checker refused to read or run it.
ERRORS = {
    "shape_mismatch", "index_out_of_range", "transpose_needs_2d", "not_a_tensor", "zero_division", "depends_on_failed",
}  # fmt: skip
MARK = {"ok": ":green[✓]", "missing": ":gray[○]"}
CODE_FONT = "<style>[class*='st-key-exercise_'] textarea {font-family: 'Source Code Pro', monospace}</style>"


def literal(value) -> str:
    """Any text as a Markdown code span: shown exactly as typed, never read as Markdown or HTML."""
    text = " ".join(str(value).split())
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + "…"
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def say(page, key: str, details: dict) -> str:
    """A verdict's or problem's sentence, its text values shown as code."""
    values = {k: literal(v) if isinstance(v, str) else v for k, v in details.items()}
    try:
        return page.t(key, **values)
    except (KeyError, ValueError, IndexError):  # a value the sentence did not expect: say it without values
        return catalog(page.lang).get(key, key)


def equation(page, ex: core.Exercise, name: str) -> str:
    """A blank's equation in the page's language: the catalog has those with words in them, the others are math."""
    key = f"exercise.{ex.id}.equation.{name}"
    if key in catalog(page.lang):
        return page.t(key)
    return next((b.equation for b in ex.blanks if b.name == name), name)


def template(ex: core.Exercise) -> str:
    return "\n".join(f"{blank.name} = " for blank in ex.blanks)


def unfilled_removed(answer: str) -> str:
    """Template lines still reading `name =` count as not written (blank lines keep the numbering)."""
    return "\n".join("" if UNFILLED.match(line) else line for line in answer.splitlines())


def is_refusal(key: str) -> bool:
    return key.startswith("exercise.problem.") and key.rsplit(".", 1)[1] not in ERRORS


def _where(page, line: int | None, lines: list[str]) -> str:
    if line is None or not 0 < line <= len(lines):
        return ""
    return f"{page.t('exercise.line', line=line)}: {literal(lines[line - 1])} — "


def _verdict(page, ex: core.Exercise, v: core.Verdict, lines: list[str]) -> str:
    mark = MARK.get(v.status, ":red[✗]")
    said = say(page, v.key, {**v.details, "equation": equation(page, ex, v.name)})
    where = "" if v.status == "ok" else _where(page, v.line, lines)  # a right line needs no quoting back
    text = f"{mark} **{v.name}** — {where}{said}"
    if v.hint and v.status != "missing":
        text += f"  \n{page.t('exercise.hint')} {page.t(v.hint)}"
    return text


def _problem(page, p: safe.Problem, lines: list[str]) -> str:
    where = _where(page, p.line, lines) or f"{page.t('exercise.answer_wide')} — "
    return f":red[✗] {where}{say(page, p.key, p.details)}"


def show_result(page, ex: core.Exercise, answer: str, result: core.Result) -> None:
    """The verdict of a check: a summary, a line per blank and per problem, then the run against PyTorch."""
    lines = answer.splitlines()
    right = sum(v.status == "ok" for v in result.verdicts)
    refused = any(is_refusal(v.key) for v in result.verdicts) or any(is_refusal(p.key) for p in result.problems)
    if result.accepted:
        worst = max(result.final.values())
        st.success(
            page.t("exercise.accepted", torch_name=result.torch_name, worst=worst), icon=":material/check_circle:"
        )
    elif refused:
        st.error(page.t("exercise.refused"), icon=":material/block:")
    else:
        st.warning(page.t("exercise.partly", right=right, total=len(result.verdicts)), icon=":material/edit:")
    wide = [p for p in result.problems if p.line is None]  # too long, too many lines: nothing was judged
    rows = [_problem(page, p, lines) for p in result.problems]
    if not wide:
        rows = [_verdict(page, ex, v, lines) for v in result.verdicts] + rows
    with st.container(key=f"exercise_verdicts_{ex.id}"):
        for row in rows:
            st.markdown(row)
    if result.final:
        st.markdown(page.t("exercise.final_title"))
        diffs = [
            {page.t("exercise.final_output"): name, page.t("exercise.final_diff"): f"{d:.1e}"}
            for name, d in result.final.items()
        ]
        st.dataframe(diffs, hide_index=True)


@st.fragment
def section(page, ex: core.Exercise, **task) -> None:
    """One exercise: the task, the given names, the student's lines and a Check button, then the verdict."""
    box, done = f"exercise_{ex.id}", f"exercise_{ex.id}_checked"
    st.html(CODE_FONT)  # the student writes code: a code font in the box
    st.markdown(page.t(f"exercise.{ex.id}.heading"))
    st.markdown(page.t(f"exercise.{ex.id}.task", **task))
    left, right = st.columns(2, gap="large")
    with left:
        given = core.given(ex)
        st.markdown(page.t("exercise.given") + "  \n" + " · ".join(f"`{n}` {s}" for n, s in given.items()))
        st.markdown(
            page.t("exercise.to_write")
            + "\n"
            + "\n".join(f"- {literal(equation(page, ex, b.name))}" for b in ex.blanks)
        )
        with st.form(f"exercise_form_{ex.id}", border=False):
            answer = st.text_area(
                page.t("exercise.answer"),
                value=template(ex),
                key=box,
                height=34 * len(ex.blanks) + 30,
                help=page.t("exercise.answer_help"),
                persist_state="session",
            )
            checked = st.form_submit_button(
                page.t("exercise.check"), key=f"exercise_check_{ex.id}", type="primary", icon=":material/fact_check:"
            )
        functions = ", ".join(f"`torch.{f}`" for f in safe.TORCH_FUNCTIONS)
        methods = ", ".join(f"`.{m}`" for m in safe.METHODS)
        st.caption(page.t("exercise.allowed", functions=functions, methods=methods))
    if checked:
        text = answer or ""
        st.session_state[done] = (text, core.check(ex, unfilled_removed(text)))
    with right:
        if done in st.session_state:
            show_result(page, ex, *st.session_state[done])
        else:
            st.info(page.t("exercise.not_checked"), icon=":material/edit_note:")
        with st.expander(page.t("exercise.solution"), icon=":material/lightbulb:"):
            st.caption(page.t("exercise.solution_note"))
            st.code("\n".join(f"{n} = {e}" for n, e in ex.solution.items()), language="python", wrap_lines=True)
