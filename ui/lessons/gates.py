"""The gates page's lessons: the cell state is a memory the gates keep, wipe and rewrite."""

from __future__ import annotations

import numpy as np

from models import charlm
from ui import seqmodels
from ui.lessons import Guide, Question

DEFAULT = 'Call "len(x)" to get its size.\nIf x is [1, (2, 3)], then "len(x)" is 2: the tuple (2, 3) counts once.\n'
QUOTE_UNIT = {"lstm": 0, "gru": 21}  # the cards' inside-quotes units (LSTM cell, GRU hidden state)

# each step names the model too: the LSTM's settings are its section's, which the other model's click hides
HEATMAP = Guide(
    "heatmap",
    (
        {"text": DEFAULT, "model": "lstm", "internal": "f"},
        {"model": "lstm", "internal": "c"},
        {"model": "lstm", "internal": "h"},
    ),
)
UNIT = Guide(
    "unit",
    (
        {"text": DEFAULT, "model": "lstm", "internal": "c", "unit": 0, "feature": "none"},
        {"model": "lstm", "feature": "inside_quotes"},
        {"model": "gru", "gru_internal": "h", "gru_unit": QUOTE_UNIT["gru"], "gru_feature": "inside_quotes"},
    ),
)
FORGET = Question(
    "forget",
    ("keep", "wipe", "half"),
    "wipe",
    {"text": DEFAULT, "model": "lstm", "internal": "f", "unit": 0, "feature": "inside_quotes"},
)


def forget_facts(s: str = DEFAULT, unit: int = QUOTE_UNIT["lstm"]) -> dict:
    """The LSTM quote unit's forget gate on the quote marks and inside the quotations."""
    f = seqmodels.analyse("lstm", s)["internals"]["f"][:, unit]
    marks = np.array([c == '"' for c in s])
    inside = charlm.text_features(s)["inside_quotes"].numpy().astype(bool) & ~marks
    return {"n": int(marks.sum()), "max_q": float(f[marks].max()), "inside": float(f[inside].mean())}
