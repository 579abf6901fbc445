"""Train a model and write its weights and card: `python -m models.train NAME [--seed S]`."""

from __future__ import annotations

import argparse
import sys

import torch

from models import hub
from models.hub import registry
from models.training import card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="+", help=f"one or more of: {', '.join(registry.MODELS)}, or 'all'")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = list(registry.MODELS) if args.names == ["all"] else args.names
    torch.set_num_threads(max(1, torch.get_num_threads()))
    for name in names:
        model, config, made = card.build(name, args.seed, progress=_progress(name))
        full = hub.save(name, model, config, made)
        scalars = {k: v for k, v in full["metrics"].items() if not isinstance(v, list)}
        print(f"\n{name}: {scalars} -> {hub.paths(name)[0]}")
    return 0


def _progress(name: str):
    from tqdm import tqdm

    state = {}

    def update(step: int, total: int, note: str = "") -> None:
        if "bar" not in state:
            state["bar"] = tqdm(total=total, desc=name, file=sys.stdout)
        state["bar"].n = step
        state["bar"].set_postfix_str(note)
        state["bar"].refresh()

    return update


if __name__ == "__main__":
    raise SystemExit(main())
