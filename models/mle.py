"""Maximum likelihood on a distribution we know, so that every quantity can be computed exactly.

P_data is a fixed two-bump distribution over K = 40 values. The student sees only N samples
from it. The model is a histogram with b equal bins (b − 1 free parameters, softmax logits θ):

    p_θ(k) = softmax(θ)_{bin(k)} / (values per bin)
    empirical NLL  = −(1/N) Σ_n log p_θ(x_n)               what training minimises
    cross-entropy  = −Σ_k P_data(k) log p_θ(k)             the expected NLL on new data
    entropy        = −Σ_k P_data(k) log P_data(k)          fixed: the best any model can do
    KL(P_data ‖ p_θ) = cross-entropy − entropy ≥ 0

So minimising the expected NLL is minimising the KL; the empirical NLL is the estimate of it
that training can see. The second half compares fitting one Gaussian to a two-mode target by
forward KL(P ‖ Q) (mode covering) and reverse KL(Q ‖ P) (mode seeking).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

K = 40
VALUES = np.arange(K)
LR = 2.0  # gradient-descent step on the logits; the softmax's curvature is at most 1/2


def p_data() -> np.ndarray:
    """The true distribution: two bumps of different width and weight."""
    bumps = 0.6 * np.exp(-0.5 * ((VALUES - 11) / 3.0) ** 2) + 0.4 * np.exp(-0.5 * ((VALUES - 28) / 5.0) ** 2)
    return bumps / bumps.sum()


def entropy() -> float:
    """H(P_data) in nats: the floor of every model's cross-entropy."""
    p = p_data()
    return float(-(p * np.log(p)).sum())


def sample(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).choice(K, size=n, p=p_data())


def bin_of(bins: int) -> np.ndarray:
    """Which of b equal bins each of the K values falls in."""
    return VALUES * bins // K


def model_probs(theta: np.ndarray) -> np.ndarray:
    """p_θ over the K values for a histogram with len(θ) bins."""
    bins = bin_of(len(theta))
    width = np.bincount(bins, minlength=len(theta))
    q = np.exp(theta - theta.max())
    q /= q.sum()
    return q[bins] / width[bins]


def descent(counts: np.ndarray, bins: int, steps: int) -> list[np.ndarray]:
    """θ after 0, 1, ..., steps of gradient descent on the empirical NLL, from the uniform model."""
    theta = np.zeros(bins)
    share = np.bincount(bin_of(bins), weights=counts, minlength=bins) / counts.sum()
    path = [theta.copy()]
    for _ in range(steps):
        q = np.exp(theta - theta.max())
        q /= q.sum()
        # ∂NLL/∂θ_j = softmax(θ)_j − (share of the samples in bin j)
        theta -= LR * (q - share)
        path.append(theta.copy())
    return path


def fit(counts: np.ndarray, bins: int, steps: int) -> np.ndarray:
    """θ after `steps` of gradient descent on the empirical NLL, from the uniform model."""
    return descent(counts, bins, steps)[-1]


@dataclass(frozen=True)
class Fit:
    """Every quantity of one fitted model, in nats."""

    probs: np.ndarray  # p_θ over the K values
    empirical_nll: float
    cross_entropy: float
    entropy: float

    @property
    def kl(self) -> float:
        return self.cross_entropy - self.entropy


def measure(theta: np.ndarray, counts: np.ndarray) -> Fit:
    p, q = p_data(), model_probs(theta)
    return Fit(
        probs=q,
        empirical_nll=float(-(counts * np.log(q)).sum() / counts.sum()),
        cross_entropy=float(-(p * np.log(q)).sum()),
        entropy=entropy(),
    )


