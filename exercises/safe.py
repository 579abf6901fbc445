"""A safe evaluator for the lines students write: parsed with `ast`, never run as Python.

A student's answer is a few lines of the form `name = expression`. Each line is parsed with
`ast.parse` (which only builds a syntax tree), checked node by node against the small grammar
below, and then evaluated by walking that tree here, calling only the torch functions in the
tables. `eval`, `exec` and `compile` never see student text. Everything else is refused with a
`Problem`: an error code and the values its message needs; the page turns it into English or
Korean (`exercise.problem.<code>` in the catalogs).

The grammar (T: a tensor expression, I: an integer expression):

    line   := name = T
    T      := name | number | -T | +T | T (+ - * / @) T | T ** exponent
            | T[index] | T.T | T.mT | T.shape[I]
            | torch.fn(args) | T.method(args)            fn, method: the tables below
    I      := integer | int name | -I | +I | I (+ - * //) I | T.shape[I]
    index  := item | item, item, ...                      item := I | I:I:I (parts optional) | ...
    exponent := a number literal, |e| <= 4, a whole or half number (d_k ** 0.5, x ** -1)

Bounds, checked before anything runs: the answer's and each line's length, the number of lines,
the nesting of brackets, the syntax tree's size and depth, every number literal's magnitude.
While it runs: the result shape of every operation that can make more elements than it was given
(broadcasting arithmetic, @, torch.cat) is worked out from its operands' shapes first, so any
result over MAX_ELEMENTS elements is refused before memory is allocated; a budget of arithmetic
work and a wall-clock deadline bound the whole check.
"""

from __future__ import annotations

import ast
import math
import string
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import torch

MAX_ANSWER_CHARS = 2000
MAX_LINE_CHARS = 300
MAX_LINES = 40
MAX_BRACKET_DEPTH = 16
MAX_TREE_DEPTH = 32
MAX_NODES_PER_LINE = 200
MAX_NAME_CHARS = 32
MAX_NUMBER = 1e6  # largest magnitude of a number literal, and of any integer computed for an index
MAX_EXPONENT = 4
MAX_LIST = 16  # tensors in one torch.cat, items in one index
MAX_ELEMENTS = 1_000_000  # largest tensor any single operation may produce
MAX_WORK = 5e7  # multiply-adds (estimated) in one check
TIME_LIMIT = 2.0  # seconds for one check

TENSOR, INT, BOOL, TENSORS, INTS = "tensor", "int", "bool", "tensors", "ints"
# Every Problem code (exercise.problem.<code> in the catalogs), grouped by when it is found.
PROBLEM_CODES = (
    # the answer as a whole
    "not_text", "too_long", "too_many_lines",
    # a line, before it is parsed
    "line_too_long", "string", "non_ascii", "character_not_allowed", "too_deep", "syntax",
    # a line's shape
    "one_statement", "not_assignment", "target_not_allowed", "target_is_given", "assigned_twice", "too_many_nodes",
    # the grammar
    "dunder", "name_unknown", "name_later", "attribute_not_allowed", "function_not_allowed", "syntax_not_allowed",
    "operator_not_allowed", "keyword_not_allowed", "wrong_arguments", "number_not_allowed", "number_too_large",
    "integer_needed", "bool_needed", "list_needed", "index_not_allowed", "exponent_not_allowed",
    # running it
    "shape_mismatch", "index_out_of_range", "transpose_needs_2d", "not_a_tensor", "zero_division",
    "too_large", "too_much_work", "timeout", "depends_on_failed",
)  # fmt: skip
ALLOWED_CHARS = frozenset(string.ascii_letters + string.digits + "_ \t.,:()[]+-*/@=")
BRACKETS = {"(": 1, "[": 1, ")": -1, "]": -1}
KEYWORDS = ("dim", "keepdim")  # the only keyword arguments a call may name


