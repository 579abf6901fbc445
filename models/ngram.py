"""Character n-gram models: the first-order Markov chain (bigram) and its longer-memory cousins.

A bigram model says p(x_t | x_{t-1}): the present depends only on the step before.
Orders up to 6 use interpolated absolute discounting (Ney, Essen & Kneser, 1994):

    p(c | h) = max(N(h, c) − D, 0) / N(h) + D · K(h) / N(h) · p(c | h′)

where h′ is h without its oldest character and K(h) the number of different characters
seen after h; a history never seen falls straight back to p(c | h′). The unigram is
add-one smoothed, so no character ever gets probability 0.

The shipped `bigram` model is its table of p(next | previous); its card also reports
the held-out bits per character of every order, the baselines the recurrent models
are measured against (`models/training/ngram.py`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import torch
import torch.nn as nn

DISCOUNT = 0.75


@dataclass(frozen=True)
class Config:
    chars: str = ""
    order: int = 2
    discount: float = DISCOUNT


class NGramCounts:
    """Counts of every context of up to order − 1 characters and the character after it."""

    def __init__(self, train: str, order: int, discount: float = DISCOUNT):
        self.order, self.D = order, discount
        self.vocab = sorted(set(train))
        self.next = [defaultdict(Counter) for _ in range(order)]  # next[n][context of length n][c]
        for n in range(order):
            for i in range(n, len(train)):
                self.next[n][train[i - n : i]][train[i]] += 1
        self.total = [{h: sum(c.values()) for h, c in level.items()} for level in self.next]
        self.unigram_total = len(train) + len(self.vocab) + 1  # add-one, with room for an unknown character

    def prob(self, history: str, c: str) -> float:
        """p(c | the last order − 1 characters of history)."""
        p = (self.next[0][""][c] + 1) / self.unigram_total
        for n in range(1, self.order):
            if len(history) < n:
                break
            h = history[-n:]
            counts = self.next[n].get(h)
            if counts is None:
                break
            N = self.total[n][h]
            p = max(counts[c] - self.D, 0) / N + self.D * len(counts) / N * p
        return p

    def bits_per_char(self, test: str) -> float:
        bits = sum(-math.log2(self.prob(test[max(0, i - self.order + 1) : i], test[i])) for i in range(len(test)))
        return bits / len(test)


class Bigram(nn.Module):
    """p(x_t | x_{t-1}) as a table over the shared vocabulary: log_p[previous, next]."""

    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        V = len(config.chars)
        self.register_buffer("log_p", torch.full((V, V), -math.log(V)))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids (T,) -> log p(x_t | x_{t-1}) for t = 1..T−1, in nats."""
        return self.log_p[ids[:-1], ids[1:]]


def build(config: Config) -> nn.Module:
    return Bigram(config)
