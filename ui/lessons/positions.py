"""Positional encoding's lessons: few clocks make far positions look alike; without positions, order is lost."""

from __future__ import annotations

import re

import numpy as np

from ui import datemodel
from ui.lessons import Guide, Question

FAR = 50  # "far apart": positions at least this many places apart
WIDE, NARROW, LONG = 64, 8, 200
CLOCKS = Guide("clocks", ({"width": WIDE, "length": LONG}, {"width": NARROW}))
EXAMPLE = "24.11.2026"  # the page's default text
REORDERED = "2026.11.24"  # the same characters in another order
BAG = Guide("bag", ({"text": EXAMPLE, "without": True}, {"text": REORDERED}))
ACCURACY = Question("accuracy", ("same", "half", "zero"), "zero", {"without": True})
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def similarity_facts(width: int, length: int = LONG) -> dict:
    """Cosine similarity of neighbouring positions, and the largest between positions FAR or more apart."""
    _, sim = datemodel.encoding(length, width)
    apart = np.abs(np.subtract.outer(np.arange(length), np.arange(length))) >= FAR
    return {"near": float(sim[0, 1]), "far": float(sim[apart].max())}


def clocks_facts() -> dict:
    wide, narrow = similarity_facts(WIDE), similarity_facts(NARROW)
    return {
        "wide": WIDE,
        "length": LONG,
        "narrow": NARROW,
        "far": FAR,
        "near_wide": wide["near"],
        "far_wide": wide["far"],
        "near_narrow": narrow["near"],
        "far_narrow": narrow["far"],
        "clocks": NARROW // 2,
    }


def bag_facts() -> dict:
    a, b = datemodel.answers((EXAMPLE, REORDERED), position=False)
    return {"a": a, "b": b, "example": EXAMPLE, "reordered": REORDERED}


def accuracy_facts() -> dict:
    on, off = datemodel.heldout_accuracy(True), datemodel.heldout_accuracy(False)
    return {"on": on["accuracy"] * 100, "off": off["accuracy"] * 100, "n": on["n"]}
