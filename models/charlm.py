"""Character-level language models: embedding → one recurrent layer (RNN, LSTM or GRU) → next character.

A latent autoregressive model: the hidden state h_t summarises everything read so far,
and p(x_{t+1} | x_≤t) = softmax(W h_t + b). Karpathy (2015), "The Unreasonable
Effectiveness of Recurrent Neural Networks", and Karpathy, Johnson & Fei-Fei (2016),
"Visualizing and Understanding Recurrent Networks", whose readable units the pages look for.

How it is trained and measured: `models/training/charlm.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from models.recurrent import Recurrent, Steps

HIDDEN = {"rnn": 512, "lstm": 256, "gru": 296}  # about the same number of parameters (≈ 360k)


@dataclass(frozen=True)
class Config:
    kind: str = "lstm"
    chars: str = ""
    d_embed: int = 64
    hidden: int = 256
    dropout: float = 0.15


@dataclass(frozen=True)
class CharLMOutput:
    logits: torch.Tensor  # (B, T, V): scores for the character after each one read
    state: object  # the recurrent state after the last character
    steps: Steps  # every gate and state, (B, T, H) each


class CharLM(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        self.embed = nn.Embedding(len(config.chars), config.d_embed)
        self.rnn = Recurrent(config.kind, config.d_embed, config.hidden)
        self.drop = nn.Dropout(config.dropout)
        self.head = nn.Linear(config.hidden, len(config.chars))
        if config.kind == "lstm":
            with torch.no_grad():  # start by remembering: forget-gate bias 1 (Gers et al., 2000)
                self.rnn.bias_hh[config.hidden : 2 * config.hidden].fill_(1.0)

    def forward(self, ids: torch.Tensor, state=None, W_hh: torch.Tensor | None = None) -> CharLMOutput:
        """ids (B, T) -> logits for x_{t+1} after each x_t."""
        h, state, steps = self.rnn(self.drop(self.embed(ids)), state, W_hh)
        return CharLMOutput(self.head(self.drop(h)), state, steps)


def build(config: Config) -> nn.Module:
    return CharLM(config)


@torch.no_grad()
def sample(model: CharLM, prompt_ids: torch.Tensor, n: int, temperature: float, seed: int) -> list[int]:
    """Continue a prompt by n characters drawn from p(x_{t+1} | x_≤t)^(1/temperature)."""
    gen = torch.Generator().manual_seed(seed)
    out = model(prompt_ids[None])
    logits, state, drawn = out.logits[0, -1], out.state, []
    for _ in range(n):
        probs = torch.softmax(logits / temperature, dim=-1)
        probs[0] = 0  # never write the unknown character
        nxt = torch.multinomial(probs, 1, generator=gen)
        drawn.append(int(nxt))
        out = model(nxt[None], state)
        logits, state = out.logits[0, -1], out.state
    return drawn


FEATURES = ("inside_quotes", "bracket_depth", "position_in_line", "inside_word")


def text_features(s: str) -> dict[str, torch.Tensor]:
    """Readable facts about each character of s, known once it has been read."""
    quotes, depth, column = [], [], []
    q = d = c = 0
    for ch in s:
        q = 0 if ch == "\n" and c == 0 else q ^ (ch == '"')  # a blank line closes any open quote
        d = max(0, d + (ch in "([{") - (ch in ")]}"))
        c = 0 if ch == "\n" else c + 1
        quotes.append(q)
        depth.append(d)
        column.append(c)
    as_float = lambda v: torch.tensor(v, dtype=torch.float32)
    word = [ch.isalnum() or ch == "_" for ch in s]
    return {
        "inside_quotes": as_float(quotes),
        "bracket_depth": as_float(depth),
        "position_in_line": as_float(column),
        "inside_word": as_float(word),
    }


def readable_state(model: CharLM) -> str:
    """The internal whose units are searched for readable ones: the cell for the LSTM, h otherwise."""
    return "c" if model.config.kind == "lstm" else "h"
