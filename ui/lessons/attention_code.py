"""Attention from scratch: our code gives PyTorch's numbers, to within rounding, with every mask and size."""

from __future__ import annotations

import streamlit as st

from models import checks
from ui.checkview import TOLERANCE
from ui.lessons import Guide, Question

MASKS = Guide("masks", ({"mask": "none"}, {"mask": "padding"}, {"length": 64}))
PRECISION = Question("precision", ("shrink", "same", "grow"), "shrink", {"dtype": "float64"})


@st.cache_data(max_entries=32, show_spinner=False)
def compare(d_model: int, heads: int, length: int, batch: int, mask: str, seed: int, dtype: str) -> dict[str, float]:
    """Largest differences between our attention and PyTorch's at these settings."""
    return checks.attention(d_model, heads, length, batch, mask, seed, dtype)


def masks_facts() -> dict:
    return {"tolerance": TOLERANCE["float32"]}


def precision_facts(heads: int, d_k: int, length: int, batch: int, mask: str, seed: int) -> dict:
    """The worst difference at these settings in single and in double precision."""
    single = max(compare(heads * d_k, heads, length, batch, mask, seed, "float32").values())
    double = max(compare(heads * d_k, heads, length, batch, mask, seed, "float64").values())
    return {"single": single, "double": double, "ratio": single / max(double, 1e-300)}
