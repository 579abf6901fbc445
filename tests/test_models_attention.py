"""Our attention equals PyTorch's: scaled dot-product and multi-head, with and without masks."""

import pytest
import torch
import torch.nn.functional as F

from models.attention import MultiHeadAttention, scaled_dot_product_attention


@pytest.fixture
def qkv():
    g = torch.Generator().manual_seed(0)
    return [torch.randn(2, 3, 5, 8, generator=g, dtype=torch.float64) for _ in range(3)]


def test_sdpa_equals_pytorch(qkv):
    q, k, v = qkv
    ours = scaled_dot_product_attention(q, k, v)
    assert torch.allclose(ours.out, F.scaled_dot_product_attention(q, k, v), atol=1e-10)
    assert torch.allclose(ours.weights.sum(-1), torch.ones(2, 3, 5, dtype=torch.float64))


def test_sdpa_with_a_causal_mask_equals_pytorch(qkv):
    q, k, v = qkv
    causal = torch.ones(5, 5, dtype=torch.bool).tril()
    ours = scaled_dot_product_attention(q, k, v, mask=causal)
    assert torch.allclose(ours.out, F.scaled_dot_product_attention(q, k, v, is_causal=True), atol=1e-10)
    assert (ours.weights[..., ~causal] == 0).all()


def test_sdpa_with_a_padding_mask_equals_pytorch(qkv):
    q, k, v = qkv
    keep = torch.tensor([True, True, True, False, False])[None, None, None, :]
    ours = scaled_dot_product_attention(q, k, v, mask=keep)
    assert torch.allclose(ours.out, F.scaled_dot_product_attention(q, k, v, attn_mask=keep), atol=1e-10)


def test_steps_are_the_equations(qkv):
    q, k, v = qkv
    steps = scaled_dot_product_attention(q, k, v)
    assert torch.allclose(steps.scores, q @ k.transpose(-1, -2))
    assert torch.allclose(steps.scaled, steps.scores / 8**0.5)
    unscaled = scaled_dot_product_attention(q, k, v, scale=False)
    assert torch.equal(unscaled.scaled, unscaled.scores)


def copy_into_pytorch(ours: MultiHeadAttention, d: int, heads: int) -> torch.nn.MultiheadAttention:
    ref = torch.nn.MultiheadAttention(d, heads, batch_first=True).double()
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([ours.W_q.weight, ours.W_k.weight, ours.W_v.weight]))
        ref.in_proj_bias.copy_(torch.cat([ours.W_q.bias, ours.W_k.bias, ours.W_v.bias]))
        ref.out_proj.weight.copy_(ours.W_o.weight)
        ref.out_proj.bias.copy_(ours.W_o.bias)
    return ref


@pytest.mark.parametrize("masked", [False, True])
def test_multi_head_attention_equals_pytorch(masked):
    torch.manual_seed(0)
    ours = MultiHeadAttention(16, 4).double()
    ref = copy_into_pytorch(ours, 16, 4)
    x_q, x_kv = torch.randn(3, 6, 16, dtype=torch.float64), torch.randn(3, 7, 16, dtype=torch.float64)
    allowed = torch.rand(6, 7, generator=torch.Generator().manual_seed(1)) > 0.3
    allowed[:, 0] = True  # every query may look somewhere
    out, steps = ours(x_q, x_kv, mask=allowed if masked else None)
    # PyTorch's boolean attn_mask marks what is *not* allowed
    ref_out, ref_weights = ref(x_q, x_kv, x_kv, attn_mask=~allowed if masked else None, average_attn_weights=False)
    assert torch.allclose(out, ref_out, atol=1e-10)
    assert torch.allclose(steps.weights, ref_weights, atol=1e-10)
    # and the gradients agree too
    (out.sum() + (steps.weights**2).sum()).backward()
    (ref_out.sum() + (ref_weights**2).sum()).backward()
    assert torch.allclose(ours.W_o.weight.grad, ref.out_proj.weight.grad, atol=1e-10)
    grad_in = torch.cat([ours.W_q.weight.grad, ours.W_k.weight.grad, ours.W_v.weight.grad])
    assert torch.allclose(grad_in, ref.in_proj_weight.grad, atol=1e-10)
