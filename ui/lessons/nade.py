"""NADE's lessons: each pixel's probability reads the pixels before it; sampling is sequential, evaluating is not."""

from __future__ import annotations

import numpy as np

from models import data
from ui import pixelmodels
from ui.lessons import Guide, Question

PIXELS = data.SIDE * data.SIDE
GENERATE = Guide("generate", ({"seed": 0, "step": 90}, {"seed": 0, "step": 200}, {"seed": 0, "step": PIXELS}))
COMPLETE = Guide(
    "complete", ({"source": "heldout", "index": 0, "rows": 6}, {"source": "heldout", "index": 0, "rows": 14})
)
EVALUATE = Question("evaluate", ("one", "all", "impossible"), "one", {"timed": True})


def generate_values(seed: int = 0) -> dict:
    """Where the sample's first ink is, and p(x_i = 1 | x_<i) below ink against with no ink above or to the left."""
    x, p = pixelmodels.trajectory(seed)
    first = int(np.argmax(x > 0))
    above = np.r_[np.zeros(data.SIDE), x[: -data.SIDE]]
    left = np.r_[0.0, x[:-1]] * (np.arange(PIXELS) % data.SIDE > 0)  # the pixel to the left, in the same row
    return {
        "first": first + 1,  # pixels are counted from 1 on the page
        "before": float(p[:first].max()),
        "below_ink": float(p[above == 1].mean()),
        "no_ink": float(p[(above == 0) & (left == 0)].mean()),
    }


def evaluate_facts() -> dict:
    return {"n": PIXELS}
