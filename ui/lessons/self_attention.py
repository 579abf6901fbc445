"""Self-attention's lessons: a head picks its keys by q · k alone, and ÷√d_k keeps the softmax from saturating."""

from __future__ import annotations

import math

import numpy as np

from ui import datemodel
from ui.lessons import Guide, Question

EXAMPLE = "24 Nov 2026"  # the page's default text; the guides set it, so their sentences hold whatever was typed
# layer 1: head 2 with the month's letters 'o' (token 5) and 'v' (6), head 4 with the year's '0' (token 9)
QUERY = Guide(
    "query",
    (
        {"text": EXAMPLE, "layer": 1, "head": 2, "token": 5, "scale": True},
        {"token": 6},
        {"head": 4, "token": 9},
    ),
)
# the output is the values' weighted sum: one heavy key (head 4, '0'), then spread weights (head 1, 2026's first '2')
SUM = Guide("sum", ({"text": EXAMPLE, "layer": 1, "head": 4, "token": 9, "scale": True}, {"head": 1, "token": 8}))
SCALING = Question("scaling", ("sharper", "flatter", "same"), "sharper", {"scale": False})


def looks_at(s: str, layer: int, head: int, token: int) -> dict:
    """Where one query (layer, head and token counted from 1, as the page shows them) puts its largest weight,
    and how close the head's output is to that key's value (cosine)."""
    a = datemodel.attention_step(s, layer - 1, head - 1, token - 1, True)
    i = int(np.argmax(a["weights"]))
    out, v = a["out"], a["v"][i]
    return {
        "key": i + 1,
        "char": s[i],
        "share": float(a["weights"][i]),
        "cos": float(out @ v / np.linalg.norm(out) / np.linalg.norm(v)),
    }


def query_facts() -> dict:
    """The numbers the query guide quotes, at the views its steps set."""
    o, v, year = (looks_at(EXAMPLE, 1, h, t) for h, t in ((2, 5), (2, 6), (4, 9)))
    return {"o": o["share"] * 100, "v": v["share"] * 100, "year": year["share"] * 100}


def sum_facts() -> dict:
    """The numbers the sum guide quotes: one heavy key, then spread weights."""
    one, spread = looks_at(EXAMPLE, 1, 4, 9), looks_at(EXAMPLE, 1, 1, 8)
    return {
        "one": one["share"] * 100,
        "cos_one": one["cos"],
        "spread": spread["share"] * 100,
        "cos_spread": spread["cos"],
    }


def scaling_facts(s: str, layer: int, head: int, token: int) -> dict:
    """The same query with and without ÷√d_k: largest weight and entropy of each."""
    on = datemodel.attention_step(s, layer - 1, head - 1, token - 1, True)
    off = datemodel.attention_step(s, layer - 1, head - 1, token - 1, False)
    return {
        "root": math.sqrt(len(on["q"])),
        "peak_on": on["peak"] * 100,
        "peak_off": off["peak"] * 100,
        "bits_on": on["entropy_bits"],
        "bits_off": off["entropy_bits"],
    }
