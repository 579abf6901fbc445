"""Characters as numbers: the vocabulary every character model shares, and what it cannot read."""

from __future__ import annotations

import math
from functools import lru_cache

import torch

from models import data

UNKNOWN = "\x00"  # index 0: any character the training text never had
MAX_CHARS = 500  # the longest text the pages read at once


@lru_cache(maxsize=1)
def training_chars() -> str:
    """Index 0 is the unknown character; then every character of the training text, sorted."""
    return UNKNOWN + "".join(sorted(set(data.corpus("train")) - {UNKNOWN}))


def encode(text: str, chars: str) -> torch.Tensor:
    """Character indices of text (1-D long tensor); characters outside `chars` become 0."""
    index = {c: i for i, c in enumerate(chars)}
    return torch.tensor([index.get(c, 0) for c in text], dtype=torch.long)


def unknown(text: str, chars: str) -> list[str]:
    """The distinct characters of text the vocabulary lacks, in order of first appearance."""
    known = set(chars[1:])
    return list(dict.fromkeys(c for c in text if c not in known))


def bits_per_char(nats: float) -> float:
    """Nats per character as bits per character."""
    return nats / math.log(2)
