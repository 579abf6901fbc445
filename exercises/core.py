"""What an exercise is, and the check that runs a student's lines against ours and PyTorch's.

Each blank (a line the student writes) is judged on its own: it is evaluated with the *correct*
values of every earlier blank, so one wrong gate does not make every later line look wrong.
Then the student's lines run as a chain, each on their own earlier values, and the final
outputs are compared with PyTorch's own implementation: the answer is accepted when every
line is right and the chain matches PyTorch within rounding.

Everything returned is data plus catalog keys (`exercise.*`); the page writes the sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import torch

from exercises.safe import PROBLEM_CODES, TENSOR, Budget, Evaluator, Line, Problem, Refused, parse_answer, shape_text

TOLERANCE = 1e-8  # float64 throughout: equivalent ways of writing a line differ by ~1e-15
VERDICTS = ("ok", "differs", "wrong_shape", "missing")  # exercise.verdict.<status>; the others carry their own key
UNLIMITED = lambda: Budget(work=math.inf, seconds=math.inf)  # for our own lines only


@dataclass(frozen=True)
class Blank:
    """A line to write: its name and the equation it implements, in the notes' symbols."""

    name: str
    equation: str


@dataclass(frozen=True)
class Mistake:
    """A typical wrong line, recognised by its value: `exercise.<id>.mistake.<code>` explains it."""

    code: str
    expression: str
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    id: str  # "lstm", "attention", "multi_head": the catalog keys' middle part
    kinds: Mapping[str, str]  # the names a student may use: TENSOR or INT
    blanks: tuple[Blank, ...]
    solution: Mapping[str, str]  # our own lines, name -> expression, in order
    mistakes: Mapping[str, tuple[Mistake, ...]]
    make_inputs: Callable[[int], dict]  # seed -> the given names' values
    torch_outputs: Callable[[dict], dict]  # the given values -> PyTorch's own results for the last blanks
    torch_name: str  # shown as "checked against {torch_name}"

    def hint_key(self, name: str) -> str:
        return f"exercise.{self.id}.hint.{name}"


@dataclass(frozen=True)
class Verdict:
    """One blank's verdict: `key` with `details` says what happened; `hint` (a key) what the line should do."""

    name: str
    status: str  # ok, differs, mistake, wrong_shape, refused, failed, missing
    key: str
    details: dict
    line: int | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Result:
    accepted: bool
    verdicts: tuple[Verdict, ...]  # one per blank, in the exercise's order
    problems: tuple[Problem, ...]  # the answer as a whole, and lines that fill no blank
    final: dict  # name -> largest |yours - PyTorch's| of the final outputs, when all lines ran
    torch_name: str


def max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().max()) if a.numel() else 0.0


def relative_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    """Largest |a - b|, relative to the largest |b| when that is above 1 (as the code pages report it)."""
    if a.shape != b.shape:
        return float("inf")
    return max_diff(a, b) / max(1.0, float(b.abs().max()) if b.numel() else 0.0)


def close(a: torch.Tensor, b: torch.Tensor) -> bool:
    return relative_diff(a, b) <= TOLERANCE


def given(exercise: Exercise, seed: int = 0) -> dict[str, str]:
    """The names a student may use, each with its shape (a tensor) or value (an int), for the page to list."""
    values = exercise.make_inputs(seed)
    return {name: shape_text(v) if isinstance(v, torch.Tensor) else str(v) for name, v in values.items()}


def evaluate_lines(lines: list[Line], env: dict, budget: Budget) -> dict:
    """Run checked lines in order; name -> tensor, or the Problem that stopped that line."""
    values: dict = {}
    scope = dict(env)
    for line in lines:
        value = line.problem or _evaluate(line, scope, budget)
        if line.target is not None:
            values[line.target] = value
            scope[line.target] = value if isinstance(value, torch.Tensor) else None
    return values


def solve(exercise: Exercise, inputs: dict) -> dict:
    """Our own solution's value of every blank (and helper) on these inputs."""
    lines, problems = parse_answer(exercise.solution, exercise.kinds)
    values = evaluate_lines(lines, inputs, UNLIMITED())
    bad = problems or [v for v in values.values() if isinstance(v, Problem)]
    assert not bad, f"the reference solution of {exercise.id} fails: {bad}"
    return values


