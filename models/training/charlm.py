"""The character models' recipe: truncated back-propagation through time on random windows, Adam, clipping.

Trained on CPython's documentation with dropout on the layer's input and output; the epoch with
the best bits per character on the last 5% of the training text is kept. The card also records
the units whose state follows a readable feature of held-out text (Karpathy, Johnson & Fei-Fei, 2016).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from models import data
from models.charlm import HIDDEN, CharLM, Config, build, readable_state, text_features
from models.data import text
from models.training import loop, ngram
from models.training.card import DOCUMENTATION, Trained

KIND = {"char_rnn": "rnn", "char_lstm": "lstm", "char_gru": "gru"}
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
READABLE_CHARS = 20_000  # the first characters of the held-out text, searched for readable units


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


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    kind = KIND[name]
    config = Config(kind=kind, chars=text.training_chars(), hidden=HIDDEN[kind], dropout=RECIPE["dropout"])
    model = build(config)
    train_text = data.corpus("train")
    cut = int(len(train_text) * (1 - VALID_FRACTION))
    fit, valid = text.encode(train_text[:cut], config.chars), text.encode(train_text[cut:], config.chars)
    W, B, epochs = RECIPE["window"], RECIPE["batch_size"], RECIPE["epochs"]
    steps_per_epoch = len(fit) // (W * B)
    opt = loop.optimizer(model, RECIPE)

    def batches(epoch: int):
        for _ in range(steps_per_epoch):
            starts = torch.randint(0, len(fit) - W - 1, (B,), generator=generator)
            window = torch.stack([fit[s : s + W + 1] for s in starts.tolist()])
            logits = model(window[:, :-1]).logits
            yield F.cross_entropy(logits.reshape(-1, logits.shape[-1]), window[:, 1:].reshape(-1))

    history = loop.fit(
        model,
        opt,
        batches,
        epochs,
        scheduler=loop.schedule(opt, epochs * steps_per_epoch),
        grad_clip=RECIPE["grad_clip"],
        validate=lambda m: stream_bpc(m, valid),
        progress=progress,
        label="validation bpc",
    )
    return Trained(model, config, DOCUMENTATION, RECIPE, {"validation_bpc_per_epoch": [round(v, 4) for v in history]})


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


def evaluate(model, name: str) -> dict:
    metrics = {
        f"{split}_bpc": round(stream_bpc(model, text.encode(data.corpus(split), model.config.chars)), 4)
        for split in ("train", "test")
    }
    orders = ngram.baselines()
    bigram, best = orders["order_2"], min(orders.values())
    readable = readable_units(model, data.corpus("test")[:READABLE_CHARS])
    return {
        **metrics,
        "readable_units": readable,
        "bigram_test_bpc": bigram,
        "best_ngram_test_bpc": best,
        "ratio_to_bigram": round(metrics["test_bpc"] / bigram, 4),
    }
