"""The one training loop, and the seeding, optimiser and learning-rate schedule every recipe shares."""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import torch
import torch.nn as nn


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python, NumPy and torch's global generators; return a torch generator for the data."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def optimizer(model: nn.Module, recipe: dict) -> torch.optim.Optimizer:
    """The recipe's optimiser ("Adam" or "AdamW") with its learning rate and weight decay."""
    decay = {"weight_decay": recipe["weight_decay"]} if "weight_decay" in recipe else {}
    return getattr(torch.optim, recipe["optimizer"])(model.parameters(), lr=recipe["lr"], **decay)


def schedule(opt: torch.optim.Optimizer, total: int, warmup: int = 0) -> torch.optim.lr_scheduler.LRScheduler:
    """Cosine decay to 0 over `total` steps, after a linear warm-up over the first `warmup` steps."""
    if not warmup:
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, total)
    # lr_s = lr · (s + 1) / warmup while warming up, then lr · ½ (1 + cos(π (s − warmup) / (total − warmup)))
    return torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (total - warmup))),
    )


def shuffled(n: int, batch: int, generator: torch.Generator) -> Iterator[torch.Tensor]:
    """The indices 0..n − 1 in a fresh random order, `batch` at a time."""
    order = torch.randperm(n, generator=generator)
    for i in range(0, n, batch):
        yield order[i : i + batch]


def in_rounds(
    loss: Callable[[int], torch.Tensor], steps: int, per_round: int = 50
) -> tuple[Callable[[int], Iterator[torch.Tensor]], int]:
    """A recipe counted in steps as rounds for `fit`: the batches of round r and the number of rounds.

    Round r is the losses of steps r·per_round to (r + 1)·per_round − 1; progress is reported once a round.
    """
    assert steps % per_round == 0, "the steps must fill whole rounds"
    return (lambda r: (loss(step) for step in range(r * per_round, (r + 1) * per_round))), steps // per_round


def fit(
    model: nn.Module,
    opt: torch.optim.Optimizer,
    batches: Callable[[int], Iterable[torch.Tensor]],
    rounds: int,
    *,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    grad_clip: float | None = None,
    validate: Callable[[nn.Module], float] | None = None,
    progress=None,
    label: str = "validation",
) -> list[float]:
    """Train `rounds` rounds (epochs, or fixed numbers of steps); return each round's validation value.

    `batches(r)` yields round r's losses one at a time, each computed just before its gradient
    step. With `validate` (lower is better, run in eval mode without gradients) the weights of
    the best round are kept; without it, the last.
    """
    best, best_state, history = float("inf"), None, []
    for r in range(rounds):
        model.train()
        for loss in batches(r):
            opt.zero_grad()
            loss.backward()
            if grad_clip is not None:
                nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
            opt.step()
            if scheduler is not None:
                scheduler.step()
        note = f"loss {loss.item():.4f}"
        if validate is not None:
            model.eval()
            with torch.no_grad():
                value = validate(model)
            history.append(value)
            if value < best:
                best, best_state = value, copy.deepcopy(model.state_dict())
            note = f"{label} {value:.3f}"
        if progress:
            progress(r + 1, rounds, note)
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return history