@torch.no_grad()
def check(exercise: Exercise, answer: str | Mapping[str, str], seed: int = 0) -> Result:
    """Judge a student's answer line by line, then run it whole against PyTorch's implementation."""
    inputs = exercise.make_inputs(seed)
    reference = solve(exercise, inputs)
    blanks = {b.name: b for b in exercise.blanks}
    lines, problems = parse_answer(answer, exercise.kinds, provided=blanks)
    written = {line.target for line in lines}
    budget = Budget()

    verdicts: dict[str, Verdict] = {}
    # Blanks take our values here (those left out from the start, the others once judged), helpers the student's.
    scope = {**inputs, **{name: reference[name] for name in blanks if name not in written}}
    for line in lines:
        if line.target not in blanks:  # a helper of the student's own, or a line that fills no blank
            value = line.problem or _evaluate(line, scope, budget)
            if isinstance(value, Problem):
                problems.append(value)
            if line.target is not None:
                scope[line.target] = value if isinstance(value, torch.Tensor) else None
            continue
        value = line.problem or _evaluate(line, scope, budget)
        verdicts[line.target] = _judge(exercise, blanks[line.target], line, value, reference, inputs)
        scope[line.target] = reference[line.target]

    missing = lambda b: Verdict(b.name, "missing", "exercise.verdict.missing", {"equation": b.equation}, None)
    ordered = tuple(
        verdicts.get(b.name) or replace(missing(b), hint=exercise.hint_key(b.name)) for b in exercise.blanks
    )
    final, problems = _run_whole(exercise, lines, inputs, budget, ordered, problems)
    accepted = bool(final) and all(d <= TOLERANCE for d in final.values())
    return Result(accepted, ordered, tuple(problems), final, exercise.torch_name)


def _run_whole(exercise: Exercise, lines, inputs: dict, budget: Budget, verdicts, problems: list):
    """When every line is right: run the student's own chain and compare its outputs with PyTorch's."""
    if problems or not all(v.status == "ok" for v in verdicts):
        return {}, problems
    chain = evaluate_lines(lines, inputs, budget)
    expected = exercise.torch_outputs(inputs)
    if not all(isinstance(chain.get(name), torch.Tensor) for name in expected):
        return {}, problems + [v for v in chain.values() if isinstance(v, Problem)]
    return {name: relative_diff(chain[name], want) for name, want in expected.items()}, problems


def _evaluate(line: Line, scope: dict, budget: Budget) -> torch.Tensor | Problem:
    try:
        value = Evaluator(scope, budget).tensor(line.expr)
    except Refused as r:
        return Problem(r.code, line.number, r.details)
    if not isinstance(value, torch.Tensor):
        return Problem("not_a_tensor", line.number, {"got": "tuple"})
    return value


def _judge(exercise: Exercise, blank: Blank, line: Line, value, reference: dict, inputs: dict) -> Verdict:
    name, hint, want = blank.name, exercise.hint_key(blank.name), reference[blank.name]
    base = {"equation": blank.equation}
    if isinstance(value, Problem):
        status = "refused" if line.problem is not None else "failed"
        return Verdict(name, status, value.key, {**base, **value.details}, line.number, hint)
    if value.shape != want.shape:
        details = {**base, "expected": shape_text(want), "got": shape_text(value)}
        return Verdict(name, "wrong_shape", "exercise.verdict.wrong_shape", details, line.number, hint)
    diff = max_diff(value, want)
    if close(value, want):
        return Verdict(name, "ok", "exercise.verdict.ok", {**base, "diff": diff}, line.number)
    mistake = _recognise(exercise, name, value, reference, inputs)
    if mistake is not None:
        key = f"exercise.{exercise.id}.mistake.{mistake.code}"
        return Verdict(name, "mistake", key, {**base, **mistake.details, "diff": diff}, line.number, hint)
    return Verdict(name, "differs", "exercise.verdict.differs", {**base, "diff": diff}, line.number, hint)


def _recognise(exercise: Exercise, name: str, value: torch.Tensor, reference: dict, inputs: dict) -> Mistake | None:
    """The first typical mistake whose value this line reproduces, if any."""
    mistakes = exercise.mistakes.get(name, ())
    if not mistakes:
        return None
    env = {**inputs, **reference}
    kinds = {**exercise.kinds, **{n: TENSOR for n in reference}}
    for mistake in mistakes:
        lines, _ = parse_answer({f"{name}_wrong": mistake.expression}, kinds)
        wrong = evaluate_lines(lines, env, UNLIMITED()).get(f"{name}_wrong")
        if isinstance(wrong, torch.Tensor) and close(value, wrong):
            return mistake
    return None


def catalog_keys(exercise: Exercise) -> set[str]:
    """Every catalog key a check of this exercise can return, for the catalogs' completeness test."""
    keys = {f"exercise.verdict.{v}" for v in VERDICTS} | {f"exercise.problem.{code}" for code in PROBLEM_CODES}
    keys |= {exercise.hint_key(b.name) for b in exercise.blanks}
    keys |= {f"exercise.{exercise.id}.mistake.{m.code}" for ms in exercise.mistakes.values() for m in ms}
    return keys
