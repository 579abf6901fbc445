"""The bigram's table from counts of the training text, and the held-out bits per character of every n-gram order."""

from __future__ import annotations

from functools import lru_cache

import torch

from models import data
from models.data import text
from models.ngram import DISCOUNT, Config, NGramCounts, build
from models.training.card import DOCUMENTATION, Trained

ORDERS = (1, 2, 3, 4, 5, 6)


def table(counts: NGramCounts, chars: str) -> torch.Tensor:
    """The bigram's log-probabilities for every pair of vocabulary characters (the unknown one included)."""
    V = len(chars)
    log_p = torch.empty(V, V, dtype=torch.float64)
    for a, prev in enumerate(chars):
        row = torch.tensor([counts.prob(prev, c) for c in chars], dtype=torch.float64)
        log_p[a] = (row / row.sum()).log()  # renormalise over the vocabulary the app uses
    return log_p.float()


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    chars = text.training_chars()
    config = Config(chars=chars, order=2)
    model = build(config)
    model.log_p.copy_(table(NGramCounts(data.corpus("train"), 2), chars))
    recipe = {"smoothing": f"interpolated absolute discounting, D = {DISCOUNT}; add-one unigram"}
    return Trained(model, config, DOCUMENTATION, recipe)


@lru_cache(maxsize=1)
def baselines() -> dict[str, float]:
    """Held-out bits per character of every n-gram order."""
    train_text, test_text = data.corpus("train"), data.corpus("test")
    counts = NGramCounts(train_text, max(ORDERS))
    result = {}
    for order in ORDERS:
        counts.order = order
        result[f"order_{order}"] = round(counts.bits_per_char(test_text), 4)
    return result


@torch.no_grad()
def evaluate(model, name: str) -> dict:
    bits = {}
    for split in ("train", "test"):
        ids = text.encode(data.corpus(split), model.config.chars)
        bits[f"{split}_bpc"] = round(text.bits_per_char(-model(ids).mean().item()), 4)
    orders = baselines()
    best = min(orders, key=orders.get)
    return {**bits, "ngram_test_bpc": orders, "best_ngram": best, "best_ngram_test_bpc": orders[best]}
