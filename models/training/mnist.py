"""Binarised digits for the pixel models: the fit / validation split, random shifts, the epoch loop and the NLL metrics."""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn as nn
import torch.nn.functional as F

from models import data
from models.training import loop

N_FIT = 3600  # the first 3,600 training digits are fitted, the last 400 choose the epoch


def binarised_digits(split: str) -> torch.Tensor:
    """Binarised MNIST as a (N, 784) float tensor of zeros and ones."""
    x, _ = data.mnist(split, binarised=True)
    return torch.from_numpy(x.reshape(len(x), -1))


def shift(x: torch.Tensor, generator: torch.Generator, max_shift: int = 1) -> torch.Tensor:
    """Move each 28 × 28 image by up to max_shift pixels in each direction (zero fill)."""
    imgs = x.view(-1, data.SIDE, data.SIDE)
    pad = F.pad(imgs, (max_shift,) * 4)
    dy, dx = torch.randint(0, 2 * max_shift + 1, (2, len(x)), generator=generator)
    rows = (torch.arange(data.SIDE) + dy[:, None])[:, :, None]
    cols = (torch.arange(data.SIDE) + dx[:, None])[:, None, :]
    return pad[torch.arange(len(x))[:, None, None], rows, cols].reshape(len(x), -1)


def fit(
    model: nn.Module,
    loss_fn: Callable[[nn.Module, torch.Tensor, torch.Generator], torch.Tensor],
    val_fn: Callable[[nn.Module, torch.Tensor], float],
    recipe: dict,
    generator: torch.Generator,
    progress=None,
    label: str = "val",
) -> list[float]:
    """The recipe's optimiser with cosine decay over randomly shifted batches of the first 3,600 training digits.

    After each epoch val_fn (lower is better) on the last 400; the best epoch's weights are
    kept. Returns the validation value of every epoch.
    """
    x_all = binarised_digits("train")
    x_fit, x_val = x_all[:N_FIT], x_all[N_FIT:]
    batch, epochs = recipe["batch_size"], recipe["epochs"]
    opt = loop.optimizer(model, recipe)

    def batches(epoch: int):
        for idx in loop.shuffled(len(x_fit), batch, generator):
            yield loss_fn(model, shift(x_fit[idx], generator), generator)

    return loop.fit(
        model,
        opt,
        batches,
        epochs,
        scheduler=loop.schedule(opt, epochs * -(-len(x_fit) // batch)),
        validate=lambda m: val_fn(m, x_val),
        progress=progress,
        label=label,
    )


@torch.no_grad()
def nll_per_image(model: nn.Module, x: torch.Tensor, batch: int = 100) -> torch.Tensor:
    """Negative log-likelihood in nats of each image, in batches small enough for a small server."""
    return torch.cat([-model(x[i : i + batch]).log_prob for i in range(0, len(x), batch)])


def mean_nll(model: nn.Module, x: torch.Tensor) -> float:
    """Average negative log-likelihood in nats per image."""
    return nll_per_image(model, x).mean().item()


def pixel_metrics(model: nn.Module) -> dict:
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
