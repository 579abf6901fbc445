"""The exercises: our solutions equal PyTorch's, right answers pass, each wrong line gets its own hint,
and hostile input is refused without running anything."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
import torch

from exercises import attention, core, lstm, safe
from models.recurrent import lstm_step

EXERCISES = {ex.id: ex for ex in (lstm.EXERCISE, attention.SDPA, attention.MULTI_HEAD)}


def as_text(lines: dict) -> str:
    return "\n".join(f"{name} = {expr}" for name, expr in lines.items())


def with_line(ex: core.Exercise, name: str, expr: str) -> str:
    """Our solution with one line replaced."""
    return as_text({**ex.solution, name: expr})


def verdict(result: core.Result, name: str) -> core.Verdict:
    return next(v for v in result.verdicts if v.name == name)


def statuses(result: core.Result) -> dict[str, str]:
    return {v.name: v.status for v in result.verdicts}


# --- our solutions are right ------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("ex", EXERCISES.values(), ids=EXERCISES)
def test_solution_equals_pytorch(ex, seed):
    inputs = ex.make_inputs(seed)
    ours, theirs = core.solve(ex, inputs), ex.torch_outputs(inputs)
    for name, want in theirs.items():
        torch.testing.assert_close(ours[name], want, rtol=0, atol=1e-12)


def test_lstm_solution_equals_every_internal_of_our_model():
    inputs = lstm.make_inputs(3)
    ours = core.solve(lstm.EXERCISE, inputs)
    x_term = inputs["x_t"] @ inputs["W_ih"].T + inputs["b_ih"]
    _, internals = lstm_step(x_term, (inputs["h_prev"], inputs["c_prev"]), inputs["W_hh"], inputs["b_hh"])
    for name, value in zip("ifgoch", internals, strict=True):
        torch.testing.assert_close(ours[name], value, rtol=0, atol=1e-12)


def test_inputs_are_reproducible_and_sized_to_catch_mixups():
    a, b = lstm.make_inputs(5), lstm.make_inputs(5)
    assert all(torch.equal(a[k], b[k]) for k in a if isinstance(a[k], torch.Tensor))
    assert not torch.equal(lstm.make_inputs(6)["x_t"], a["x_t"])
    assert core.given(lstm.EXERCISE) == {
        "x_t": "(2, 3)",
        "h_prev": "(2, 4)",
        "c_prev": "(2, 4)",
        "W_ih": "(16, 3)",
        "W_hh": "(16, 4)",
        "b_ih": "(16,)",
        "b_hh": "(16,)",
        "H": "4",
    }
    assert core.given(attention.SDPA)["q"] != core.given(attention.SDPA)["k"]  # T_q != T_k


# --- right answers are accepted -----------------------------------------------------------------


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=EXERCISES)
def test_our_solution_is_accepted_as_text_and_as_boxes(ex):
    for answer in (as_text(ex.solution), dict(ex.solution)):
        result = core.check(ex, answer)
        assert result.accepted, result
        assert set(statuses(result).values()) == {"ok"} and not result.problems
        assert result.final and max(result.final.values()) < 1e-12
        assert result.torch_name == ex.torch_name


EQUIVALENT = {
    "lstm: one pre-activation, sliced, methods, comments": (
        "lstm",
        """
        # all four gates at once, then slice: PyTorch stacks them i, f, g, o
        z = x_t @ W_ih.T + b_ih + torch.matmul(h_prev, W_hh.T) + b_hh   # (B, 4H)
        i = torch.sigmoid(z[:, :H])
        f = z[:, H:2*H].sigmoid()
        g = torch.tanh(z[..., 2 * H:3 * H])
        o = torch.sigmoid(z[:, -H:])

        c = i * g + f * c_prev
        h = c.tanh() * o
        """,
    ),
    "lstm: chunk, transpose": (
        "lstm",
        """
        z = x_t @ W_ih.transpose(0, 1) + h_prev @ W_hh.T + (b_ih + b_hh)
        i = torch.sigmoid(z.chunk(4, dim=-1)[0])
        f = torch.sigmoid(torch.chunk(z, 4, dim=1)[1])
        g = torch.tanh(z.chunk(4, -1)[2])
        o = 1 / (1 + torch.exp(-z.chunk(4, -1)[3]))
        c = f * c_prev + i * g
        h = o * (2 * torch.sigmoid(2 * c) - 1)
        """,
    ),
    "attention: transpose(-2, -1), multiply by d_k ** -0.5, softmax by hand": (
        "attention",
        """
        scores = q @ k.transpose(-2, -1)
        scaled = scores * d_k ** -0.5
        e = torch.exp(scaled - scaled.amax(dim=-1, keepdim=True))
        weights = e / e.sum(dim=-1, keepdim=True)
        out = torch.matmul(weights, v)
        """,
    ),
    "attention: torch.sqrt, shape, .mT, softmax method": (
        "attention",
        """
        scores = torch.matmul(q, k.mT)
        scaled = scores / torch.sqrt(q.shape[-1])
        weights = scaled.softmax(dim=1)
        out = weights @ v
        """,
    ),
    "multi_head: reshape and permute, concatenate the heads with torch.cat": (
        "multi_head",
        """
        q = (x @ W_q.T).reshape(T, n_heads, d_k).permute(1, 0, 2)
        k = (x @ W_k.T).reshape(T, n_heads, -1).transpose(0, 1)
        v = torch.transpose((x @ W_v.T).view(T, n_heads, d_k), 0, 1)
        weights = torch.softmax(q @ k.mT / d_k ** 0.5, dim=-1)
        heads = weights @ v
        concat = torch.cat([heads[0], heads[1]], dim=-1)
        out = concat @ W_o.T
        """,
    ),
    "multi_head: contiguous then view": (
        "multi_head",
        """
        q = (x @ W_q.T).view(T, n_heads, d_k).transpose(0, 1)
        k = (x @ W_k.T).view(T, n_heads, d_k).transpose(0, 1)
        v = (x @ W_v.T).view(T, n_heads, d_k).transpose(0, 1)
        weights = torch.softmax(torch.matmul(q, k.transpose(1, 2)) / d_k ** 0.5, -1)
        heads = torch.matmul(weights, v)
        concat = heads.transpose(0, 1).contiguous().view(T, -1)
        out = concat @ W_o.T
        """,
    ),
}


@pytest.mark.parametrize("case", EQUIVALENT, ids=EQUIVALENT)
def test_differently_written_right_answers_are_accepted(case):
    ex_id, text = EQUIVALENT[case]
    result = core.check(EXERCISES[ex_id], text)
    assert result.accepted, result


def test_k_T_and_k_transpose_are_the_same_answer():
    for scores in ("q @ k.T", "q @ k.transpose(-2, -1)", "q @ k.transpose(0, 1)", "q @ k.mT"):
        assert attention.check(with_line(attention.SDPA, "scores", scores)).accepted, scores


@pytest.mark.parametrize("seed", [0, 11])
def test_a_right_answer_passes_on_any_seed(seed):
    assert lstm.check(as_text(lstm.SOLUTION), seed=seed).accepted


# --- each wrong line gets its own hint -----------------------------------------------------------

MISTAKES = [
    pytest.param(ex, name, m, id=f"{ex.id}.{name}.{m.code}.{i}")
    for ex in EXERCISES.values()
    for name, ms in ex.mistakes.items()
    for i, m in enumerate(ms)
]


@pytest.mark.parametrize(("ex", "name", "mistake"), MISTAKES)
def test_each_typical_mistake_gets_its_hint(ex, name, mistake):
    result = core.check(ex, with_line(ex, name, mistake.expression))
    v = verdict(result, name)
    assert (v.status, v.key) == ("mistake", f"exercise.{ex.id}.mistake.{mistake.code}")
    assert v.details.items() >= dict(mistake.details).items()
    assert v.details["diff"] > 1e-6 and v.hint == ex.hint_key(name)
    assert v.details["equation"] == next(b.equation for b in ex.blanks if b.name == name)
    # judged with the right values of the lines before it: only this line is wrong
    assert {n: s for n, s in statuses(result).items() if n != name} == {n: "ok" for n in statuses(result) if n != name}
    assert not result.accepted and not result.final


def test_gate_rows_mistake_names_the_gate_whose_rows_were_used():
    wrong_i = lstm.pre_activation("f").join(("torch.sigmoid(", ")"))
    v = verdict(lstm.check(with_line(lstm.EXERCISE, "i", wrong_i)), "i")
    assert (v.key, v.details["used"], v.details["rows"]) == ("exercise.lstm.mistake.rows", "f", "H:2H")


def test_an_unrecognised_wrong_line_says_how_far_off_it_is():
    result = lstm.check(with_line(lstm.EXERCISE, "c", "f * c_prev + i * g + 0.43"))
    v = verdict(result, "c")
    assert (v.status, v.key, v.hint) == ("differs", "exercise.verdict.differs", "exercise.lstm.hint.c")
    assert v.details["diff"] == pytest.approx(0.43)
    assert v.details["equation"] == "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t"
    assert statuses(result)["h"] == "ok" and not result.accepted


def test_a_wrong_shape_is_named():
    v = verdict(attention.check(with_line(attention.SDPA, "scores", "k @ q.T")), "scores")
    assert (v.status, v.key, v.details["expected"], v.details["got"]) == (
        "wrong_shape",
        "exercise.verdict.wrong_shape",
        "(3, 5)",
        "(5, 3)",
    )


def test_shapes_that_do_not_multiply_are_an_error_of_that_line():
    v = verdict(lstm.check(with_line(lstm.EXERCISE, "c", "f @ c_prev + i @ g")), "c")
    assert (v.status, v.key) == ("failed", "exercise.problem.shape_mismatch")
    assert v.details["op"] == "@" and v.details["shapes"] == "(2, 4), (2, 4)"
    v = verdict(lstm.check(with_line(lstm.EXERCISE, "i", "torch.sigmoid(W_ih[:H] @ x_t)")), "i")
    assert v.details["shapes"] == "(4, 3), (2, 3)"


def test_dot_T_on_a_batch_of_matrices_is_refused_with_advice():
    answer = with_line(attention.MULTI_HEAD, "weights", "torch.softmax(q @ k.T / d_k ** 0.5, dim=-1)")
    v = verdict(attention.check_multi_head(answer), "weights")
    assert (v.status, v.key, v.details["shape"]) == ("failed", "exercise.problem.transpose_needs_2d", "(2, 5, 3)")


def test_view_of_a_transposed_tensor_reports_torchs_reason():
    answer = with_line(attention.MULTI_HEAD, "concat", "heads.transpose(0, 1).view(T, n_heads * d_k)")
    v = verdict(attention.check_multi_head(answer), "concat")
    assert v.key == "exercise.problem.shape_mismatch" and "reshape" in v.details["detail"]


def test_a_partial_answer_is_judged_line_by_line():
    result = lstm.check("c = f * c_prev + i * g\nh = o * torch.tanh(c)")
    assert statuses(result) == {"i": "missing", "f": "missing", "g": "missing", "o": "missing", "c": "ok", "h": "ok"}
    assert verdict(result, "i").key == "exercise.verdict.missing" and not result.accepted


def test_lines_in_the_wrong_order_and_unknown_names():
    result = lstm.check("c = f * c_prev + i * g\nf = torch.sigmoid(x_t)\nh = o * torch.tanh(cc)")
    assert verdict(result, "c").key == "exercise.problem.name_later" and verdict(result, "c").details["name"] == "f"
    assert verdict(result, "h").key == "exercise.problem.name_unknown" and verdict(result, "h").details["name"] == "cc"


def test_a_refused_line_does_not_stop_the_others():
    answer = with_line(lstm.EXERCISE, "f", "__import__(os)")
    result = lstm.check(answer)
    assert verdict(result, "f").status == "refused" and verdict(result, "f").line == 2
    assert {n for n, s in statuses(result).items() if s == "ok"} == {"i", "g", "o", "c", "h"}


def test_given_names_cannot_be_reassigned_nor_a_line_written_twice():
    result = lstm.check("x_t = h_prev\n" + as_text(lstm.SOLUTION) + "\nc = c_prev")
    assert [p.code for p in result.problems] == ["target_is_given", "assigned_twice"]
    assert set(statuses(result).values()) == {"ok"} and not result.accepted


def test_a_failing_helper_is_reported_and_its_users_told():
    answer = "z = x_t @ W_hh\ni = torch.sigmoid(z[:, :H])\n" + as_text(
        {k: v for k, v in lstm.SOLUTION.items() if k != "i"}
    )
    result = lstm.check(answer)
    assert [(p.code, p.line) for p in result.problems] == [("shape_mismatch", 1)]
    v = verdict(result, "i")
    assert (v.key, v.details["name"]) == ("exercise.problem.depends_on_failed", "z")


def test_catalog_keys_cover_every_code():
    keys = set().union(*(core.catalog_keys(ex) for ex in EXERCISES.values()))
    assert "exercise.lstm.mistake.c_swapped" in keys and "exercise.problem.dunder" in keys
    assert "exercise.multi_head.hint.concat" in keys and "exercise.verdict.differs" in keys
    source = "".join(p.read_text() for p in Path(safe.__file__).parent.glob("*.py"))
    assert set(re.findall(r'(?:Refused|Problem)\(\s*"(\w+)"', source)) <= set(safe.PROBLEM_CODES)


# --- hostile input is refused, and nothing runs ------------------------------------------------

HOSTILE = {
    "__import__('os')": "string",
    "__import__(os)": "dunder",
    "().__class__.__bases__": "dunder",
    "x_t.__class__": "dunder",
    "x_t.__class__.__mro__[1].__subclasses__()": "dunder",
    "getattr(x_t, 'y')": "string",
    "getattr(x_t, y)": "function_not_allowed",
    "eval(x_t)": "function_not_allowed",
    "open(x_t)": "function_not_allowed",
    "open('/etc/passwd')": "string",
    "torch.load(x_t)": "function_not_allowed",
    "torch.ones(10**6, 10**6)": "function_not_allowed",
    "torch.nn.functional.softmax(x_t, dim=-1)": "attribute_not_allowed",
    "x_t.numpy()": "function_not_allowed",
    "x_t.data": "attribute_not_allowed",
    "torch": "name_unknown",
    "lambda: 0": "syntax_not_allowed",
    "[i for i in range(9)]": "syntax_not_allowed",
    "(x_t := 1)": "syntax_not_allowed",
    "x_t if H else h_prev": "syntax_not_allowed",
    "x_t == h_prev": "syntax_not_allowed",
    "[x_t] * 9": "syntax_not_allowed",
    "torch.sigmoid(*[x_t])": "syntax_not_allowed",
    "torch.sigmoid(**{})": "character_not_allowed",
    "torch.softmax(x_t, dim=-1, dtype=x_t)": "keyword_not_allowed",
    "2**10**10": "exponent_not_allowed",
    "x_t ** 10 ** 10": "exponent_not_allowed",
    "x_t ** 99": "exponent_not_allowed",
    "x_t ** H": "exponent_not_allowed",
    "10 ** 6 ** 6": "exponent_not_allowed",
    "99999999999999999999 * x_t": "number_too_large",
    "1e999 * x_t": "number_too_large",
    "x_t.reshape(1000 * 1000 * 1000, 1)": "number_too_large",
    "'abc'": "string",
    'f"{x_t}"': "string",
    "b'x'": "string",
    "\\\nx_t": "character_not_allowed",
    "x_t; import os": "character_not_allowed",
    "True * x_t": "number_not_allowed",
    "None": "number_not_allowed",
    "x_t[None]": "number_not_allowed",
    "x_t[x_t]": "integer_needed",
    "x_t[0.5]": "integer_needed",
    "\uff58_t": "non_ascii",  # fullwidth x: Python would read it as x_t
    "\u0445_t": "non_ascii",  # Cyrillic kha
    "x_t.\uff34": "non_ascii",  # fullwidth T
    "\u1d431 * x_t": "non_ascii",
    "(" * 40 + "x_t" + ")" * 40: "too_deep",
    "-" * 250 + "x_t": "too_deep",
    "torch.tanh(" * 20 + "x_t" + ")" * 20: "too_deep",
    "+".join(["x_t"] * 60): "too_deep",
    "x_t" + " " * 300: "line_too_long",
}


@pytest.mark.parametrize("expr", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_expression_is_refused(expr):
    for result in (lstm.check({"i": expr}), lstm.check("i = " + expr)):
        v = verdict(result, "i")
        # refused when read; an index too large is found while working out integers, before any tensor op
        assert v.status == ("failed" if "reshape" in expr else "refused"), (expr, v)
        assert v.key == f"exercise.problem.{HOSTILE[expr]}" and not result.accepted


def test_comments_may_hold_anything():
    answer = "# 입력 게이트: it's σ(...) \n\n" + as_text(lstm.SOLUTION).replace("\n", "  # '⊙' \"x\"\n", 2)
    assert lstm.check(answer).accepted


SIZED = {
    # broadcasting outer products: the 1.2e10-element product is refused before any memory is asked for
    "a = (W_ih.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(-1, 1) * W_ih.reshape(1, -1)\n"
    "i = a.reshape(-1, 1) * a.reshape(1, -1)": ("too_large", 110592**2),
    "a = (W_ih.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(-1, 1) * W_ih.reshape(1, -1)\n"
    "i = a.reshape(-1, 1) @ a.reshape(1, -1)": ("too_large", 110592**2),
    "i = W_ih.reshape(-1, 1, 1, 1) * W_ih.reshape(1, -1, 1, 1) * W_ih.reshape(1, 1, -1, 1)"
    " * W_ih.reshape(1, 1, 1, -1)": ("too_large", 48**3 * 48),
    "a = torch.cat([W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih, W_ih])\n"
    "b = torch.cat([a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a])\n"
    "c0 = torch.cat([b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b])\n"
    "i = torch.cat([c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0, c0])": ("too_large", 48 * 16**4),
    # each product is allowed, but together they are too much arithmetic for one check
    "a = (W_ih.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(-1)\n"
    "b = (a.reshape(-1, 1) * W_ih.reshape(1, -1)).reshape(576, 192)\n"
    "i = b @ b.T": ("too_much_work", None),
}


@pytest.mark.parametrize("answer", SIZED, ids=range(len(SIZED)))
def test_huge_tensors_and_work_are_refused_before_they_happen(answer):
    code, elements = SIZED[answer]
    start = time.monotonic()
    result = lstm.check(answer)
    assert time.monotonic() - start < 1.0
    v = verdict(result, "i")
    assert (v.status, v.key) == ("failed", f"exercise.problem.{code}")
    if elements:
        assert v.details["elements"] == elements and v.details["limit"] == safe.MAX_ELEMENTS


def test_a_check_stops_at_its_deadline(monkeypatch):
    monkeypatch.setattr(safe, "TIME_LIMIT", 0.0)
    result = lstm.check(as_text(lstm.SOLUTION))
    assert {v.key for v in result.verdicts} == {"exercise.problem.timeout"} and not result.accepted


def test_whole_answer_bounds():
    assert [p.code for p in lstm.check("i = x_t\n" * 20_000).problems] == ["too_long"]
    assert [p.code for p in lstm.check({"i": "x_t" * 40_000}).problems] == ["too_long"]
    assert [p.code for p in lstm.check("q = x_t\n" * 41).problems] == ["too_many_lines"]
    assert [p.code for p in lstm.check(None).problems] == ["not_text"]
    assert [p.code for p in lstm.check({"__class__": "x_t", "torch": "x_t"}).problems] == ["dunder", "target_is_given"]
    result = lstm.check("import os\ni = x_t; h = x_t\nh == x_t\ndef f(): pass\nf = = x_t\nx_t.y = 1")
    assert [p.code for p in result.problems] == ["not_assignment"] * 4
    assert verdict(result, "i").key == "exercise.problem.character_not_allowed"  # filed under the line it meant
    assert verdict(result, "f").key == "exercise.problem.syntax"


FORBIDDEN_EVENTS = ("exec", "open", "os.", "subprocess.", "socket.", "shutil.", "ctypes.", "import", "marshal.")
_events: list[str] | None = None


def _audit(event: str, args) -> None:
    if _events is not None and event.startswith(FORBIDDEN_EVENTS):
        _events.append(event)


def test_hostile_input_runs_nothing_and_leaves_the_process_working(tmp_path, monkeypatch):
    global _events
    for ex in EXERCISES.values():  # warm up: any first-use imports of torch happen here, not below
        assert core.check(ex, as_text(ex.solution)).accepted
    monkeypatch.chdir(tmp_path)
    sys.addaudithook(_audit)  # hooks cannot be removed; this one records only while _events is a list
    answers = [f"i = {e}" for e in HOSTILE] + [{"i": e} for e in HOSTILE] + list(SIZED)
    answers += ["\n".join(f"i{n} = {e}" for n, e in enumerate(HOSTILE) if "\n" not in e)[:2000]]
    _events = []
    start = time.monotonic()
    try:
        for answer in answers:
            assert not lstm.check(answer).accepted
    finally:
        events, _events = _events, None
    assert time.monotonic() - start < 10
    assert events == []  # no exec, no file opened, no import, no process
    assert list(tmp_path.iterdir()) == []
    assert lstm.check(as_text(lstm.SOLUTION)).accepted  # and a right answer still works
