"""Exercise: write one step of the LSTM, as the notes' homework asks ("LSTM 구현").

Given x_t, h_{t-1}, c_{t-1} and the weights as `torch.nn.LSTMCell` lays them out (W_ih (4H, D),
W_hh (4H, H), b_ih and b_hh (4H), the gates stacked in the order i, f, g, o, H rows each), the
student writes the four gates, the cell update and the hidden state:

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)        f_t, o_t alike, with their own rows
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
    h_t = o_t ⊙ tanh(c_t)

The inputs are a batch (B, D) so that a weight used untransposed fails on its shape.
"""

from __future__ import annotations

import torch

from exercises import core
from exercises.core import Blank, Exercise, Mistake
from exercises.safe import INT, TENSOR

B, D, H = 2, 3, 4  # all different, so that mixing them up shows in a shape

ROWS = {"i": ":H", "f": "H:2*H", "g": "2*H:3*H", "o": "3*H:"}  # PyTorch stacks the gates i, f, g, o
ROWS_SHOWN = {"i": "0:H", "f": "H:2H", "g": "2H:3H", "o": "3H:4H"}
ACTIVATION = {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid"}


def pre_activation(gate: str, x_term: bool = True, h_term: bool = True, b_ih: bool = True, b_hh: bool = True) -> str:
    """The gate's W_i· x_t + b_i· + W_h· h_{t-1} + b_h·, written with its rows of the stacked weights."""
    r = ROWS[gate]
    terms = [
        f"x_t @ W_ih[{r}].T" if x_term else None,
        f"b_ih[{r}]" if b_ih else None,
        f"h_prev @ W_hh[{r}].T" if h_term else None,
        f"b_hh[{r}]" if b_hh else None,
    ]
    return " + ".join(t for t in terms if t)


def _gate_line(gate: str) -> str:
    return f"torch.{ACTIVATION[gate]}({pre_activation(gate)})"


def _gate_mistakes(gate: str) -> tuple[Mistake, ...]:
    act, other = ACTIVATION[gate], {"sigmoid": "tanh", "tanh": "sigmoid"}[ACTIVATION[gate]]
    rows = tuple(
        Mistake("rows", f"torch.{act}({pre_activation(used)})", {"used": used, "rows": ROWS_SHOWN[used]})
        for used in ROWS
        if used != gate
    )
    return rows + (
        Mistake("activation", f"torch.{other}({pre_activation(gate)})", {"activation": act}),
        Mistake("no_activation", pre_activation(gate), {"activation": act}),
        Mistake("no_recurrent_term", f"torch.{act}({pre_activation(gate, h_term=False)})"),
        Mistake("no_input_term", f"torch.{act}({pre_activation(gate, x_term=False)})"),
        Mistake("no_bias", f"torch.{act}({pre_activation(gate, b_ih=False, b_hh=False)})"),
        Mistake("one_bias", f"torch.{act}({pre_activation(gate, b_ih=False)})", {"bias": "b_ih"}),
        Mistake("one_bias", f"torch.{act}({pre_activation(gate, b_hh=False)})", {"bias": "b_hh"}),
    )


KINDS = {
    "x_t": TENSOR,  # (B, D)
    "h_prev": TENSOR,  # (B, H): h_{t-1}
    "c_prev": TENSOR,  # (B, H): c_{t-1}
    "W_ih": TENSOR,  # (4H, D)
    "W_hh": TENSOR,  # (4H, H)
    "b_ih": TENSOR,  # (4H,)
    "b_hh": TENSOR,  # (4H,)
    "H": INT,
}

BLANKS = (
    Blank("i", "i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)"),
    Blank("f", "f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)"),
    Blank("g", "g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)"),
    Blank("o", "o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)"),
    Blank("c", "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t"),
    Blank("h", "h_t = o_t ⊙ tanh(c_t)"),
)

SOLUTION = {
    **{gate: _gate_line(gate) for gate in "ifgo"},
    "c": "f * c_prev + i * g",
    "h": "o * torch.tanh(c)",
}

MISTAKES = {
    **{gate: _gate_mistakes(gate) for gate in "ifgo"},
    "c": (
        Mistake("c_swapped", "i * c_prev + f * g"),
        Mistake("c_no_forget", "c_prev + i * g"),
        Mistake("c_no_input_gate", "f * c_prev + g"),
        Mistake("c_squashed", "torch.tanh(f * c_prev + i * g)"),
    ),
    "h": (
        Mistake("h_no_tanh", "o * c"),
        Mistake("h_tanh_outside", "torch.tanh(o * c)"),
        Mistake("h_old_cell", "o * torch.tanh(c_prev)"),
        Mistake("h_sigmoid", "o * torch.sigmoid(c)"),
    ),
}


def make_inputs(seed: int = 0) -> dict:
    """Random inputs and weights for one step, float64, reproducible from the seed."""
    gen = torch.Generator().manual_seed(seed)
    randn = lambda *shape: torch.randn(*shape, generator=gen, dtype=torch.float64)
    return {
        "x_t": randn(B, D),
        "h_prev": randn(B, H),
        "c_prev": randn(B, H),
        "W_ih": randn(4 * H, D) * 0.7,
        "W_hh": randn(4 * H, H) * 0.7,
        "b_ih": randn(4 * H) * 0.5,
        "b_hh": randn(4 * H) * 0.5,
        "H": H,
    }


def torch_outputs(inputs: dict) -> dict:
    """h_t and c_t from `torch.nn.LSTMCell` with the same weights."""
    cell = torch.nn.LSTMCell(D, H, dtype=torch.float64)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).copy_(inputs[name.replace("weight", "W").replace("bias", "b")])
        h, c = cell(inputs["x_t"], (inputs["h_prev"], inputs["c_prev"]))
    return {"c": c, "h": h}


EXERCISE = Exercise(
    id="lstm",
    kinds=KINDS,
    blanks=BLANKS,
    solution=SOLUTION,
    mistakes=MISTAKES,
    make_inputs=make_inputs,
    torch_outputs=torch_outputs,
    torch_name="torch.nn.LSTMCell",
)


def check(answer, seed: int = 0) -> core.Result:
    """Judge a student's LSTM step (`name = expression` lines, or name -> expression)."""
    return core.check(EXERCISE, answer, seed)
