"""Recompute a model's metrics and compare them to its card: `python -m models.evaluate NAME`.

Exits non-zero when a metric differs from the card by more than the tolerance.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models import hub
from models.hub import registry

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- models:start -->", "<!-- models:end -->"

# Evaluation is deterministic on CPU; the tolerance only absorbs float summation order.
TOLERANCE = 1e-3


def check(name: str) -> list[str]:
    """The metrics that do not match the card, as readable lines (empty when all match)."""
    model, card = hub.load(name)
    measured = registry.recipe(name).evaluate(model, name)
    problems = []
    for key, expected in card["metrics"].items():
        got = measured.get(key)
        if not _close(got, expected):
            problems.append(f"{name}.{key}: card says {_short(expected)}, measured {_short(got)}")
    return problems


def _close(got, expected) -> bool:
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(_close(got[k], expected[k]) for k in expected)
        )
    if isinstance(expected, str):
        return got == expected
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(_close, got, expected))
    # per-digit values are rounded to 0.01 on the card
    return got is not None and abs(got - expected) <= max(TOLERANCE * max(1.0, abs(expected)), 0.011)


def _short(value) -> str:
    return f"[{len(value)} values]" if isinstance(value, list) else str(value)[:200]


def _scalars(metrics: dict, split: str) -> str:
    """'elbo -148.80, recon -142.45' from a card's metrics of one split; small tables as 'by_T 5: 1.00 …'."""
    shown = [(k.removeprefix(split + "_").removesuffix("_nats"), v) for k, v in metrics.items() if k.startswith(split)]
    parts = []
    for k, v in shown:
        if isinstance(v, (int, float)):
            parts.append(f"{k} {v:.2f}" if abs(v) >= 10 else f"{k} {v:.3f}")
        elif isinstance(v, dict) and len(v) <= 8:
            parts.append(f"{k} " + ", ".join(f"{kk}: {vv:.2f}" for kk, vv in v.items()))
    return ", ".join(parts)


def readme_table(names: list[str]) -> str:
    """The README's model table, read from the cards."""
    lines = ["| model | parameters | held-out | training set | card |", "|---|---|---|---|---|"]
    for name in names:
        card = hub.read_card(name)
        metrics = card["metrics"]
        link = f"[{name}.json](models/weights/{name}.json)"
        lines.append(
            f"| `{name}` | {card['n_params']:,} | {_scalars(metrics, 'test')} | {_scalars(metrics, 'train')} | {link} |"
        )
    return "\n".join(lines) + "\n"


def write_readme(names: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    README.write_text(head + START + "\n" + readme_table(names) + END + rest.split(END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="+", help=f"one or more of: {', '.join(registry.MODELS)}, or 'all'")
    parser.add_argument("--readme", action="store_true", help="also rewrite the model table in README.md")
    args = parser.parse_args(argv)
    names = list(registry.MODELS) if args.names == ["all"] else args.names
    failed = False
    for name in names:
        problems = check(name)
        print(f"{name}: {'ok' if not problems else 'MISMATCH'}")
        for line in problems:
            print("  " + line)
        failed |= bool(problems)
    if args.readme and not failed:
        write_readme(names)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
