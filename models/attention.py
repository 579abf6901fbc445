"""Scaled dot-product attention and multi-head attention, written from the equations.

Vaswani et al. (2017), "Attention Is All You Need", NeurIPS, section 3.2:

    Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V
    MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W_O,  head_i = Attention(Q W_Qi, K W_Ki, V W_Vi)

Every stage is kept under its own name (scores, scaled, masked, weights) so that a page can
show it; tests check the result against PyTorch's own implementations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass(frozen=True)
class AttentionSteps:
    """Every stage of one attention call; shapes (B, heads, T_q, T_k) unless noted."""

    q: torch.Tensor  # (B, heads, T_q, d_k)
    k: torch.Tensor  # (B, heads, T_k, d_k)
    v: torch.Tensor  # (B, heads, T_k, d_k)
    scores: torch.Tensor  # q · k
    scaled: torch.Tensor  # scores / √d_k (or scores, when scaling is turned off)
    masked: torch.Tensor  # scaled, with −inf where the mask forbids looking
    weights: torch.Tensor  # softmax over the keys
    out: torch.Tensor  # (B, heads, T_q, d_k): weights · v


def scaled_dot_product_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None, scale: bool = True
) -> AttentionSteps:
    """softmax(q kᵀ / √d_k) v over the last two dimensions; mask is True where a query may look."""
    # 2) a score for every query and key: their dot product
    scores = q @ k.transpose(-2, -1)
    # 3) normalise: divide by √d_k, then softmax over the keys
    scaled = scores / math.sqrt(q.shape[-1]) if scale else scores
    masked = scaled if mask is None else scaled.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(masked, dim=-1)
    # 4) the weighted sum of the values
    out = weights @ v
    return AttentionSteps(q, k, v, scores, scaled, masked, weights, out)


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        assert d_model % n_heads == 0, "d_model must split evenly into heads"
        self.n_heads, self.d_k = n_heads, d_model // n_heads
        # 1) a query, a key and a value for every token, for every head at once
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        return x.view(B, T, self.n_heads, self.d_k).transpose(1, 2)  # (B, T, d) -> (B, heads, T, d_k)

    def forward(
        self, x_q: torch.Tensor, x_kv: torch.Tensor, mask: torch.Tensor | None = None, scale: bool = True
    ) -> tuple[torch.Tensor, AttentionSteps]:
        """Attend from x_q (B, T_q, d) to x_kv (B, T_k, d); returns the output and every stage."""
        steps = scaled_dot_product_attention(
            self.split(self.W_q(x_q)), self.split(self.W_k(x_kv)), self.split(self.W_v(x_kv)), mask, scale
        )
        B, _, T_q, _ = steps.out.shape
        concat = steps.out.transpose(1, 2).reshape(B, T_q, -1)  # (B, heads, T_q, d_k) -> (B, T_q, d)
        return self.W_o(concat), steps
