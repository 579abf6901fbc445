"""Character-level language models: embedding → one recurrent layer (RNN, LSTM or GRU) → next character.

A latent autoregressive model: the hidden state h_t summarises everything read so far,
and p(x_{t+1} | x_≤t) = softmax(W h_t + b). Karpathy (2015), "The Unreasonable
Effectiveness of Recurrent Neural Networks", and Karpathy, Johnson & Fei-Fei (2016),
"Visualizing and Understanding Recurrent Networks", whose readable units the pages look for.

Trained on CPython's documentation with truncated back-propagation through time on
random windows, dropout on the layer's input and output, Adam and gradient clipping.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from models import data, ngram, text
from models.common import seed_everything
from models.recurrent import Recurrent, Steps

KIND = {"char_rnn": "rnn", "char_lstm": "lstm", "char_gru": "gru"}
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


RECIPE = {
    "optimizer": "Adam",
    "lr": 3e-3,
    "lr_schedule": "cosine to 0",
    "batch_size": 64,
    "window": 128,
    "epochs": 75,
    "grad_clip": 1.0,
    "dropout": 0.15,
    "data": "random 129-character windows of the first 95% of the training text; the last 5% picks the epoch",
}
VALID_FRACTION = 0.05


@torch.no_grad()
def stream_bpc(model: CharLM, ids: torch.Tensor, streams: int = 16, chunk: int = 512) -> float:
    """Bits per character of a long text cut into `streams` equal parts, each read in order with its state carried."""
    n = (len(ids) - 1) // streams
    x = ids[: streams * n].view(streams, n)  # (streams, n): part s starts at character s·n
    y = ids[1 : streams * n + 1].view(streams, n)
    state, nats = None, 0.0
    for i in range(0, n, chunk):
        out = model(x[:, i : i + chunk], state)
        nats += F.cross_entropy(
            out.logits.reshape(-1, out.logits.shape[-1]), y[:, i : i + chunk].reshape(-1), reduction="sum"
        ).item()
        state = out.state
    return text.bits_per_char(nats / (streams * n))


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    gen = seed_everything(seed)
    kind = KIND[name]
    config = Config(kind=kind, chars=text.training_chars(), hidden=HIDDEN[kind], dropout=RECIPE["dropout"])
    model = build(config)
    train_text = data.text("train")
    cut = int(len(train_text) * (1 - VALID_FRACTION))
    fit, valid = text.encode(train_text[:cut], config.chars), text.encode(train_text[cut:], config.chars)
    W, B, epochs = RECIPE["window"], RECIPE["batch_size"], RECIPE["epochs"]
    steps_per_epoch = len(fit) // (W * B)
    opt = torch.optim.Adam(model.parameters(), lr=RECIPE["lr"])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs * steps_per_epoch)
    best, best_bpc, history, start = None, float("inf"), [], time.perf_counter()
    for epoch in range(epochs):
        model.train()
        for _ in range(steps_per_epoch):
            starts = torch.randint(0, len(fit) - W - 1, (B,), generator=gen)
            window = torch.stack([fit[s : s + W + 1] for s in starts.tolist()])
            logits = model(window[:, :-1]).logits
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), window[:, 1:].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), RECIPE["grad_clip"])
            opt.step()
            sched.step()
        model.eval()
        bpc = stream_bpc(model, valid)
        history.append(round(bpc, 4))
        if bpc < best_bpc:
            best, best_bpc = copy.deepcopy(model.state_dict()), bpc
        if progress:
            progress(epoch + 1, epochs, f"validation bpc {bpc:.3f}")
    model.load_state_dict(best)
    card = {
        "data": "CPython's documentation topics (pydoc_data.topics), first 90% of characters to train, last 10% held out",
        "recipe": RECIPE,
        "seed": seed,
        "n_params": sum(p.numel() for p in model.parameters()),
        "train_seconds": round(time.perf_counter() - start, 1),
        "validation_bpc_per_epoch": history,
    }
    return model, config, card


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


def correlations(values: torch.Tensor, feature: torch.Tensor) -> torch.Tensor:
    """Pearson correlation of every unit (T, H) with one feature (T,)."""
    v = values - values.mean(0)
    f = feature - feature.mean()
    return (v * f[:, None]).sum(0) / (v.norm(dim=0) * f.norm() + 1e-12)


@torch.no_grad()
def readable_units(model: CharLM, s: str) -> dict[str, dict]:
    """For each feature, the unit whose state follows it most closely on s, and their correlation."""
    ids = text.encode(s, model.config.chars)
    out = model(ids[None])
    values = getattr(out.steps, readable_state(model))[0]
    found = {}
    for name, feature in text_features(s).items():
        r = correlations(values, feature)
        unit = int(r.abs().argmax())
        found[name] = {"unit": unit, "r": round(float(r[unit]), 3)}
    return found


READABLE_CHARS = 20_000  # the first characters of the held-out text, searched for readable units


def evaluate(model: nn.Module, name: str) -> dict:
    metrics = {
        f"{split}_bpc": round(stream_bpc(model, text.encode(data.text(split), model.config.chars)), 4)
        for split in ("train", "test")
    }
    orders = ngram.baselines()
    bigram, best = orders["order_2"], min(orders.values())
    readable = readable_units(model, data.text("test")[:READABLE_CHARS])
    return {
        **metrics,
        "readable_units": readable,
        "bigram_test_bpc": bigram,
        "best_ngram_test_bpc": best,
        "ratio_to_bigram": round(metrics["test_bpc"] / bigram, 4),
    }
