"""The ViT's recipe: AdamW with warm-up and cosine decay, label smoothing, random shifts and small rotations."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

from models import data
from models.training import loop
from models.training.card import DIGITS, Trained
from models.vit import Config, build

RECIPE = {
    "optimizer": "AdamW",
    "lr": 2e-3,
    "weight_decay": 0.05,
    "batch_size": 128,
    "epochs": 160,
    "lr_schedule": "linear warm-up over 3 epochs, then cosine to 0",
    "label_smoothing": 0.1,
    "augmentation": "random shift of up to 2 pixels and rotation of up to 10 degrees",
    "data": "all 4,000 training digits; the last epoch is kept (no early stopping on the held-out digits)",
}
WARMUP_EPOCHS = 3


def augment(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Random shifts of up to 2 pixels and rotations of up to 10 degrees."""
    B = len(images)
    angle = (torch.rand(B, generator=generator) * 2 - 1) * math.radians(10)
    shift = (torch.rand(B, 2, generator=generator) * 2 - 1) * (2 / 14)  # 2 pixels in [-1, 1] units
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, (B, 1, data.SIDE, data.SIDE), align_corners=False)
    return F.grid_sample(images[:, None], grid, align_corners=False)[:, 0]


def digits(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    x, y = data.mnist(split)
    return torch.from_numpy(x), torch.from_numpy(y)


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    config = Config()
    model = build(config)
    x, y = digits("train")
    batch, epochs = RECIPE["batch_size"], RECIPE["epochs"]
    steps_per_epoch = -(-len(x) // batch)
    opt = loop.optimizer(model, RECIPE)

    def batches(epoch: int):
        for idx in loop.shuffled(len(x), batch, generator):
            logits = model(augment(x[idx], generator)).logits
            yield F.cross_entropy(logits, y[idx], label_smoothing=RECIPE["label_smoothing"])

    loop.fit(
        model,
        opt,
        batches,
        epochs,
        scheduler=loop.schedule(opt, epochs * steps_per_epoch, warmup=WARMUP_EPOCHS * steps_per_epoch),
        progress=progress,
    )
    return Trained(model, config, DIGITS, RECIPE)


@torch.no_grad()
def evaluate(model, name: str) -> dict:
    metrics = {}
    for split in ("train", "test"):
        x, y = digits(split)
        pred = torch.cat([model(x[i : i + 250]).logits.argmax(-1) for i in range(0, len(x), 250)])
        metrics[f"{split}_accuracy"] = round((pred == y).float().mean().item(), 4)
        if split == "test":
            confusion = np.zeros((10, 10), dtype=int)
            np.add.at(confusion, (y.numpy(), pred.numpy()), 1)
            metrics["test_confusion"] = confusion.tolist()
    return metrics