@dataclass(frozen=True)
class Problem:
    """Why a line (or the whole answer) was refused or failed: `exercise.problem.<code>` and its values."""

    code: str
    line: int | None = None
    details: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"exercise.problem.{self.code}"


class Refused(Exception):
    """Raised inside the checker and the evaluator; carries the Problem to report."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code, self.details = code, details


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # TENSOR, INT, BOOL, TENSORS (a [list] of tensors) or INTS (the remaining positional ints)
    required: bool = True


def _p(*spec: str) -> tuple[Param, ...]:
    """Params from 'name:kind' strings; a trailing '?' makes one optional."""
    out = []
    for s in spec:
        name, kind = s.rstrip("?").split(":")
        out.append(Param(name, kind, not s.endswith("?")))
    return tuple(out)


@dataclass(frozen=True)
class Function:
    run: Callable
    params: tuple[Param, ...]


_REDUCE = _p("dim:int?", "keepdim:bool?")
# Called as torch.<name>(...): the first parameter is the tensor.
TORCH_FUNCTIONS: dict[str, Function] = {
    "sigmoid": Function(torch.sigmoid, _p("input:tensor")),
    "tanh": Function(torch.tanh, _p("input:tensor")),
    "exp": Function(torch.exp, _p("input:tensor")),
    "sqrt": Function(torch.sqrt, _p("input:tensor")),
    "softmax": Function(torch.softmax, _p("input:tensor", "dim:int")),
    "matmul": Function(torch.matmul, _p("input:tensor", "other:tensor")),
    "cat": Function(torch.cat, _p("tensors:tensors", "dim:int?")),
    "transpose": Function(torch.transpose, _p("input:tensor", "dim0:int", "dim1:int")),
    "sum": Function(torch.sum, _p("input:tensor") + _REDUCE),
    "mean": Function(torch.mean, _p("input:tensor") + _REDUCE),
    "amax": Function(torch.amax, _p("input:tensor") + _REDUCE),
    "chunk": Function(torch.chunk, _p("input:tensor", "chunks:int", "dim:int?")),
    "unsqueeze": Function(torch.unsqueeze, _p("input:tensor", "dim:int")),
}
# Called as <tensor>.<name>(...): the tensor is passed first.
METHODS: dict[str, Function] = {
    "sigmoid": Function(torch.Tensor.sigmoid, ()),
    "tanh": Function(torch.Tensor.tanh, ()),
    "exp": Function(torch.Tensor.exp, ()),
    "sqrt": Function(torch.Tensor.sqrt, ()),
    "softmax": Function(torch.Tensor.softmax, _p("dim:int")),
    "transpose": Function(torch.Tensor.transpose, _p("dim0:int", "dim1:int")),
    "sum": Function(torch.Tensor.sum, _REDUCE),
    "mean": Function(torch.Tensor.mean, _REDUCE),
    "amax": Function(torch.Tensor.amax, _REDUCE),
    "chunk": Function(torch.Tensor.chunk, _p("chunks:int", "dim:int?")),
    "unsqueeze": Function(torch.Tensor.unsqueeze, _p("dim:int")),
    "reshape": Function(torch.Tensor.reshape, _p("shape:ints")),
    "view": Function(torch.Tensor.view, _p("shape:ints")),
    "permute": Function(torch.Tensor.permute, _p("dims:ints")),
    "contiguous": Function(torch.Tensor.contiguous, ()),
}
TENSOR_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@", ast.Pow: "**"}
INT_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//"}
OPERATORS = {ast.FloorDiv: "//", ast.Mod: "%", ast.Not: "not", ast.Invert: "~", ast.BitAnd: "&", ast.BitOr: "|"}
# A readable name for constructs the grammar refuses, shown in the message as code.
CONSTRUCTS = {
    ast.Lambda: "lambda",
    ast.ListComp: "[... for ...]",
    ast.SetComp: "{... for ...}",
    ast.DictComp: "{... for ...}",
    ast.GeneratorExp: "(... for ...)",
    ast.NamedExpr: ":=",
    ast.IfExp: "... if ... else ...",
    ast.Compare: "comparison",
    ast.BoolOp: "and / or",
    ast.Dict: "{...}",
    ast.Set: "{...}",
    ast.List: "[...]",
    ast.Tuple: "(..., ...)",
    ast.Starred: "*",
    ast.JoinedStr: "f-string",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


# ---------------------------------------------------------------------------------------------
# Parsing: text -> lines of (target, validated expression)


@dataclass(frozen=True)
class Line:
    """One line of an answer: its number (1-based, None for a line given by name), target and tree."""

    number: int | None
    target: str | None
    source: str
    expr: ast.expr | None  # None when refused
    problem: Problem | None = None


def parse_answer(
    answer: str | Mapping[str, str], kinds: Mapping[str, str], provided: Collection[str] = ()
) -> tuple[list[Line], list[Problem]]:
    """Parse and check every line; returns the lines (refused ones carry their problem) and answer-wide problems.

    `answer` is a block of `name = expression` lines, or a mapping name -> expression (one box per line).
    `kinds` maps each given name to TENSOR or INT; names assigned on earlier lines become tensors, and
    so do the `provided` names the answer leaves out (the checker supplies their correct values).
    """
    if isinstance(answer, Mapping):
        items = [(None, str(k), str(v)) for k, v in answer.items()]
        total = sum(len(k) + len(v) for _, k, v in items)
    elif isinstance(answer, str):
        items = [(n, None, text) for n, text in enumerate(answer.splitlines(), 1)]
        total = len(answer)
    else:
        return [], [Problem("not_text")]
    if total > MAX_ANSWER_CHARS:
        return [], [Problem("too_long", details={"length": total, "limit": MAX_ANSWER_CHARS})]
    items = [(n, k, v) for n, k, v in items if _code_part(v).strip()]  # blank and comment-only lines
    if len(items) > MAX_LINES:
        return [], [Problem("too_many_lines", details={"count": len(items), "limit": MAX_LINES})]

    defined_later = {k for _, k, _ in items if k} | {_guess_target(v) for _, k, v in items if k is None}
    known = {**{name: TENSOR for name in provided if name not in defined_later}, **kinds}
    lines, assigned = [], set()
    for number, target, text in items:
        try:
            if target is None:
                target, tree = _parse_assignment(text)
            else:
                tree = _parse_expression(text)
            _check_target(target, kinds, assigned)
            _check_tree(tree)
            expr = tree.value if isinstance(tree, ast.Assign) else tree.body
            _check_tensor(expr, known, defined_later)
        except Refused as refusal:
            target = target or _guess_target(text)
            if not _plain_name(target) or target in kinds or target in assigned or target == "torch":
                target = None  # the problem is filed under no blank, and the earlier value stays
            lines.append(Line(number, target, text, None, Problem(refusal.code, number, refusal.details)))
        else:
            lines.append(Line(number, target, text, expr))
        if target is not None:
            known[target] = TENSOR  # a refused line's name stays usable: its users are told it failed
            assigned.add(target)
    return lines, []


def _code_part(text: str) -> str:
    """The line without its comment. A quote before the first '#' is a string, refused later anyway."""
    hash_at = text.find("#")
    if hash_at < 0 or "'" in text[:hash_at] or '"' in text[:hash_at]:
        return text
    return text[:hash_at]


def _plain_name(name: str | None) -> bool:
    """An ASCII identifier of reasonable length without a double underscore."""
    return bool(name) and name.isidentifier() and name.isascii() and "__" not in name and len(name) <= MAX_NAME_CHARS


def _guess_target(text: str) -> str | None:
    """The name before '=' in a line that failed to parse, to file its problem under the right blank."""
    head, eq, rest = _code_part(text).partition("=")
    head = head.strip()
    return head if eq and not rest.startswith("=") and _plain_name(head) else None


def _sanitise(text: str) -> str:
    """Length, characters and bracket nesting of one line, checked before the parser sees it."""
    if len(text) > MAX_LINE_CHARS:
        raise Refused("line_too_long", length=len(text), limit=MAX_LINE_CHARS)
    code = _code_part(text)
    for col, ch in enumerate(code, 1):
        if ch in "'\"":
            raise Refused("string", col=col)
        if not ch.isascii():
            raise Refused("non_ascii", char=ch, codepoint=f"U+{ord(ch):04X}", col=col)
        if ch not in ALLOWED_CHARS:
            raise Refused("character_not_allowed", char=ch, col=col)
    depth = 0
    for ch in code:
        depth += BRACKETS.get(ch, 0)
        if depth > MAX_BRACKET_DEPTH:
            raise Refused("too_deep", limit=MAX_BRACKET_DEPTH)
    return code.strip()


def _parse(code: str, mode: str) -> ast.AST:
    try:
        return ast.parse(code, mode=mode)
    except SyntaxError as e:
        raise Refused("syntax", col=e.offset or 0) from None
    except (ValueError, RecursionError, MemoryError):
        raise Refused("syntax", col=0) from None


def _parse_assignment(text: str) -> tuple[str, ast.Assign]:
    code = _sanitise(text)
    module = _parse(code, "exec")
    if len(module.body) != 1:
        raise Refused("one_statement")
    stmt = module.body[0]
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
        raise Refused("not_assignment")
    return stmt.targets[0].id, stmt


def _parse_expression(text: str) -> ast.Expression:
    return _parse(_sanitise(text), "eval")


def _check_target(target: str, kinds: Mapping[str, str], assigned: set) -> None:
    if "__" in target:
        raise Refused("dunder", name=target[:MAX_NAME_CHARS])
    if not (target.isidentifier() and target.isascii()) or len(target) > MAX_NAME_CHARS:
        raise Refused("target_not_allowed", name=target[:MAX_NAME_CHARS])
    if target in kinds or target == "torch":
        raise Refused("target_is_given", name=target)
    if target in assigned:
        raise Refused("assigned_twice", name=target)


def _check_tree(tree: ast.AST) -> None:
    """Size and depth of the tree, walked without recursion so a deep tree cannot exhaust the stack."""
    stack, count = [(tree, 0)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES_PER_LINE:
            raise Refused("too_many_nodes", limit=MAX_NODES_PER_LINE)
        if depth > MAX_TREE_DEPTH:
            raise Refused("too_deep", limit=MAX_TREE_DEPTH)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _refuse_construct(node: ast.AST) -> Refused:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        return Refused("string", col=getattr(node, "col_offset", 0) + 1)
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        return Refused("operator_not_allowed", op=OPERATORS.get(type(node.op), type(node.op).__name__))
    return Refused("syntax_not_allowed", construct=CONSTRUCTS.get(type(node), type(node).__name__))


def _check_number(node: ast.AST, integer: bool) -> None:
    value = node.value
    if isinstance(value, str | bytes):
        raise _refuse_construct(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused("number_not_allowed", value=repr(value)[:20])
    if integer and not isinstance(value, int):
        raise Refused("integer_needed", value=repr(value))
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise Refused("number_too_large", limit=MAX_NUMBER)


def _is_shape(node: ast.AST) -> bool:
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "shape"


def _check_name(node: ast.Name, known: Mapping[str, str], later: set, kind: str) -> None:
    name = node.id
    if "__" in name:
        raise Refused("dunder", name=name)
    if name not in known:
        raise Refused("name_later" if name in later else "name_unknown", name=name)
    if kind == INT and known[name] != INT:
        raise Refused("integer_needed", value=name)


def _check_tensor(node: ast.AST, known: Mapping[str, str], later: set) -> None:
    """Refuse anything outside the tensor-expression grammar (see the module docstring)."""
    if isinstance(node, ast.Name):
        _check_name(node, known, later, TENSOR)
    elif isinstance(node, ast.Constant):
        _check_number(node, integer=False)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check_tensor(node.operand, known, later)
    elif isinstance(node, ast.BinOp) and type(node.op) in TENSOR_OPS:
        _check_tensor(node.left, known, later)
        if isinstance(node.op, ast.Pow):
            _exponent(node.right)
        else:
            _check_tensor(node.right, known, later)
    elif _is_shape(node):
        _check_tensor(node.value.value, known, later)
        _check_int(node.slice, known, later)
    elif isinstance(node, ast.Subscript):
        _check_tensor(node.value, known, later)
        _check_index(node.slice, known, later)
    elif isinstance(node, ast.Attribute):
        if "__" in node.attr:
            raise Refused("dunder", name=node.attr)
        if node.attr not in ("T", "mT"):
            raise Refused("attribute_not_allowed", name=node.attr)
        _check_tensor(node.value, known, later)
    elif isinstance(node, ast.Call):
        function, self_node = _callee(node.func)
        if self_node is not None:
            _check_tensor(self_node, known, later)
        _check_arguments(node, function, _callee_name(node.func), known, later)
    else:
        raise _refuse_construct(node)


def _callee(func: ast.AST) -> tuple[Function, ast.AST | None]:
    """The allowed function a call names, and the tensor it is called on (None for torch.fn)."""
    if isinstance(func, ast.Name):
        raise Refused("dunder" if "__" in func.id else "function_not_allowed", name=func.id)
    if not isinstance(func, ast.Attribute):
        raise Refused("function_not_allowed", name="(...)")
    if "__" in func.attr:
        raise Refused("dunder", name=func.attr)
    if isinstance(func.value, ast.Name) and func.value.id == "torch":
        if func.attr not in TORCH_FUNCTIONS:
            raise Refused("function_not_allowed", name=f"torch.{func.attr}")
        return TORCH_FUNCTIONS[func.attr], None
    if func.attr not in METHODS:
        raise Refused("function_not_allowed", name=f".{func.attr}")
    return METHODS[func.attr], func.value


def _callee_name(func: ast.Attribute) -> str:
    return f"torch.{func.attr}" if isinstance(func.value, ast.Name) and func.value.id == "torch" else f".{func.attr}"


def _bind(node: ast.Call, function: Function, name: str) -> list[tuple[Param, ast.AST | list]]:
    """Match a call's arguments to the function's parameters; refuses anything else."""
    params, args = function.params, list(node.args)
    for arg in args:
        if isinstance(arg, ast.Starred):
            raise Refused("syntax_not_allowed", construct="*")
    bound: dict[str, tuple[Param, ast.AST | list]] = {}
    for i, param in enumerate(params):
        if param.kind == INTS:
            if len(args) <= i:
                raise Refused("wrong_arguments", function=name)
            bound[param.name] = (param, args[i:])
            args = args[:i]
            break
        if i < len(args):
            bound[param.name] = (param, args[i])
    if len(args) > len(params):
        raise Refused("wrong_arguments", function=name)
    for kw in node.keywords:
        if kw.arg is None:
            raise Refused("syntax_not_allowed", construct="**")
        if "__" in kw.arg:
            raise Refused("dunder", name=kw.arg)
        param = next((p for p in params if p.name == kw.arg and p.kind != INTS), None)
        if kw.arg not in KEYWORDS or param is None:
            raise Refused("keyword_not_allowed", name=kw.arg, function=name)
        if kw.arg in bound:
            raise Refused("wrong_arguments", function=name)
        bound[kw.arg] = (param, kw.value)
    for param in params:
        if param.required and param.name not in bound:
            raise Refused("wrong_arguments", function=name)
    return [bound[p.name] for p in params if p.name in bound]


def _check_arguments(node: ast.Call, function: Function, name: str, known, later) -> None:
    for param, arg in _bind(node, function, name):
        if param.kind == TENSOR:
            _check_tensor(arg, known, later)
        elif param.kind == INT:
            _check_int(arg, known, later)
        elif param.kind == INTS:
            if len(arg) > MAX_LIST:
                raise Refused("wrong_arguments", function=name)
            for a in arg:
                _check_int(a, known, later)
        elif param.kind == BOOL:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, bool)):
                raise Refused("bool_needed", name=param.name)
        elif param.kind == TENSORS:
            if not isinstance(arg, ast.List | ast.Tuple) or not 1 <= len(arg.elts) <= MAX_LIST:
                raise Refused("list_needed", function=name, limit=MAX_LIST)
            for a in arg.elts:
                _check_tensor(a, known, later)


def _check_int(node: ast.AST, known, later) -> None:
    if isinstance(node, ast.Constant):
        _check_number(node, integer=True)
    elif isinstance(node, ast.Name):
        _check_name(node, known, later, INT)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check_int(node.operand, known, later)
    elif isinstance(node, ast.BinOp) and type(node.op) in INT_OPS:
        _check_int(node.left, known, later)
        _check_int(node.right, known, later)
    elif _is_shape(node):
        _check_tensor(node.value.value, known, later)
        _check_int(node.slice, known, later)
    elif isinstance(node, ast.BinOp | ast.UnaryOp | ast.Attribute | ast.Call | ast.Subscript):
        raise Refused("integer_needed", value=ast.unparse(node)[:40])
    else:
        raise _refuse_construct(node)


def _check_index(node: ast.AST, known, later) -> None:
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    if len(items) > MAX_LIST:
        raise Refused("index_not_allowed")
    for item in items:
        if isinstance(item, ast.Constant) and item.value is Ellipsis:
            continue
        if isinstance(item, ast.Slice):
            for part in (item.lower, item.upper, item.step):
                if part is not None:
                    _check_int(part, known, later)
        elif isinstance(item, ast.Constant | ast.Name | ast.UnaryOp | ast.BinOp) or _is_shape(item):
            _check_int(item, known, later)
        else:
            raise Refused("index_not_allowed")


def _exponent(node: ast.AST) -> float:
    """The value of an allowed exponent: a literal, |e| <= MAX_EXPONENT, whole or half (0.5 for a square root)."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign, node = (-1 if isinstance(node.op, ast.USub) else 1), node.operand
    if not (
        isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool)
    ):
        raise Refused("exponent_not_allowed", limit=MAX_EXPONENT)
    value = sign * node.value
    if not (math.isfinite(value) and abs(value) <= MAX_EXPONENT and (2 * value).is_integer()):
        raise Refused("exponent_not_allowed", limit=MAX_EXPONENT)
    return float(value)


