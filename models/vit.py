"""A small Vision Transformer for 28 × 28 digits, on our own attention code.

Dosovitskiy et al. (2021), "An Image Is Worth 16x16 Words", ICLR. The image is cut into
4 × 4 patches (a 7 × 7 grid: 49 tokens), each patch is projected linearly, a class token
is put in front, learned position embeddings are added, and a Transformer encoder reads
the sequence; the class token's final state is classified.

Simplified from the paper: a few pre-norm layers, no pre-training; trained on our 4,000
digits with random shifts and small rotations, label smoothing and AdamW
(`models/training/vit.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from models.attention import MultiHeadAttention
from models.data import SIDE


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
        # x = x + MHA(LN(x))
        x = x + self.drop(a)
        # x = x + MLP(LN(x))
        x = x + self.drop(self.mlp(self.ln2(x)))
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
