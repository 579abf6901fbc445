"""The vanilla RNN, the LSTM and the GRU, each written from its equations.

Elman (1990), "Finding Structure in Time"; Hochreiter & Schmidhuber (1997), "Long
Short-Term Memory", with the forget gate of Gers et al. (2000); Cho et al. (2014),
"Learning Phrase Representations using RNN Encoder-Decoder" for the GRU.

The weights are laid out exactly as in `torch.nn.RNN`, `torch.nn.LSTM` and `torch.nn.GRU`
(one `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` with the gates stacked in PyTorch's
order), so tests can copy them across and show both give the same numbers. Every gate
is kept per time step and returned, never stored on the module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import torch
import torch.nn as nn

KINDS = ("rnn", "lstm", "gru")
GATES = {"rnn": 1, "lstm": 4, "gru": 3}  # rows of weight_ih per hidden unit


@dataclass(frozen=True)
class RNNSteps:
    h: torch.Tensor  # (B, T, H) hidden state h_t


@dataclass(frozen=True)
class LSTMSteps:
    i: torch.Tensor  # (B, T, H) input gate
    f: torch.Tensor  # forget gate
    g: torch.Tensor  # candidate cell values
    o: torch.Tensor  # output gate
    c: torch.Tensor  # cell state c_t
    h: torch.Tensor  # hidden state h_t


@dataclass(frozen=True)
class GRUSteps:
    r: torch.Tensor  # (B, T, H) reset gate
    z: torch.Tensor  # update gate
    n: torch.Tensor  # candidate hidden state
    h: torch.Tensor  # hidden state h_t


Steps = RNNSteps | LSTMSteps | GRUSteps


def names(kind: str) -> tuple[str, ...]:
    """The internals a layer of this kind returns, in order."""
    return tuple(f.name for f in fields({"rnn": RNNSteps, "lstm": LSTMSteps, "gru": GRUSteps}[kind]))


def rnn_step(x_t, h, W_hh, b_hh):
    """One step of the vanilla RNN; x_t is already W_ih x_t + b_ih."""
    # h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
    h = torch.tanh(x_t + h @ W_hh.T + b_hh)
    return h, (h,)


def lstm_step(x_t, state, W_hh, b_hh):
    """One step of the LSTM; x_t is already W_ih x_t + b_ih, state is (h_{t-1}, c_{t-1})."""
    h, c = state
    i, f, g, o = (x_t + h @ W_hh.T + b_hh).chunk(4, dim=-1)
    i = torch.sigmoid(i)  # input gate: how much of the candidate to write
    f = torch.sigmoid(f)  # forget gate: how much of the old cell to keep
    g = torch.tanh(g)  # candidate values for the cell
    o = torch.sigmoid(o)  # output gate: how much of the cell to show
    c = f * c + i * g  # c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t, the conveyor belt
    h = o * torch.tanh(c)  # h_t = o_t ⊙ tanh(c_t)
    return (h, c), (i, f, g, o, c, h)


def gru_step(x_t, h, W_hh, b_hh):
    """One step of the GRU; x_t is already W_ih x_t + b_ih."""
    x_r, x_z, x_n = x_t.chunk(3, dim=-1)
    h_r, h_z, h_n = (h @ W_hh.T + b_hh).chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)  # reset gate: how much of the past the candidate may read
    z = torch.sigmoid(x_z + h_z)  # update gate: how much of the old state to keep
    n = torch.tanh(x_n + r * h_n)  # candidate state
    h = (1 - z) * n + z * h  # h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
    return h, (r, z, n, h)


STEP = {"rnn": rnn_step, "lstm": lstm_step, "gru": gru_step}
STEPS = {"rnn": RNNSteps, "lstm": LSTMSteps, "gru": GRUSteps}


class Recurrent(nn.Module):
    """One recurrent layer over a whole sequence, batch first."""

    def __init__(self, kind: str, input_size: int, hidden_size: int):
        super().__init__()
        assert kind in KINDS, f"kind must be one of {KINDS}"
        self.kind, self.hidden_size = kind, hidden_size
        rows = GATES[kind] * hidden_size
        self.weight_ih = nn.Parameter(torch.empty(rows, input_size))
        self.weight_hh = nn.Parameter(torch.empty(rows, hidden_size))
        self.bias_ih = nn.Parameter(torch.empty(rows))
        self.bias_hh = nn.Parameter(torch.empty(rows))
        bound = 1 / math.sqrt(hidden_size)  # PyTorch's initialisation
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def initial_state(self, batch: int):
        zeros = torch.zeros(batch, self.hidden_size, dtype=self.weight_hh.dtype)
        return (zeros, zeros) if self.kind == "lstm" else zeros

    def forward(
        self, x: torch.Tensor, state=None, W_hh: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, object, Steps]:
        """x: (B, T, input). Returns h for every step (B, T, H), the final state and every internal.

        W_hh replaces the recurrent matrix for this call only (the vanishing-gradient page scales it).
        """
        B = x.shape[0]
        state = self.initial_state(B) if state is None else state
        W_hh = self.weight_hh if W_hh is None else W_hh
        x_proj = x @ self.weight_ih.T + self.bias_ih  # every time step's input term at once
        step, kept = STEP[self.kind], []
        for x_t in x_proj.unbind(1):  # unbind, not x_proj[:, t]: its backward is one stack, not T zero-fills
            state, internals = step(x_t, state, W_hh, self.bias_hh)
            kept.append(internals)
        steps = STEPS[self.kind](*(torch.stack(seq, dim=1) for seq in zip(*kept, strict=False)))
        return steps.h, state, steps


def spectral_radius(W: torch.Tensor) -> float:
    """The largest absolute eigenvalue of a square matrix."""
    return float(torch.linalg.eigvals(W.double()).abs().max())


def state_gradient_norms(
    layer: Recurrent, x: torch.Tensor, W_hh: torch.Tensor | None = None, probes: int = 8, seed: int = 0
) -> torch.Tensor:
    """‖∂h_T/∂s_t‖ for every step t of one sequence x (1, T, input): (T,), the last entry is t = T.

    s_t is the state after step t: h_t, and for the LSTM (h_t, c_t) together, so the
    gradient along the cell's conveyor belt counts. The Frobenius norm of the Jacobian is
    estimated with Gaussian probes u: E‖uᵀ J‖² = ‖J‖²_F.
    """
    W_hh = layer.weight_hh if W_hh is None else W_hh
    x_proj = (x @ layer.weight_ih.T + layer.bias_ih).expand(probes, -1, -1)
    step, state, zeros = STEP[layer.kind], layer.initial_state(probes), []
    with torch.enable_grad():
        for x_t in x_proj.unbind(1):
            state, _ = step(x_t, state, W_hh, layer.bias_hh)
            # adding a zero that requires grad makes ∂/∂(zero) the gradient with respect to the state itself
            parts = state if isinstance(state, tuple) else (state,)
            added = [torch.zeros_like(p, requires_grad=True) for p in parts]
            parts = tuple(p + a for p, a in zip(parts, added, strict=False))
            state = parts if layer.kind == "lstm" else parts[0]
            zeros.append(added)
        h_T = state[0] if layer.kind == "lstm" else state
        u = torch.randn(h_T.shape, generator=torch.Generator().manual_seed(seed), dtype=h_T.dtype)
        # the last step's cell is added to after h_T was read from it: its gradient is zero, not missing
        grads = torch.autograd.grad(
            (u * h_T).sum(), [a for added in zeros for a in added], allow_unused=True, materialize_grads=True
        )
    per_step = len(zeros[0])
    squared = torch.stack(
        [sum(g.pow(2).sum(-1) for g in grads[i : i + per_step]) for i in range(0, len(grads), per_step)]
    )
    return squared.mean(-1).sqrt()  # (T,)
