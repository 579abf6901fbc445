"""Multi-head attention's lessons: each head of a layer learns its own way of looking; W_O mixes them all."""

from __future__ import annotations

import math

import numpy as np

from ui import datemodel, shell
from ui.lessons import Guide, Question

EXAMPLE = "2026년 11월 24일 화요일"  # the page's default text
ENGLISH = "Tuesday, November 24, 2026"
# encoder layer 1: head 3 looks at the 0 of 2026, head 1 at the three characters before; layer 2: head 3 at the next
ROLES = Guide("roles", ({"text": EXAMPLE, "block": "encoder", "layer": 1}, {"layer": 2}))
MIX = Guide("mix", ({"block": "encoder", "layer": 1}, {"block": "cross", "layer": 2}))
SAME_HEAD = Question("same_head", ("same", "other", "none"), "same", {"text": ENGLISH, "block": "encoder", "layer": 1})


def zero(s: str) -> int:
    """Where the 0 of 2026 is in a text."""
    return s.index("2026") + 1


def weights(s: str, layer: int, head: int) -> np.ndarray:
    """Encoder self-attention weights (layer and head from 1): (T, T), queries down, keys across."""
    return datemodel.run(s)["encoder"][layer - 1]["weights"][head - 1]


def share_at(s: str, layer: int, head: int, key: int) -> float:
    """The share of the weight, averaged over the queries, on one key (a character's index)."""
    return float(weights(s, layer, head)[:, key].mean())


def brightest(s: str, layer: int, head: int) -> int:
    """The key that gets the most weight, averaged over the queries: the head's brightest column."""
    return int(weights(s, layer, head).mean(0).argmax())


def before_share(s: str, layer: int, head: int, n: int = 3) -> float:
    """The weight each query puts on the n characters right before it, averaged over the queries that have n."""
    w = weights(s, layer, head)
    return float(np.mean([w[t, t - n : t].sum() for t in range(n, len(s))]))


def next_share(s: str, layer: int, head: int) -> float:
    """The weight each query puts on the character right after it, averaged."""
    w = weights(s, layer, head)
    return float(np.mean([w[t, t + 1] for t in range(len(s) - 1)]))


def roles_facts() -> dict:
    return {
        "zero": share_at(EXAMPLE, 1, 3, zero(EXAMPLE)) * 100,
        "before": before_share(EXAMPLE, 1, 1) * 100,
        "next": next_share(EXAMPLE, 2, 3) * 100,
        "even": 100 / len(EXAMPLE),
        "three": 300 / len(EXAMPLE),
    }


def same_head_facts() -> dict:
    return {
        "en": share_at(ENGLISH, 1, 3, zero(ENGLISH)) * 100,
        "frac": 100 / len(ENGLISH),
        "ko": share_at(EXAMPLE, 1, 3, zero(EXAMPLE)) * 100,
    }


def head_shares(block: str, layer: int) -> np.ndarray:
    """For each output of W_O (layer from 1), the share of its squared weights that each head's columns hold."""
    model, _ = shell.load(datemodel.NAME)
    layers, name = {
        "encoder": (model.encoder, "attn"),
        "decoder": (model.decoder, "self_attn"),
        "cross": (model.decoder, "cross_attn"),
    }[block]
    W = getattr(layers[layer - 1], name).W_o.weight.detach().numpy()  # (out, in): input columns head by head
    heads = getattr(layers[layer - 1], name).n_heads
    e = (W**2).reshape(W.shape[0], heads, -1).sum(2)
    return e / e.sum(1, keepdims=True)


def mix_facts(block: str, layer: int) -> dict:
    """In every output column, the share that the third largest head holds (so at least three heads hold that
    much), rounded down; and the largest share any head holds of a column, rounded up."""
    shares = np.sort(head_shares(block, layer), 1)  # each column's heads, smallest share first
    return {
        "third": math.floor(shares[:, -3].min() * 100),
        "most": math.ceil(shares.max() * 100),
        "even": 100 / shares.shape[1],
    }
