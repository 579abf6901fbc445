"""Pieces every binary-pixel model shares: its output contract and its evaluation."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from models import data


@dataclass(frozen=True)
class PixelOutput:
    """What a binary-pixel model says about a batch of images x of shape (B, D)."""

    logits: torch.Tensor  # (B, D): logit of p(x_i = 1 | x_<i)
    log_prob: torch.Tensor  # (B,): log p(x) in nats

    @property
    def p(self) -> torch.Tensor:
        return torch.sigmoid(self.logits)


def bernoulli_log_prob(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Per-pixel log p(x_i | ...) for binary x, from logits: shape of x."""
    # log p = x log σ(l) + (1 - x) log(1 - σ(l)), written stably
    return -F.binary_cross_entropy_with_logits(logits, x, reduction="none")


@torch.no_grad()
def per_pixel_log_prob(model: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """log p(x_i | x_<i) for every pixel of a batch of binary images: (B, D)."""
    return bernoulli_log_prob(model(x).logits, x)


def seed_everything(seed: int) -> torch.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def binarised_digits(split: str) -> torch.Tensor:
    """Binarised MNIST as a (N, 784) float tensor of zeros and ones."""
    x, _ = data.mnist(split, binarised=True)
    return torch.from_numpy(x.reshape(len(x), -1))


@torch.no_grad()
def nll_per_image(model: torch.nn.Module, x: torch.Tensor, batch: int = 100) -> torch.Tensor:
    """Negative log-likelihood in nats of each image, in batches small enough for a small server."""
    return torch.cat([-model(x[i : i + batch]).log_prob for i in range(0, len(x), batch)])


def mean_nll(model: torch.nn.Module, x: torch.Tensor) -> float:
    """Average negative log-likelihood in nats per image."""
    return nll_per_image(model, x).mean().item()


def pixel_metrics(model: torch.nn.Module) -> dict:
    """Train and held-out NLL (nats per image) on binarised MNIST, and each held-out digit's NLL.

    The per-digit values go on the card so that the app can place a digit among the held-out
    ones without a 3-second pass over all 1,000 of them.
    """
    test = nll_per_image(model, binarised_digits("test"))
    return {
        "train_nll_nats": round(mean_nll(model, binarised_digits("train")), 3),
        "test_nll_nats": round(test.mean().item(), 3),
        "test_nll_per_digit": [round(v, 2) for v in test.tolist()],
    }
