"""Exercises: scaled dot-product attention, then multi-head attention ("SDPA와 MHA 구현").

Vaswani et al. (2017), section 3.2. Scaled dot-product attention, one step per line:

    scores = q kᵀ,  scaled = scores / √d_k,  weights = softmax(scaled) over the keys,  out = weights v

with T_q ≠ T_k and d_k ≠ d_v, so that a transposed or swapped operand fails on its shape.
Multi-head attention on x (T, d_model), no bias, weights laid out as `torch.nn.MultiheadAttention`
keeps them (W_q, W_k, W_v, W_o each (d_model, d_model), applied as x W_qᵀ):

    q = split(x W_qᵀ) (and k, v)    split: (T, d_model) -> (n_heads, T, d_k)
    weights = softmax(q kᵀ / √d_k),  heads = weights v,  concat: (n_heads, T, d_k) -> (T, d_model),  out = concat W_oᵀ
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from exercises import core
from exercises.core import Blank, Exercise, Mistake
from exercises.safe import INT, TENSOR

T_Q, T_K, D_K, D_V = 3, 5, 4, 6
T, N_HEADS, D_HEAD = 5, 2, 3  # multi-head: d_model = N_HEADS * D_HEAD = 6


def _randn(gen: torch.Generator, *shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=gen, dtype=torch.float64)


# --- scaled dot-product attention --------------------------------------------------------------


def make_sdpa_inputs(seed: int = 0) -> dict:
    gen = torch.Generator().manual_seed(seed)
    return {"q": _randn(gen, T_Q, D_K), "k": _randn(gen, T_K, D_K), "v": _randn(gen, T_K, D_V), "d_k": D_K}


def sdpa_torch_outputs(inputs: dict) -> dict:
    """out from `torch.nn.functional.scaled_dot_product_attention`."""
    return {"out": F.scaled_dot_product_attention(inputs["q"], inputs["k"], inputs["v"])}


SDPA = Exercise(
    id="attention",
    kinds={"q": TENSOR, "k": TENSOR, "v": TENSOR, "d_k": INT},  # q (T_q, d_k), k (T_k, d_k), v (T_k, d_v)
    blanks=(
        Blank("scores", "scores = q kᵀ"),
        Blank("scaled", "scaled = scores / √d_k"),
        Blank("weights", "weights = softmax(scaled) over the keys"),
        Blank("out", "out = weights v"),
    ),
    solution={
        "scores": "q @ k.T",
        "scaled": "scores / d_k ** 0.5",
        "weights": "torch.softmax(scaled, dim=-1)",
        "out": "weights @ v",
    },
    mistakes={
        "scores": (Mistake("scaled_too_early", "q @ k.T / d_k ** 0.5"),),
        "scaled": (
            Mistake("not_scaled", "scores"),
            Mistake("scaled_by_d_k", "scores / d_k"),
            Mistake("scaled_wrong_way", "scores * d_k ** 0.5"),
            Mistake("scaled_by_length", "scores / k.shape[0] ** 0.5"),
            Mistake("softmax_too_early", "torch.softmax(scores / d_k ** 0.5, dim=-1)"),
        ),
        "weights": (
            Mistake("softmax_dim", "torch.softmax(scaled, dim=0)"),
            Mistake("softmax_of_scores", "torch.softmax(scores, dim=-1)"),
            Mistake("not_normalised", "torch.exp(scaled)"),
            Mistake("sigmoid", "torch.sigmoid(scaled)"),
        ),
        "out": (
            Mistake("out_before_softmax", "scaled @ v"),
            Mistake("out_of_scores", "scores @ v"),
        ),
    },
    make_inputs=make_sdpa_inputs,
    torch_outputs=sdpa_torch_outputs,
    torch_name="torch.nn.functional.scaled_dot_product_attention",
)


# --- multi-head attention ----------------------------------------------------------------------


def make_mha_inputs(seed: int = 0) -> dict:
    gen = torch.Generator().manual_seed(seed)
    d_model = N_HEADS * D_HEAD
    weights = {name: _randn(gen, d_model, d_model) / d_model**0.5 for name in ("W_q", "W_k", "W_v", "W_o")}
    return {"x": _randn(gen, T, d_model), **weights, "T": T, "n_heads": N_HEADS, "d_k": D_HEAD}


def mha_torch_outputs(inputs: dict) -> dict:
    """out and every head's weights from `torch.nn.MultiheadAttention` (no bias) with the same weights."""
    d_model = N_HEADS * D_HEAD
    mha = torch.nn.MultiheadAttention(d_model, N_HEADS, bias=False, dtype=torch.float64)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([inputs["W_q"], inputs["W_k"], inputs["W_v"]]))
        mha.out_proj.weight.copy_(inputs["W_o"])
        x = inputs["x"]
        out, weights = mha(x, x, x, need_weights=True, average_attn_weights=False)
    return {"weights": weights, "out": out}


