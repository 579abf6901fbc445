"""Multi-head attention's lessons: each head of a layer learns its own way of looking; W_O mixes them all."""

from __future__ import annotations

import numpy as np

from ui import datemodel, shell
from ui.lessons import Guide, Question

EXAMPLE = "2026년 11월 24일 화요일"  # the page's default text
ENGLISH = "Tuesday, November 24, 2026"
# encoder layer 1: head 4 looks at the spaces, head 1 at the Korean words; layer 2: head 2 at the next character
ROLES = Guide("roles", ({"text": EXAMPLE, "block": "encoder", "layer": 1}, {"layer": 2}))
MIX = Guide("mix", ({"block": "encoder", "layer": 1}, {"block": "cross", "layer": 2}))
SAME_HEAD = Question("same_head", ("same", "other", "none"), "same", {"text": ENGLISH, "block": "encoder", "layer": 1})


def kind(c: str) -> str:
    if c.isdigit():
        return "digit"
    if c == " ":
        return "space"
    return "korean" if "\uac00" <= c <= "\ud7a3" else "other"


def share_on(s: str, layer: int, head: int, what: str) -> tuple[float, float]:
    """Encoder self-attention (layer and head from 1): the share of the weight, averaged over the queries, on
    the keys of one kind ('space', 'digit', 'korean'), and the share of the characters that are of that kind."""
    w = datemodel.run(s)["encoder"][layer - 1]["weights"][head - 1]  # (T, T)
    on = np.array([kind(c) == what for c in s])
    return float(w[:, on].sum(1).mean()), float(on.mean())


def next_share(s: str, layer: int, head: int) -> float:
    """Encoder self-attention: the weight each query puts on the character right after it, averaged."""
    w = datemodel.run(s)["encoder"][layer - 1]["weights"][head - 1]
    return float(np.mean([w[t, t + 1] for t in range(len(s) - 1)]))


def roles_facts() -> dict:
    spaces, few = share_on(EXAMPLE, 1, 4, "space")
    words, some = share_on(EXAMPLE, 1, 1, "korean")
    return {
        "spaces": spaces * 100,
        "few": few * 100,
        "words": words * 100,
        "some": some * 100,
        "next": next_share(EXAMPLE, 2, 2) * 100,
        "even": 100 / len(EXAMPLE),
    }


def same_head_facts() -> dict:
    en, frac = share_on(ENGLISH, 1, 4, "space")
    return {"en": en * 100, "frac": frac * 100, "ko": share_on(EXAMPLE, 1, 4, "space")[0] * 100}


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
    shares = head_shares(block, layer)
    return {"least": shares.min() * 100, "even": 100 / shares.shape[1]}