def training_curve(counts: np.ndarray, bins: int, steps: int) -> list[Fit]:
    """The fit after 0, 1, ..., steps gradient steps: `measure` of every step's θ, computed for all the steps
    at once (the same operations on each row; a tenth of the time of one call per step)."""
    theta = np.stack(descent(counts, bins, steps))  # (steps + 1, bins)
    where = bin_of(bins)
    width = np.bincount(where, minlength=bins)
    q = np.exp(theta - theta.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    probs = q[:, where] / width[where]  # (steps + 1, K)
    p, log_q = p_data(), np.log(probs)
    nll = -(counts * log_q).sum(axis=1) / counts.sum()
    cross = -(p * log_q).sum(axis=1)
    floor = entropy()
    return [Fit(probs[i], float(nll[i]), float(cross[i]), floor) for i in range(len(theta))]


def capacity_curve(counts: np.ndarray, steps: int) -> list[Fit]:
    """The fit after `steps` steps for every number of bins 1..K: the K descents of `descent` run side by side,
    row b − 1 holding the b logits of the model with b bins (the slots past b are masked out)."""
    live = VALUES[None, :] < np.arange(1, K + 1)[:, None]  # (models, slots)
    share = np.stack([np.bincount(bin_of(b), weights=counts, minlength=K) for b in range(1, K + 1)]) / counts.sum()
    theta = np.zeros((K, K))
    for _ in range(steps):
        top = np.where(live, theta, -np.inf).max(axis=1, keepdims=True)
        q = np.where(live, np.exp(theta - top), 0.0)
        q /= q.sum(axis=1, keepdims=True)
        # ∂NLL/∂θ_j = softmax(θ)_j − (share of the samples in bin j), for every model at once
        theta -= LR * (q - share)
    return [measure(theta[b - 1, :b], counts) for b in range(1, K + 1)]


# Forward and reverse KL on a continuous grid ---------------------------------

GRID = np.linspace(-10, 10, 401)
DX = GRID[1] - GRID[0]


def normal(mu, sigma):
    return np.exp(-0.5 * ((GRID - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def two_modes(separation: float, weight: float) -> np.ndarray:
    """A density on the grid: two unit-width bumps `separation` apart, the left one with `weight`."""
    p = weight * normal(-separation / 2, 1.0) + (1 - weight) * normal(separation / 2, 1.0)
    return p / (p.sum() * DX)


@dataclass(frozen=True)
class GaussianFit:
    mu: float
    sigma: float
    density: np.ndarray
    kl: float


def _gaussians(mus: np.ndarray, sigmas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """N(mu, sigma²) on the grid for every pair of candidates, (len(mus), len(sigmas), grid), and its log."""
    mu, sigma = mus[:, None, None], sigmas[None, :, None]
    q = np.exp(-0.5 * ((GRID - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi)) + 1e-300
    return q, np.log(q)


@functools.cache
def _coarse() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The grid search's first pass, the same candidates for every target and both KLs: computed once."""
    mus, sigmas = np.linspace(-8, 8, 41), np.geomspace(0.3, 8, 24)
    return mus, sigmas, *_gaussians(mus, sigmas)


def _kl_table(p: np.ndarray, q: np.ndarray, log_q: np.ndarray, reverse: bool) -> np.ndarray:
    """KL between p and each candidate Gaussian q (its log log_q), (len(mus), len(sigmas))."""
    log_ratio = np.log(p + 1e-300) - log_q
    return ((-q * log_ratio) if reverse else (p * log_ratio)).sum(-1) * DX


def _search(p: np.ndarray, mus, sigmas, q, log_q, reverse: bool) -> tuple[float, float, float]:
    """One pass of the grid search: the candidate (mu, sigma) with the least KL, and that KL."""
    kl = _kl_table(p, q, log_q, reverse)
    i, j = np.unravel_index(np.argmin(kl), kl.shape)
    return float(mus[i]), float(sigmas[j]), float(kl[i, j])


def _best(p: np.ndarray, reverse: bool) -> GaussianFit:
    """Grid search for the Gaussian minimising one KL: a coarse pass, then a fine one around its best."""
    mu, sigma, _ = _search(p, *_coarse(), reverse)
    mus, sigmas = np.linspace(mu - 0.4, mu + 0.4, 33), np.geomspace(sigma / 1.2, sigma * 1.2, 24)
    mu, sigma, best = _search(p, mus, sigmas, *_gaussians(mus, sigmas), reverse)
    return GaussianFit(mu, sigma, normal(mu, sigma), best)


def best_gaussians(p: np.ndarray) -> tuple[GaussianFit, GaussianFit]:
    """The single Gaussians that minimise forward KL(p ‖ q) and reverse KL(q ‖ p)."""
    return _best(p, reverse=False), _best(p, reverse=True)