def _split(W: str) -> str:
    return f"(x @ {W}.T).view(T, n_heads, d_k).transpose(0, 1)"


def _split_mistakes(W: str) -> tuple[Mistake, ...]:
    others = [w for w in ("W_q", "W_k", "W_v") if w != W]
    return (
        Mistake("split_without_transpose", f"(x @ {W}.T).view(n_heads, T, d_k)"),
        Mistake("weight_not_transposed", f"(x @ {W}).view(T, n_heads, d_k).transpose(0, 1)", {"weight": W}),
        *(Mistake("wrong_projection", _split(other), {"used": other, "weight": W}) for other in others),
    )


MULTI_HEAD = Exercise(
    id="multi_head",
    kinds={
        "x": TENSOR,  # (T, d_model)
        "W_q": TENSOR,  # (d_model, d_model), each
        "W_k": TENSOR,
        "W_v": TENSOR,
        "W_o": TENSOR,
        "T": INT,
        "n_heads": INT,
        "d_k": INT,  # d_model / n_heads
    },
    blanks=(
        Blank("q", "q = split(x W_Qᵀ): (T, d_model) → (heads, T, d_k)"),
        Blank("k", "k = split(x W_Kᵀ)"),
        Blank("v", "v = split(x W_Vᵀ)"),
        Blank("weights", "weights = softmax(q kᵀ / √d_k) over the keys, every head"),
        Blank("heads", "heads = weights v"),
        Blank("concat", "concat = Concat(head_1, …, head_h): (heads, T, d_k) → (T, d_model)"),
        Blank("out", "out = concat W_Oᵀ"),
    ),
    solution={
        "q": _split("W_q"),
        "k": _split("W_k"),
        "v": _split("W_v"),
        "weights": "torch.softmax(q @ k.transpose(-2, -1) / d_k ** 0.5, dim=-1)",
        "heads": "weights @ v",
        "concat": "heads.transpose(0, 1).reshape(T, n_heads * d_k)",
        "out": "concat @ W_o.T",
    },
    mistakes={
        "q": _split_mistakes("W_q"),
        "k": _split_mistakes("W_k"),
        "v": _split_mistakes("W_v"),
        "weights": (
            Mistake("not_scaled", "torch.softmax(q @ k.transpose(-2, -1), dim=-1)"),
            Mistake("scaled_by_d_model", "torch.softmax(q @ k.transpose(-2, -1) / (n_heads * d_k) ** 0.5, dim=-1)"),
            Mistake("softmax_dim", "torch.softmax(q @ k.transpose(-2, -1) / d_k ** 0.5, dim=-2)"),
        ),
        "heads": (Mistake("heads_weights_transposed", "weights.transpose(-2, -1) @ v"),),
        "concat": (Mistake("concat_without_transpose", "heads.reshape(T, n_heads * d_k)"),),
        "out": (Mistake("weight_not_transposed", "concat @ W_o", {"weight": "W_o"}),),
    },
    make_inputs=make_mha_inputs,
    torch_outputs=mha_torch_outputs,
    torch_name="torch.nn.MultiheadAttention",
)


def check(answer, seed: int = 0) -> core.Result:
    """Judge a student's scaled dot-product attention."""
    return core.check(SDPA, answer, seed)


def check_multi_head(answer, seed: int = 0) -> core.Result:
    """Judge a student's multi-head attention."""
    return core.check(MULTI_HEAD, answer, seed)
