"""NADE's recipe: Adam on the exact negative log-likelihood, the output biases started at each pixel's mean."""

from __future__ import annotations

import torch

from models.nade import Config, build
from models.training import mnist
from models.training.card import BINARISED_DIGITS, Trained

RECIPE = {
    "optimizer": "Adam",
    "lr": 1e-2,
    "batch_size": 100,
    "epochs": 40,
    "init": "W, V ~ N(0, 0.05²); b = logit of each pixel's training mean",
    "lr_decay": "cosine to 0",
    "augmentation": "random shift of up to 1 pixel",
    "validation": "last 400 of the 4,000 training digits; the best epoch by validation NLL is kept",
}


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    config = Config()
    model = build(config)
    with torch.no_grad():
        mean = mnist.binarised_digits("train")[: mnist.N_FIT].mean(0).clamp(1e-3, 1 - 1e-3)
        model.b.copy_(torch.log(mean) - torch.log1p(-mean))
    history = mnist.fit(
        model,
        loss_fn=lambda m, xb, g: -m(xb).log_prob.mean(),
        val_fn=mnist.mean_nll,
        recipe=RECIPE,
        generator=generator,
        progress=progress,
        label="val NLL",
    )
    return Trained(model, config, BINARISED_DIGITS, RECIPE, {"validation_nll_by_epoch": [round(v, 3) for v in history]})


def evaluate(model, name: str) -> dict:
    return mnist.pixel_metrics(model)
