"""The Markov page's lessons: one character of memory against a hidden state, where each wins and why."""

from __future__ import annotations

import numpy as np

from models import charlm
from ui import seqmodels
from ui.lessons import Guide, Question

DEFAULT = 'The "print()" function writes its arguments to the stream, separated by spaces. For example, print("a", 1) writes "a 1".'

# the networks one after another on the example text: the tallest bar of each
BITS = Guide("bits", ({"text": DEFAULT, "model": "lstm"}, {"model": "gru"}, {"model": "rnn"}))
# after 'The "print', after '…to the str', after '…For example'
TOP = Guide("top", ({"text": DEFAULT, "pos": 10}, {"pos": 54}, {"pos": 91}))
SAMPLE = Guide("sample", ({"temperature": 0.2}, {"temperature": 1.0}, {"temperature": 2.0}))
# answering shows the top predictions after 'print("a', where the closing quote comes next
QUOTE = Question("quote", ("after_open", "closing", "same"), "closing", {"text": DEFAULT, "model": "lstm", "pos": 101})


def bits_saved(kind: str, s: str) -> np.ndarray:
    """log₂ p_model / p_bigram for every character from the second: entry i is character i + 2 (from 1)."""
    return np.log2(seqmodels.analyse(kind, s)["p_next"]) - np.log2(seqmodels.bigram(s)["p_next"])


def quotes(s: str) -> tuple[list[int], list[int]]:
    """Positions (from 0) of the opening and of the closing quote marks of s."""
    inside = charlm.text_features(s)["inside_quotes"].numpy()
    marks = [i for i, c in enumerate(s) if c == '"']
    return [i for i in marks if inside[i]], [i for i in marks if not inside[i]]


def quote_facts(kind: str = "lstm", s: str = DEFAULT) -> dict:
    """Bits saved on the first character inside each quotation and on each closing quote."""
    saved = bits_saved(kind, s)
    opening, closing = quotes(s)
    first_inside = [i + 1 for i in opening if i + 1 < len(s)]
    i = closing[1]  # the closing quote of print("a", …)
    bg, lm = seqmodels.bigram(s)["p_next"][i - 1], seqmodels.analyse(kind, s)["p_next"][i - 1]
    return {
        "open": float(np.mean([saved[j - 1] for j in first_inside])),
        "close": float(np.mean([saved[j - 1] for j in closing])),
        "open_at": ", ".join(str(j + 1) for j in first_inside),
        "close_at": ", ".join(str(j + 1) for j in closing),
        "bg": float(bg) * 100,
        "lm": float(lm) * 100,
        "ratio": float(lm / bg),
    }
