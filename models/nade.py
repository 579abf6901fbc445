"""NADE: the Neural Autoregressive Density Estimator.

Larochelle & Murray (2011), "The Neural Autoregressive Distribution Estimator",
AISTATS. For binary pixels x_1..x_D in a fixed (raster) order:

    h_i = σ(c + W[:, <i] x_<i)              one hidden layer, weights shared over i
    p(x_i = 1 | x_<i) = σ(b_i + V_i · h_i)
    log p(x) = Σ_i log p(x_i | x_<i)         exact, in one pass

Simplified from the paper: one fixed ordering, Adam instead of SGD, and random
one-pixel shifts of the training digits as augmentation (our 4,000 images are few).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from models.common import (
    DATA,
    N_FIT,
    PixelOutput,
    bernoulli_log_prob,
    binarised_digits,
    mean_nll,
    pixel_metrics,
    seed_everything,
    train_on_digits,
)


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

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

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
        for i in range(D):
            p[:, i] = torch.sigmoid(self.b[i] + torch.sigmoid(a) @ self.V[i])
            x[:, i] = prefix[:, i] if i < kept else torch.bernoulli(p[:, i], generator=generator)
            a += x[:, i : i + 1] * self.W[:, i]  # add pixel i to the context of pixel i + 1
        return x, p


def build(config: Config) -> nn.Module:
    return NADE(config)


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


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    gen = seed_everything(seed)
    config = Config()
    model = build(config)
    with torch.no_grad():
        mean = binarised_digits("train")[:N_FIT].mean(0).clamp(1e-3, 1 - 1e-3)
        model.b.copy_(torch.log(mean) - torch.log1p(-mean))
    history, seconds = train_on_digits(
        model,
        loss_fn=lambda m, xb, g: -m(xb).log_prob.mean(),
        val_fn=mean_nll,
        recipe=RECIPE,
        generator=gen,
        progress=progress,
        label="val NLL",
    )
    card = {
        "data": DATA,
        "recipe": RECIPE,
        "seed": seed,
        "n_params": model.n_params(),
        "validation_nll_by_epoch": [round(v, 3) for v in history],
        "train_seconds": round(seconds, 1),
    }
    return model, config, card


def evaluate(model: nn.Module, name: str) -> dict:
    return pixel_metrics(model)