# ---------------------------------------------------------------------------------------------
# Evaluation: walk a checked tree, each operation sized before it runs


class Budget:
    """Work and time left for one check; every operation spends from it."""

    def __init__(self, work: float | None = None, seconds: float | None = None):
        self.work = MAX_WORK if work is None else work
        self.seconds = TIME_LIMIT if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds

    def spend(self, cost: float) -> None:
        self.work -= cost
        if self.work < 0:
            raise Refused("too_much_work", limit=f"{MAX_WORK:.0e}")
        self.tick()

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise Refused("timeout", seconds=self.seconds)


def shape_text(x) -> str:
    """Shapes as Python writes them: (2, 4), (16,), () for a number; a list of tensors as their shapes."""
    if isinstance(x, torch.Tensor):
        return "(" + ", ".join(str(s) for s in x.shape) + ("," if x.dim() == 1 else "") + ")"
    if isinstance(x, list | tuple):
        return ", ".join(shape_text(t) for t in x if isinstance(t, torch.Tensor | list | tuple))
    return str(x)


def _numel(x) -> int:
    if isinstance(x, torch.Tensor):
        return x.numel()
    if isinstance(x, list | tuple):
        return sum(_numel(t) for t in x)
    return 1


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    """The shape a and b broadcast to, or None when they do not."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x, y = (a[-i] if i <= len(a) else 1), (b[-i] if i <= len(b) else 1)
        if x != y and 1 not in (x, y):
            return None
        out.append(y if x == 1 else x)
    return tuple(reversed(out))


def matmul_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    """The shape of torch.matmul(a, b), or None when the shapes do not multiply."""
    if not a or not b:
        return None
    a2, b2 = (1, *a) if len(a) == 1 else a, (*b, 1) if len(b) == 1 else b
    if a2[-1] != b2[-2]:
        return None
    batch = broadcast_shape(a2[:-2], b2[:-2])
    if batch is None:
        return None
    return batch + ((a2[-2],) if len(a) > 1 else ()) + ((b2[-1],) if len(b) > 1 else ())


def _predicted_size(op: str, args: tuple) -> tuple[int, float]:
    """Elements of the result and multiply-adds, for the operations whose result can outgrow their inputs."""
    if op in ("+", "-", "*", "/"):
        shape = broadcast_shape(tuple(args[0].shape), tuple(args[1].shape))
    elif op in ("@", "torch.matmul"):
        shape = matmul_shape(tuple(args[0].shape), tuple(args[1].shape))
    elif op == "torch.cat":
        return _numel(args[0]), _numel(args[0])
    else:  # elementwise functions, reductions, views, indexing: never more elements than the input
        return _numel(args[0]), _numel(args)
    if shape is None:
        raise Refused("shape_mismatch", op=op, shapes=shape_text(args), detail="")
    size = math.prod(shape)
    inner = args[0].shape[-1] if op in ("@", "torch.matmul") else 1
    return size, size * inner


class Evaluator:
    """Evaluates checked expressions over an environment of tensors and ints."""

    def __init__(self, env: Mapping[str, torch.Tensor | int], budget: Budget, dtype: torch.dtype = torch.float64):
        self.env, self.budget, self.dtype = env, budget, dtype

    def run(self, op: str, fn: Callable, *args):
        """Run fn(*args) once its result's size is known to be allowed; spend its work from the budget."""
        self.budget.tick()
        size, work = _predicted_size(op, args)
        if size > MAX_ELEMENTS:
            raise Refused("too_large", op=op, elements=size, limit=MAX_ELEMENTS)
        self.budget.spend(work)
        try:
            return fn(*args)
        except IndexError:
            raise Refused("index_out_of_range", op=op, shapes=shape_text(args)) from None
        except Exception as e:  # bounded and cheap by now; whatever torch still rejects is the student's error
            raise Refused("shape_mismatch", op=op, shapes=shape_text(args), detail=str(e)[:200]) from None

    def number(self, value: float | int) -> torch.Tensor:
        return torch.tensor(float(value), dtype=self.dtype)

    def tensor(self, node: ast.AST):
        """A tensor expression's value: a tensor (or the tuple torch.chunk gives, before it is indexed)."""
        self.budget.tick()
        if isinstance(node, ast.Name):
            value = self.env.get(node.id)
            if value is None:
                raise Refused("depends_on_failed", name=node.id)
            return value if isinstance(value, torch.Tensor) else self.number(value)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return self.number(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            x = self._one(node.operand)
            return self.run("unary -", torch.neg, x) if isinstance(node.op, ast.USub) else x
        if isinstance(node, ast.BinOp) and type(node.op) in TENSOR_OPS:
            op = TENSOR_OPS[type(node.op)]
            left = self._one(node.left)
            if op == "**":
                return self.run(op, torch.pow, left, _exponent(node.right))
            right = self._one(node.right)
            fn = {"+": torch.add, "-": torch.sub, "*": torch.mul, "/": torch.div, "@": torch.matmul}[op]
            return self.run(op, fn, left, right)
        if _is_shape(node):
            return self.number(self.integer(node))
        if isinstance(node, ast.Subscript):
            return self._subscript(node)
        if isinstance(node, ast.Attribute) and node.attr in ("T", "mT"):
            x = self._one(node.value)
            if node.attr == "T" and x.dim() != 2:
                raise Refused("transpose_needs_2d", shape=shape_text(x))
            return self.run(f".{node.attr}", (lambda t: t.T) if node.attr == "T" else (lambda t: t.mT), x)
        if isinstance(node, ast.Call):
            return self._call(node)
        raise _refuse_construct(node)

    def _one(self, node: ast.AST) -> torch.Tensor:
        value = self.tensor(node)
        if not isinstance(value, torch.Tensor):
            raise Refused("not_a_tensor", got="tuple")
        return value

    def _subscript(self, node: ast.Subscript):
        value = self.tensor(node.value)
        if isinstance(value, tuple):  # the pieces of torch.chunk
            if isinstance(node.slice, ast.Slice | ast.Tuple):
                raise Refused("index_not_allowed")
            i = self.integer(node.slice)
            if not -len(value) <= i < len(value):
                raise Refused("index_out_of_range", op="[]", shapes=f"{len(value)} chunks")
            return value[i]
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        index = []
        for item in items:
            if isinstance(item, ast.Constant) and item.value is Ellipsis:
                index.append(Ellipsis)
            elif isinstance(item, ast.Slice):
                parts = [None if p is None else self.integer(p) for p in (item.lower, item.upper, item.step)]
                if parts[2] is not None and parts[2] <= 0:
                    raise Refused("index_not_allowed")
                index.append(slice(*parts))
            else:
                index.append(self.integer(item))
        index = tuple(index)
        return self.run("[]", lambda t: t[index], value)

    def _call(self, node: ast.Call):
        function, self_node = _callee(node.func)
        name = _callee_name(node.func)
        args = [] if self_node is None else [self._one(self_node)]
        kwargs = {}
        for param, arg in _bind(node, function, name):
            if param.kind == TENSOR:
                value = self._one(arg)
            elif param.kind == INT:
                value = self.integer(arg)
            elif param.kind == INTS:
                value = [self.integer(a) for a in arg]
            elif param.kind == BOOL:
                value = bool(arg.value)
            else:
                value = [self._one(a) for a in arg.elts]
            if param.kind == INTS:
                args.extend(value)
            elif param.name in KEYWORDS:
                kwargs[param.name] = value
            else:
                args.append(value)
        result = self.run(name, lambda *a: function.run(*a, **kwargs), *args)
        return tuple(result) if isinstance(result, list | tuple) else result

    def integer(self, node: ast.AST) -> int:
        """An integer expression's value, bounded by MAX_NUMBER at every step."""
        self.budget.tick()
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            value = node.value
        elif isinstance(node, ast.Name) and isinstance(self.env.get(node.id), int):
            value = self.env[node.id]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            value = -self.integer(node.operand) if isinstance(node.op, ast.USub) else self.integer(node.operand)
        elif isinstance(node, ast.BinOp) and type(node.op) in INT_OPS:
            a, b = self.integer(node.left), self.integer(node.right)
            if isinstance(node.op, ast.FloorDiv):
                if b == 0:
                    raise Refused("zero_division")
                value = a // b
            else:
                value = a + b if isinstance(node.op, ast.Add) else a - b if isinstance(node.op, ast.Sub) else a * b
        elif _is_shape(node):
            shape, i = self._one(node.value.value).shape, self.integer(node.slice)
            if not -len(shape) <= i < len(shape):
                raise Refused("index_out_of_range", op=".shape[]", shapes=str(tuple(shape)))
            value = shape[i]
        else:
            raise Refused("integer_needed", value=type(node).__name__)
        if abs(value) > MAX_NUMBER:
            raise Refused("number_too_large", limit=MAX_NUMBER)
        return value
