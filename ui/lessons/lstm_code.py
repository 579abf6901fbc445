"""The LSTM-from-scratch page's lessons: where the gates are in the code, and what 'the same numbers' means."""

from __future__ import annotations

from models import checks
from ui.lessons import Guide, Question

CODE = Guide("code", ({"kind": "lstm"}, {"kind": "gru"}, {"kind": "rnn"}))
CHECK = Guide("check", ({"kind": "lstm", "length": 200}, {"kind": "gru"}, {"kind": "rnn"}))
PRECISION = Question("precision", ("same", "smaller", "zero"), "smaller", {"kind": "lstm", "dtype": "float64"})


def precision_facts(input_size: int = 8, hidden: int = 16, length: int = 20, batch: int = 3, seed: int = 0) -> dict:
    """The largest difference from torch.nn.LSTM in float32 and in float64, for the sizes on screen."""
    worst = {
        d: max(checks.recurrent("lstm", input_size, hidden, length, batch, seed, d).values()) for d in checks.DTYPES
    }
    return {"worst32": worst["float32"], "worst64": worst["float64"]}
