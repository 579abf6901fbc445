"""Discrete distributions and how many parameters a model of discrete data needs.

A categorical variable with k values needs k − 1 parameters (they sum to one).
n such variables, jointly: k^n − 1. Independent: n(k − 1). A first-order Markov
chain: (k − 1) for the first, then k(k − 1) for each of the other n − 1. NADE over
binary pixels with H hidden units: W (H × n), c (H), V (n × H), b (n).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# values one variable can take, per kind of data
VALUES = {"binary": 2, "grey": 256, "rgb": 256**3}


def joint_params(k: int, n: int) -> int:
    return k**n - 1


def independent_params(k: int, n: int) -> int:
    return n * (k - 1)


def markov_params(k: int, n: int) -> int:
    return (k - 1) + (n - 1) * k * (k - 1)


def nade_params(n: int, hidden: int) -> int:
    return 2 * n * hidden + n + hidden


def log10_joint(k: int, n: int) -> float:
    """log10(k^n − 1) without building k^n (it can have millions of digits)."""
    return n * math.log10(k) if n * math.log10(k) > 15 else math.log10(joint_params(k, n))


def readable_count(log10: float) -> str:
    """A parameter count for people: exact below a trillion, else as a power of ten."""
    if log10 < 12:
        return f"{round(10**log10):,}"
    return f"10^{log10:,.1f}"


def sample_bernoulli(p: float, n: int, seed: int) -> np.ndarray:
    return (np.random.default_rng(seed).random(n) < p).astype(np.int64)


def sample_categorical(weights: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The normalised probabilities and n draws from them."""
    weights = np.asarray(weights, dtype=np.float64)
    probs = weights / weights.sum()
    return probs, np.random.default_rng(seed).choice(len(probs), size=n, p=probs)


@dataclass(frozen=True)
class TwoVariables:
    """Binary x and y given by p(x), p(y | x) and p(y | not x): chain rule and Bayes' rule."""

    joint: np.ndarray  # joint[x, y] = p(x) p(y | x)          (chain rule)
    p_y: float  # p(y = 1) = Σ_x p(x, y = 1)              (marginal)
    posterior_bayes: float  # p(x = 1 | y = 1) = p(y | x) p(x) / p(y)  (Bayes' rule)
    posterior_table: float  # p(x = 1, y = 1) / p(y = 1), read off the joint table


def two_variables(p_x: float, p_y_given_x: float, p_y_given_not_x: float) -> TwoVariables:
    p_x_vec = np.array([1 - p_x, p_x])
    p_y1 = np.array([p_y_given_not_x, p_y_given_x])
    joint = np.stack([p_x_vec * (1 - p_y1), p_x_vec * p_y1], axis=1)
    p_y = float(joint[:, 1].sum())
    bayes = p_y_given_x * p_x / p_y if p_y > 0 else float("nan")
    table = float(joint[1, 1] / p_y) if p_y > 0 else float("nan")
    return TwoVariables(joint, p_y, bayes, table)
