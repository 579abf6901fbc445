"""The memory task's recipe: the same for RNN, LSTM and GRU, distances drawn afresh for every batch.

The plain recipe draws T uniformly from 1 to 100 (no curriculum); the curriculum recipe lets the
longest T grow from 5 to 100 over the first half of training. Tested on held-out sequences up to T = 200.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from models.memory import SYMBOLS, TRAIN_MAX_T, Config, MemoryNet, build, make_batch
from models.training import loop
from models.training.card import Trained

KIND = {"memory_rnn": "rnn", "memory_lstm": "lstm", "memory_gru": "gru", "memory_rnn_curriculum": "rnn"}
EVAL_T = (5, 10, 20, 50, 100, 200)
RECIPE = {
    "optimizer": "Adam",
    "lr": 3e-3,
    "batch_size": 64,
    "steps": 3000,
    "distance": "T uniform in [1, 100] for each batch",
    "grad_clip": 1.0,
}
# The same, but short distances first: the longest T grows from 5 to 100 over the first half of training.
CURRICULUM = {
    **RECIPE,
    "distance": "T uniform in [1, T_max]; T_max rises linearly from 5 to 100 over the first 1,500 steps",
}
DATA = "generated: a symbol, T more symbols (all A–H), a query mark; held-out sequences drawn with seed 1234 + T"


def longest_T(name: str, step: int, steps: int) -> int:
    """The longest distance a training batch may have at this step."""
    if name.endswith("_curriculum"):
        return int(5 + (TRAIN_MAX_T - 5) * min(1.0, step / (steps / 2)))
    return TRAIN_MAX_T


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    config = Config(kind=KIND[name])
    model = build(config)
    steps = RECIPE["steps"]

    def loss(step: int) -> torch.Tensor:
        T = int(torch.randint(1, longest_T(name, step, steps) + 1, (1,), generator=generator))
        x, y = make_batch(RECIPE["batch_size"], T, generator)
        return F.cross_entropy(model(x).logits, y)

    loop.fit(
        model,
        loop.optimizer(model, RECIPE),
        *loop.in_rounds(loss, steps),
        grad_clip=RECIPE["grad_clip"],
        progress=progress,
    )
    return Trained(model, config, DATA, CURRICULUM if name.endswith("_curriculum") else RECIPE)


@torch.no_grad()
def accuracy(model: MemoryNet, T: int, n: int = 1000, seed: int = 1234) -> float:
    x, y = make_batch(n, T, torch.Generator().manual_seed(seed + T))
    return (model(x).logits.argmax(-1) == y).float().mean().item()


def evaluate(model, name: str) -> dict:
    return {"test_accuracy_by_T": {str(T): round(accuracy(model, T), 4) for T in EVAL_T}, "chance": 1 / len(SYMBOLS)}
