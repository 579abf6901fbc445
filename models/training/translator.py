"""The date translator's recipe: AdamW with warm-up and cosine decay on fresh generated dates every step."""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F

from models.data import datereader, dates
from models.training import loop
from models.training.card import Trained
from models.translator import Config, answers, build, encode_input, encode_output, heldout, heldout_varied

RECIPE = {
    "optimizer": "AdamW",
    "lr": 1e-3,
    "weight_decay": 0.01,
    "batch_size": 128,
    "steps": 8000,
    "lr_schedule": "linear warm-up over 300 steps, then cosine to 0",
    "data": "fresh examples every step from the training days: half in the 23 formats (uniform), half "
    "variations (dates.varied); held-out days never seen, the hand-written list never read",
}
WARMUP = 300
GRAD_CLIP = 1.0


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    r = random.Random(seed)
    config = Config()
    model = build(config)
    steps = RECIPE["steps"]
    opt = loop.optimizer(model, RECIPE)

    def loss(step: int) -> torch.Tensor:
        half = RECIPE["batch_size"] // 2
        batch = dates.sample("train", half, r) + dates.sample_varied("train", half, r)
        src, tgt = encode_input([b[0] for b in batch]), encode_output([b[1] for b in batch])
        logits = model(src, tgt[:, :-1]).logits
        # teacher forcing: after each true output character, the next one
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1))

    loop.fit(
        model,
        opt,
        *loop.in_rounds(loss, steps),
        scheduler=loop.schedule(opt, steps, warmup=WARMUP),
        grad_clip=GRAD_CLIP,
        progress=progress,
    )
    data = f"generated dates, {len(dates.FORMATS)} formats and their variations; days 1900–2099 split 90/10 by a seeded shuffle (seed {dates.SPLIT_SEED})"
    formats = {f: dates.example(f, dates.EXAMPLE, random.Random(0), noise=False) for f in dates.FORMATS}
    return Trained(model, config, data, RECIPE, {"formats": formats})


EVAL_BATCH = 500  # texts decoded at once when the card is measured (the server decodes translator.BATCH)


def _exact(model, batch: list[tuple[str, str, str]]) -> float:
    """Share of (text, ISO, kind) examples the model rewrites exactly right, to 4 places."""
    got = answers(model, [b[0] for b in batch], batch=EVAL_BATCH)
    return round(sum(a == b[1] for a, b in zip(got, batch, strict=True)) / len(batch), 4)


def evaluate(model, name: str) -> dict:
    per_format = {fmt: _exact(model, heldout(fmt)) for fmt in dates.FORMATS}
    per_kind = {kind: _exact(model, heldout_varied(kind)) for kind in dates.VARIATIONS}
    written = datereader.score(model)
    return {
        "test_exact_match_by_format": per_format,
        "test_exact_match_worst": min(per_format.values()),
        "test_exact_match_by_variation": per_kind,
        "test_as_written_by_kind": {k: [right, n] for k, (right, n) in sorted(written["by_kind"].items())},
        "test_as_written_exact_match": round(written["overall"], 4),
    }
