"""The distributions page's lessons: frequencies approach probabilities, counts explode, Bayes weighs the evidence."""

from __future__ import annotations

import numpy as np

from models import discrete
from ui import pixelmodels
from ui.lessons import Guide, Question

RGB = 256**3
SAMPLING = Guide("sampling", ({"n": 10}, {"n": 2000}))
COUNTS = Guide("counts", ({"kind": "binary", "side": 2}, {"kind": "binary", "side": 5}, {"kind": "binary", "side": 28}))
ONE_PIXEL = Question("one_pixel", ("channels", "sum", "joint"), "joint", {"kind": "rgb", "side": 1})
EVIDENCE = Guide("evidence", ({"px": 0.5, "pyx": 0.9, "pynx": 0.3}, {"px": 0.5, "pyx": 0.9, "pynx": 0.01}))
BASE_RATE = Question("base_rate", ("yes", "no"), "no", {"px": 0.05, "pyx": 0.9, "pynx": 0.3})
PIXELS = Guide("pixels", ({"digit_seed": 1}, {"digit_seed": 2}))


def gap(p: float, weights: tuple[int, ...], n: int, seed: int) -> float:
    """The largest distance between a probability and its frequency in the samples, over both charts."""
    x = discrete.sample_bernoulli(p, n, seed)
    coin = np.abs(np.bincount(x, minlength=2) / n - [1 - p, p]).max()
    if sum(weights) == 0:
        return float(coin)
    probs, draws = discrete.sample_categorical(np.array(weights), n, seed)
    return float(max(coin, np.abs(np.bincount(draws, minlength=len(probs)) / n - probs).max()))


def sampling_values(p: float, weights: tuple[int, ...], seed: int) -> dict:
    return {"gap10": gap(p, weights, 10, seed), "gap2000": gap(p, weights, 2000, seed)}


def counts_values() -> dict:
    return {
        "j4": discrete.joint_params(2, 4),
        "j25": discrete.joint_params(2, 25),
        "j784": discrete.readable_count(discrete.log10_joint(2, 784)),
        "i784": discrete.independent_params(2, 784),
        "m784": discrete.markov_params(2, 784),
    }


def one_pixel_facts() -> dict:
    return {
        "joint": discrete.readable_count(discrete.log10_joint(RGB, 1)),
        "channels": discrete.independent_params(256, 3),
    }


def rain(view: dict) -> discrete.TwoVariables:
    return discrete.two_variables(view["px"], view["pyx"], view["pynx"])


def evidence_values() -> dict:
    a, b = (rain(view) for view in EVIDENCE.steps)
    return {"prior": EVIDENCE.steps[0]["px"], "a": a.posterior_bayes, "b": b.posterior_bayes}


def base_rate_facts() -> dict:
    two = rain(BASE_RATE.view)
    return {
        "px": BASE_RATE.view["px"],
        "post": two.posterior_bayes,
        "times": two.posterior_bayes / BASE_RATE.view["px"],
        "wet_rain": two.joint[1, 1],
        "wet_dry": two.joint[0, 1],
    }


def pixels_values() -> dict:
    nll = {name: pixelmodels.heldout_nll(name).mean() for name in pixelmodels.NAMES}
    return {"ind": nll["pixel_independent"], "mar": nll["pixel_markov"], "nade": nll["nade"]}
