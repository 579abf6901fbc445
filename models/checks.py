"""Live checks that our code computes what PyTorch's own implementations compute, for the 'from scratch' pages."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from models.attention import MultiHeadAttention, scaled_dot_product_attention
from models.recurrent import Recurrent

DTYPES = {"float32": torch.float32, "float64": torch.float64}
REFERENCE = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def _max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    """max |a − b|, relative to the size of b's entries when they are larger than 1 (long sequences' gradients are)."""
    a, b = a.detach(), b.detach()
    return float((a - b).abs().max() / max(1.0, float(b.abs().max())))


def recurrent(
    kind: str, input_size: int, hidden: int, length: int, batch: int, seed: int, dtype: str
) -> dict[str, float]:
    """Largest differences between our layer and torch.nn.{RNN,LSTM,GRU} with copied weights."""
    torch.manual_seed(seed)
    ours = Recurrent(kind, input_size, hidden).to(DTYPES[dtype])
    ref = REFERENCE[kind](input_size, hidden, batch_first=True).to(DTYPES[dtype])
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(ref, f"{name}_l0").copy_(getattr(ours, name))
    x = torch.randn(batch, length, input_size, dtype=DTYPES[dtype], requires_grad=True)
    x_ref = x.detach().clone().requires_grad_(True)
    target = torch.randn(batch, length, hidden, dtype=DTYPES[dtype])
    with torch.enable_grad():
        h, _, _ = ours(x)
        h_ref, _ = ref(x_ref)
        (h * target).sum().backward()
        (h_ref * target).sum().backward()
    diffs = {"h": _max_diff(h, h_ref), "grad_x": _max_diff(x.grad, x_ref.grad)}
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        diffs[f"grad_{name}"] = _max_diff(getattr(ours, name).grad, getattr(ref, f"{name}_l0").grad)
    return diffs


def attention(d_model: int, heads: int, length: int, batch: int, mask: str, seed: int, dtype: str) -> dict[str, float]:
    """Largest differences between our attention and PyTorch's (functional and nn.MultiheadAttention)."""
    torch.manual_seed(seed)
    dt = DTYPES[dtype]
    keep = None
    if mask == "causal":
        keep = torch.ones(length, length, dtype=torch.bool).tril()
    elif mask == "padding":
        keep = torch.ones(batch, 1, 1, length, dtype=torch.bool)
        keep[..., length - max(1, length // 3) :] = False
        keep[..., 0] = True  # at least one key to look at
    q, k, v = (torch.randn(batch, heads, length, d_model // heads, dtype=dt) for _ in range(3))
    steps = scaled_dot_product_attention(q, k, v, keep)
    diffs = {"sdpa": _max_diff(steps.out, F.scaled_dot_product_attention(q, k, v, attn_mask=keep))}

    ours = MultiHeadAttention(d_model, heads).to(dt)
    ref = torch.nn.MultiheadAttention(d_model, heads, batch_first=True).to(dt)
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([ours.W_q.weight, ours.W_k.weight, ours.W_v.weight]))
        ref.in_proj_bias.copy_(torch.cat([ours.W_q.bias, ours.W_k.bias, ours.W_v.bias]))
        ref.out_proj.weight.copy_(ours.W_o.weight)
        ref.out_proj.bias.copy_(ours.W_o.bias)
    x = torch.randn(batch, length, d_model, dtype=dt, requires_grad=True)
    x_ref = x.detach().clone().requires_grad_(True)
    # PyTorch's masks say where *not* to look, and its key padding mask is per batch and key
    ref_mask = {}
    if mask == "causal":
        ref_mask = {"attn_mask": ~keep}
    elif mask == "padding":
        ref_mask = {"key_padding_mask": ~keep[:, 0, 0]}
    with torch.enable_grad():
        out, mine = ours(x, x, keep)
        out_ref, weights_ref = ref(x_ref, x_ref, x_ref, average_attn_weights=False, **ref_mask)
        out.sum().backward()
        out_ref.sum().backward()
    diffs["mha_out"] = _max_diff(out, out_ref)
    diffs["mha_weights"] = _max_diff(mine.weights, weights_ref)
    diffs["mha_grad_x"] = _max_diff(x.grad, x_ref.grad)
    diffs["mha_grad_W_q"] = _max_diff(ours.W_q.weight.grad, ref.in_proj_weight.grad[:d_model])
    diffs["mha_grad_W_o"] = _max_diff(ours.W_o.weight.grad, ref.out_proj.weight.grad)
    return diffs
