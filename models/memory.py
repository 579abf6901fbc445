"""A long-range memory task: read a symbol, then T more symbols, then recall the first one.

The sequence is  s, d_1, …, d_T, ?  where s and every distractor d are drawn from the same
8 symbols (A–H), and at the query mark ? the model must name s. The answer depends only on
a character T + 1 steps back, so the gradient that teaches it must flow back through T
steps: the test of Bengio, Simard & Frasconi (1994) and Hochreiter & Schmidhuber (1997)
in its simplest form. Chance is 1 / 8.

RNN, LSTM and GRU of the same width learn it with the same recipe, distances T drawn
uniformly from 1 to 100 (no curriculum), and are tested up to T = 200. A fourth model, an RNN
taught short distances first (a curriculum), shows how much of the RNN's failure is in learning.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from models.common import seed_everything
from models.recurrent import Recurrent, Steps

SYMBOLS = "ABCDEFGH"
QUERY = "?"
ALPHABET = SYMBOLS + QUERY
KIND = {"memory_rnn": "rnn", "memory_lstm": "lstm", "memory_gru": "gru", "memory_rnn_curriculum": "rnn"}
EVAL_T = (5, 10, 20, 50, 100, 200)
TRAIN_MAX_T = 100
MAX_T = 200  # the longest distance the page lets a student try


@dataclass(frozen=True)
class Config:
    kind: str = "lstm"
    hidden: int = 32


@dataclass(frozen=True)
class MemoryOutput:
    logits: torch.Tensor  # (B, symbols): the answer read at the query mark
    steps: Steps  # every gate and state over the sequence


class MemoryNet(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        self.rnn = Recurrent(config.kind, len(ALPHABET), config.hidden)
        self.head = nn.Linear(config.hidden, len(SYMBOLS))
        if config.kind == "lstm":
            with torch.no_grad():
                self.rnn.bias_hh[config.hidden : 2 * config.hidden].fill_(1.0)

    def forward(self, ids: torch.Tensor) -> MemoryOutput:
        """ids (B, T + 2) -> logits over the symbols, read from the last hidden state."""
        h, _, steps = self.rnn(F.one_hot(ids, len(ALPHABET)).float())
        return MemoryOutput(self.head(h[:, -1]), steps)


def build(config: Config) -> nn.Module:
    return MemoryNet(config)


def make_batch(n: int, T: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """n sequences s, d_1..d_T, ? as indices into ALPHABET, and the symbol index to recall."""
    target = torch.randint(0, len(SYMBOLS), (n,), generator=generator)
    noise = torch.randint(0, len(SYMBOLS), (n, T), generator=generator)
    query = torch.full((n, 1), ALPHABET.index(QUERY))
    return torch.cat([target[:, None], noise, query], dim=1), target


def as_text(ids: torch.Tensor) -> str:
    return "".join(ALPHABET[i] for i in ids.tolist())


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


def longest_T(name: str, step: int, steps: int) -> int:
    """The longest distance a training batch may have at this step."""
    if name.endswith("_curriculum"):
        return int(5 + (TRAIN_MAX_T - 5) * min(1.0, step / (steps / 2)))
    return TRAIN_MAX_T


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    gen = seed_everything(seed)
    config = Config(kind=KIND[name])
    model = build(config)
    opt = torch.optim.Adam(model.parameters(), lr=RECIPE["lr"])
    steps, start = RECIPE["steps"], time.perf_counter()
    for step in range(steps):
        T = int(torch.randint(1, longest_T(name, step, steps) + 1, (1,), generator=gen))
        x, y = make_batch(RECIPE["batch_size"], T, gen)
        loss = F.cross_entropy(model(x).logits, y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), RECIPE["grad_clip"])
        opt.step()
        if progress and step % 50 == 0:
            progress(step + 1, steps, f"T {T}, loss {loss.item():.3f}")
    card = {
        "data": "generated: a symbol, T more symbols (all A–H), a query mark; held-out sequences drawn with seed 1234 + T",
        "recipe": CURRICULUM if name.endswith("_curriculum") else RECIPE,
        "seed": seed,
        "n_params": sum(p.numel() for p in model.parameters()),
        "train_seconds": round(time.perf_counter() - start, 1),
    }
    return model, config, card


@torch.no_grad()
def accuracy(model: MemoryNet, T: int, n: int = 1000, seed: int = 1234) -> float:
    x, y = make_batch(n, T, torch.Generator().manual_seed(seed + T))
    return (model(x).logits.argmax(-1) == y).float().mean().item()


def evaluate(model: nn.Module, name: str) -> dict:
    return {"test_accuracy_by_T": {str(T): round(accuracy(model, T), 4) for T in EVAL_T}, "chance": 1 / len(SYMBOLS)}
