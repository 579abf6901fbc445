"""The translator's lessons: attention lines the answer up with the input, in whatever order it was typed."""

from __future__ import annotations

import numpy as np

from ui import datemodel
from ui.lessons import Guide, Question

# steps 1, 6 and 9 write the year's first digit, the month's first digit and the day's first digit
DECODE = Guide("decode", ({"step": 1}, {"step": 6}, {"step": 9}))
EXAMPLE = "Tuesday, November 24, 2026"  # the question is asked about this input (answering shows it)
FIRST_LOOK = Question("first_look", ("start", "year", "month"), "year", {"step": 1, "text": EXAMPLE})


def looks_at(s: str, step: int) -> tuple[int, str, float]:
    """Where the decoder's last layer (heads averaged, as the page's bars show) looks hardest at a step:
    the input position (from 1), its character and the share of attention there."""
    res = datemodel.run(s)
    w = res["cross"][-1]["weights"].mean(0)[step - 1][: len(res["input"])]
    i = int(np.argmax(w))
    return i + 1, res["input"][i], float(w[i])


def first_look_facts() -> dict:
    pos, char, share = looks_at(EXAMPLE, 1)
    return {"pos": pos, "char": char, "share": share * 100, "first": datemodel.run(EXAMPLE)["answer"][0]}


# the maps section: which head of which layer reads the month name while the month's digits are written
MONTH = "November"  # in EXAMPLE
MONTH_ROWS = (6, 7)  # output characters 6 and 7 are the month's digits ('11')
HEADS = Guide("heads", ({"text": EXAMPLE, "layer": 1, "head": "mean"}, {"layer": 2, "head": "3"}))


def month_share(s: str, layer: int, head: str) -> float:
    """Share of the cross-attention of the month's digit rows on the month name (layer from 1, head '1'… or 'mean')."""
    w = datemodel.run(s)["cross"][layer - 1]["weights"]  # (heads, T_q, T_k)
    w = w.mean(0) if head == "mean" else w[int(head) - 1]
    start = s.index(MONTH)
    rows = [r - 1 for r in MONTH_ROWS]
    return float(w[rows, start : start + len(MONTH)].sum(1).mean())


def heads_facts() -> dict:
    return {"first": month_share(EXAMPLE, 1, "mean") * 100, "best": month_share(EXAMPLE, 2, "3") * 100}
