"""NADE: the Neural Autoregressive Density Estimator.

Larochelle & Murray (2011), "The Neural Autoregressive Distribution Estimator",
AISTATS. For binary pixels x_1..x_D in a fixed (raster) order:

    h_i = σ(c + W[:, <i] x_<i)              one hidden layer, weights shared over i
    p(x_i = 1 | x_<i) = σ(b_i + V_i · h_i)
    log p(x) = Σ_i log p(x_i | x_<i)         exact, in one pass

Simplified from the paper: one fixed ordering, Adam instead of SGD, and random
one-pixel shifts of the training digits as augmentation (our 4,000 images are few;
`models/training/nade.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from models.common import PixelOutput, bernoulli_log_prob


@dataclass(frozen=True)
class Config:
    n_pixels: int = 784
    n_hidden: int = 256


class NADE(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        D, H = config.n_pixels, config.n_hidden
        self.W = nn.Parameter(torch.randn(H, D) * 0.05)
        self.c = nn.Parameter(torch.zeros(H))
        self.V = nn.Parameter(torch.randn(D, H) * 0.05)
        self.b = nn.Parameter(torch.zeros(D))

    def forward(self, x: torch.Tensor) -> PixelOutput:
        contrib = x.unsqueeze(-1) * self.W.T  # (B, D, H): W[:, j] x_j
        # a_i = c + Σ_{j<i} W[:, j] x_j, an exclusive running sum over pixels
        a = self.c + torch.cumsum(contrib, dim=1) - contrib
        h = torch.sigmoid(a)  # (B, D, H)
        # logit p(x_i = 1 | x_<i) = b_i + V_i · h_i
        logits = (h * self.V).sum(-1) + self.b
        return PixelOutput(logits, bernoulli_log_prob(logits, x).sum(-1))

    @torch.no_grad()
    def sample(self, n: int, generator: torch.Generator, prefix: torch.Tensor | None = None) -> tuple:
        """Draw n images pixel by pixel; keep the first prefix.shape[1] pixels if given.

        Returns the images (n, D) and p(x_i = 1 | x_<i) at every step (n, D).
        """
        D = self.config.n_pixels
        x = torch.zeros(n, D)
        p = torch.zeros(n, D)
        a = self.c.expand(n, -1).clone()
        kept = 0 if prefix is None else prefix.shape[1]
        if kept:  # the kept pixels are known: their probabilities and the context they make in one pass, as forward
            x[:, :kept] = prefix
            rows = prefix[:1] if bool((prefix == prefix[:1]).all()) else prefix  # completions share one prefix
            contrib = rows.unsqueeze(-1) * self.W.T[:kept]  # (rows, kept, H): W[:, j] x_j
            before = self.c + torch.cumsum(contrib, dim=1) - contrib  # the context of each kept pixel
            p[:, :kept] = torch.sigmoid((torch.sigmoid(before) * self.V[:kept]).sum(-1) + self.b[:kept])
            a = (before[:, -1] + contrib[:, -1]).expand(n, -1).clone()  # the context of the first pixel drawn
        for i in range(kept, D):
            p[:, i] = torch.sigmoid(self.b[i] + torch.sigmoid(a) @ self.V[i])
            x[:, i] = torch.bernoulli(p[:, i], generator=generator)
            a += x[:, i : i + 1] * self.W[:, i]  # add pixel i to the context of pixel i + 1
        return x, p


def build(config: Config) -> nn.Module:
    return NADE(config)
