"""Recompute a model's metrics and compare them to its card: `python -m models.evaluate NAME`.

Exits non-zero when a metric differs from the card by more than the tolerance.
"""

from __future__ import annotations

import argparse

from models import hub, registry

# Evaluation is deterministic on CPU; the tolerance only absorbs float summation order.
TOLERANCE = 1e-3


def check(name: str) -> list[str]:
    """The metrics that do not match the card, as readable lines (empty when all match)."""
    model, card = hub.load(name)
    measured = registry.family(name).evaluate(model, name)
    problems = []
    for key, expected in card["metrics"].items():
        got = measured.get(key)
        if got is None or abs(got - expected) > TOLERANCE * max(1.0, abs(expected)):
            problems.append(f"{name}.{key}: card says {expected}, measured {got}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="+", help=f"one or more of: {', '.join(registry.MODELS)}, or 'all'")
    args = parser.parse_args(argv)
    names = list(registry.MODELS) if args.names == ["all"] else args.names
    failed = False
    for name in names:
        problems = check(name)
        print(f"{name}: {'ok' if not problems else 'MISMATCH'}")
        for line in problems:
            print("  " + line)
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
