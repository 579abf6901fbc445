"""Character n-gram models: the first-order Markov chain (bigram) and its longer-memory cousins.

A bigram model says p(x_t | x_{t-1}): the present depends only on the step before.
Orders up to 6 use interpolated absolute discounting (Ney, Essen & Kneser, 1994):

    p(c | h) = max(N(h, c) − D, 0) / N(h) + D · K(h) / N(h) · p(c | h′)

where h′ is h without its oldest character and K(h) the number of different characters
seen after h; a history never seen falls straight back to p(c | h′). The unigram is
add-one smoothed, so no character ever gets probability 0.

The shipped `bigram` model is its table of p(next | previous); its card also reports
the held-out bits per character of every order, the baselines the recurrent models
are measured against.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import torch
import torch.nn as nn

from models import data, text

DISCOUNT = 0.75
ORDERS = (1, 2, 3, 4, 5, 6)


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


def table(counts: NGramCounts, chars: str) -> torch.Tensor:
    """The bigram's log-probabilities for every pair of vocabulary characters (the unknown one included)."""
    V = len(chars)
    log_p = torch.empty(V, V, dtype=torch.float64)
    for a, prev in enumerate(chars):
        row = torch.tensor([counts.prob(prev, c) for c in chars], dtype=torch.float64)
        log_p[a] = (row / row.sum()).log()  # renormalise over the vocabulary the app uses
    return log_p.float()


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    start = time.perf_counter()
    chars = text.training_chars()
    config = Config(chars=chars, order=2)
    model = build(config)
    model.log_p.copy_(table(NGramCounts(data.text("train"), 2), chars))
    card = {
        "data": "CPython's documentation topics (pydoc_data.topics), first 90% of characters to train, last 10% held out",
        "recipe": {"smoothing": f"interpolated absolute discounting, D = {DISCOUNT}; add-one unigram"},
        "seed": seed,
        "n_params": len(chars) ** 2,
        "train_seconds": round(time.perf_counter() - start, 1),
    }
    return model, config, card


@lru_cache(maxsize=1)
def baselines() -> dict[str, float]:
    """Held-out bits per character of every n-gram order."""
    train_text, test_text = data.text("train"), data.text("test")
    counts = NGramCounts(train_text, max(ORDERS))
    result = {}
    for order in ORDERS:
        counts.order = order
        result[f"order_{order}"] = round(counts.bits_per_char(test_text), 4)
    return result


@torch.no_grad()
def evaluate(model: nn.Module, name: str) -> dict:
    bits = {}
    for split in ("train", "test"):
        ids = text.encode(data.text(split), model.config.chars)
        bits[f"{split}_bpc"] = round(text.bits_per_char(-model(ids).mean().item()), 4)
    orders = baselines()
    best = min(orders, key=orders.get)
    return {**bits, "ngram_test_bpc": orders, "best_ngram": best, "best_ngram_test_bpc": orders[best]}
