"""The independent and Markov pixel models are fitted by counting: the closed-form maximum likelihood."""

from __future__ import annotations

import torch

from models.pixel import Config, build
from models.training.card import BINARISED_DIGITS, Trained
from models.training.mnist import binarised_digits, pixel_metrics

KINDS = {"pixel_independent": "independent", "pixel_markov": "markov"}


def _logit(ones: torch.Tensor, total: torch.Tensor, alpha: float) -> torch.Tensor:
    # p = (ones + α) / (total + 2α), add-α smoothing of the counts
    p = (ones + alpha) / (total + 2 * alpha)
    return torch.log(p) - torch.log1p(-p)


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    config = Config(kind=KINDS[name])
    x = binarised_digits("train")
    model = build(config)
    with torch.no_grad():
        if config.kind == "independent":
            model.theta_logit.copy_(_logit(x.sum(0), torch.tensor(float(len(x))), config.alpha))
        else:
            model.first_logit.copy_(_logit(x[:, 0].sum(), torch.tensor(float(len(x))), config.alpha))
            prev, cur = x[:, :-1], x[:, 1:]
            for a in (0, 1):
                given = (prev == a).float()
                model.transition_logit[:, a] = _logit((cur * given).sum(0), given.sum(0), config.alpha)
    return Trained(model, config, BINARISED_DIGITS, f"closed-form maximum likelihood with add-{config.alpha} smoothing")


def evaluate(model, name: str) -> dict:
    return pixel_metrics(model)
