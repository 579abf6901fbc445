"""A long-range memory task: read a symbol, then T more symbols, then recall the first one.

The sequence is  s, d_1, …, d_T, ?  where s and every distractor d are drawn from the same
8 symbols (A–H), and at the query mark ? the model must name s. The answer depends only on
a character T + 1 steps back, so the gradient that teaches it must flow back through T
steps: the test of Bengio, Simard & Frasconi (1994) and Hochreiter & Schmidhuber (1997)
in its simplest form. Chance is 1 / 8.

RNN, LSTM and GRU of the same width learn it with the same recipe, distances T drawn
uniformly from 1 to 100 (no curriculum), and are tested up to T = 200. A fourth model, an RNN
taught short distances first (a curriculum), shows how much of the RNN's failure is in learning.
The recipes: `models/training/memory.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from models.recurrent import Recurrent, Steps

SYMBOLS = "ABCDEFGH"
QUERY = "?"
ALPHABET = SYMBOLS + QUERY
TRAIN_MAX_T = 100  # the longest distance in training
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
