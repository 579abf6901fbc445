"""Our RNN, LSTM and GRU equal PyTorch's given the same weights: outputs, states and gradients."""

import pytest
import torch

from models.recurrent import KINDS, Recurrent, names

REFERENCE = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def pair(kind: str, input_size: int = 5, hidden: int = 7, seed: int = 0):
    torch.manual_seed(seed)
    ours = Recurrent(kind, input_size, hidden).double()
    ref = REFERENCE[kind](input_size, hidden, batch_first=True).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(ref, f"{name}_l0").copy_(getattr(ours, name))
    return ours, ref


@pytest.mark.parametrize("kind", KINDS)
def test_outputs_and_final_state_equal_pytorch(kind):
    ours, ref = pair(kind)
    x = torch.randn(3, 11, 5, dtype=torch.float64)
    h, state, steps = ours(x)
    h_ref, state_ref = ref(x)
    assert torch.allclose(h, h_ref, atol=1e-12)
    if kind == "lstm":
        assert torch.allclose(state[0], state_ref[0][0], atol=1e-12)
        assert torch.allclose(state[1], state_ref[1][0], atol=1e-12)
    else:
        assert torch.allclose(state, state_ref[0], atol=1e-12)
    assert torch.equal(steps.h, h)


@pytest.mark.parametrize("kind", KINDS)
def test_gradients_equal_pytorch(kind):
    ours, ref = pair(kind, seed=1)
    x = torch.randn(2, 9, 5, dtype=torch.float64, requires_grad=True)
    x_ref = x.detach().clone().requires_grad_(True)
    target = torch.randn(2, 9, 7, dtype=torch.float64)
    (ours(x)[0] * target).sum().backward()
    (ref(x_ref)[0] * target).sum().backward()
    assert torch.allclose(x.grad, x_ref.grad, atol=1e-10)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        assert torch.allclose(getattr(ours, name).grad, getattr(ref, f"{name}_l0").grad, atol=1e-10), name


def test_a_given_initial_state_is_carried_on():
    ours, ref = pair("lstm")
    x = torch.randn(1, 10, 5, dtype=torch.float64)
    _, state, _ = ours(x[:, :6])
    h_second, _, _ = ours(x[:, 6:], state)
    h_all, _ = ref(x)
    assert torch.allclose(h_second, h_all[:, 6:], atol=1e-12)


def test_lstm_internals_are_its_equations():
    ours, _ = pair("lstm")
    x = torch.randn(2, 4, 5, dtype=torch.float64)
    _, _, s = ours(x)
    assert names("lstm") == ("i", "f", "g", "o", "c", "h")
    for gate in (s.i, s.f, s.o):
        assert ((gate > 0) & (gate < 1)).all()
    c_prev = torch.cat([torch.zeros_like(s.c[:, :1]), s.c[:, :-1]], dim=1)
    assert torch.allclose(s.c, s.f * c_prev + s.i * s.g)
    assert torch.allclose(s.h, s.o * torch.tanh(s.c))


def test_gru_internals_are_its_equations():
    ours, _ = pair("gru")
    x = torch.randn(2, 4, 5, dtype=torch.float64)
    _, _, s = ours(x)
    h_prev = torch.cat([torch.zeros_like(s.h[:, :1]), s.h[:, :-1]], dim=1)
    assert torch.allclose(s.h, (1 - s.z) * s.n + s.z * h_prev)


def test_a_replaced_recurrent_matrix_is_used_for_that_call_only():
    ours, _ = pair("rnn")
    x = torch.randn(1, 6, 5, dtype=torch.float64)
    h, _, _ = ours(x)
    h_zero, _, _ = ours(x, W_hh=torch.zeros_like(ours.weight_hh))
    assert torch.allclose(h_zero, torch.tanh(x @ ours.weight_ih.T + ours.bias_ih + ours.bias_hh))
    assert torch.allclose(ours(x)[0], h)


def test_state_gradient_norms_match_the_exact_jacobian():
    from models.recurrent import state_gradient_norms

    for kind in ("rnn", "gru"):
        ours, _ = pair(kind, hidden=4)
        x = torch.randn(1, 5, 5, dtype=torch.float64)
        estimate = state_gradient_norms(ours, x, probes=4000, seed=0)
        # exact: the Jacobian of h_T with respect to h_2, by running steps 3..5 from h_2
        _, h2, _ = ours(x[:, :2])
        J = torch.autograd.functional.jacobian(lambda h, m=ours, x=x: m(x[:, 2:], h)[1], h2)
        assert abs(estimate[1].item() - J.norm().item()) < 0.05 * J.norm().item()
        assert abs(estimate[-1].item() - 2.0) < 0.1  # ∂h_T/∂h_T is the 4 × 4 identity: norm 2


def test_state_gradient_norms_cover_every_step_of_an_lstm():
    from models.recurrent import state_gradient_norms

    ours, _ = pair("lstm", hidden=4)
    g = state_gradient_norms(ours, torch.randn(1, 6, 5, dtype=torch.float64))
    assert g.shape == (6,) and torch.isfinite(g).all() and (g > 0).all()
