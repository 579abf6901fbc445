"""The gradients page's lessons: a spectral radius above 1 can still vanish; an RNN that cannot learn from far."""

from __future__ import annotations

import numpy as np

from models import memory
from ui import seqmodels, shell
from ui.lessons import Guide, Question

DEFAULT = "A recurrent network reads one character at a time. How much does its state now depend on a character it read long ago?"
BACK = 100  # the distance the scale question asks about

NORMS = Guide("norms", ({"text": DEFAULT, "scale": 0.5}, {"scale": 1.0}, {"scale": 2.0}))
RADIUS = Question("radius", ("vanish", "explode", "flat"), "vanish", {"text": DEFAULT, "scale": 1.0})
MEMORY = Guide("memory", ({"distance": 5, "seed": 0}, {"distance": 100}, {"distance": 200}))
CURRICULUM = Question("curriculum", ("both", "curriculum", "neither"), "curriculum", {"distance": 5, "seed": 0})


def radius_facts(s: str = DEFAULT) -> dict:
    """The trained RNN's ρ(W_hh), its gradient now and BACK characters back, and why: the tanh slopes."""
    g = seqmodels.gradient_norms("rnn", s, 1.0)
    back = min(BACK, len(g) - 1)
    h = seqmodels.analyse("rnn", s)["internals"]["h"]
    return {
        "rho": seqmodels.radius("rnn"),
        "back": back,
        "now": float(g[-1]),
        "then": float(g[-1 - back]),
        "slope": float((1 - h**2).mean()),  # tanh′ = 1 − h_t², at most 1
        "saturated": float((np.abs(h) > 0.9).mean()) * 100,
        "factor": float((g[-1 - back] / g[-1]) ** (1 / back)),  # the average shrink per step
    }


def curriculum_facts(T: int = 5) -> dict:
    """Held-out accuracy of the two RNNs at distance T, from their cards."""
    acc = {
        k: shell.load(seqmodels.MEMORY_MODELS[k])[1]["metrics"]["test_accuracy_by_T"][str(T)]
        for k in ("rnn", "rnn_curriculum")
    }
    return {
        "T": T,
        "plain": acc["rnn"] * 100,
        "taught": acc["rnn_curriculum"] * 100,
        "chance": 100 / len(memory.SYMBOLS),
    }
