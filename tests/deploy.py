"""The Dockerfile read as data: its instructions, ENV and the commands it runs (no Docker engine here)."""

import json
import shlex

from tests.apptest import ROOT


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for each instruction, continuation lines joined, comments left out."""
    lines, current = [], ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            word, _, rest = current.partition(" ")
            lines.append((word.upper(), rest.strip()))
            current = ""
    return lines


def one(name: str) -> str:
    found = [args for word, args in instructions() if word == name]
    assert len(found) == 1, (name, found)
    return found[0]


def env() -> dict[str, str]:
    values = {}
    for word, args in instructions():
        if word == "ENV":
            values.update(pair.split("=", 1) for pair in shlex.split(args))
    return values


def exec_form(args: str) -> list[str]:
    """The JSON array of an exec-form CMD (after any --options of HEALTHCHECK and the word CMD)."""
    return json.loads(args[args.index("[") :])
