"""What every binary-pixel model shares: its output contract and the Bernoulli log-likelihood of a pixel."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


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
