"""Maximum likelihood's lessons: the NLL we can compute falls with the KL we cannot see; few samples overfit."""

from __future__ import annotations

import numpy as np
import streamlit as st

from models import mle
from ui.lessons import Guide, Question

MAX_STEPS = 300
N, BINS = 1000, 20  # the page's defaults: enough samples per bin that every step lowers the KL too
FEW = 20  # samples in the overfitting question

FIT = Guide("fit", ({"n": N, "bins": BINS, "step": 0}, {"step": 10}, {"step": 100}))
CAPACITY = Guide("capacity", ({"n": FEW}, {"n": 2000}))
DIRECTIONS = Guide("directions", ({"sep": 2.0, "weight": 0.6}, {"sep": 7.0, "weight": 0.6}))
OVERFIT = Question("overfit", ("above", "below", "same"), "above", {"n": FEW, "bins": mle.K, "step": 100})


def counted(n: int, seed: int) -> np.ndarray:
    """How many of the n samples fell on each value."""
    return np.bincount(mle.sample(n, seed), minlength=mle.K)


@st.cache_data(max_entries=64, show_spinner=False)
def fitted(n: int, seed: int, bins: int) -> tuple[np.ndarray, list[mle.Fit]]:
    """The samples' counts and the fit with this many bins after every step."""
    counts = counted(n, seed)
    return counts, mle.training_curve(counts, bins, MAX_STEPS)


@st.cache_data(max_entries=64, show_spinner=False)
def capacity(n: int, seed: int) -> list[mle.Fit]:
    """The fully trained fit for every number of bins: it does not depend on the bins chosen, so a new
    number of bins does not fit all of them again (it did: about 0.1 s of every move of that slider)."""
    return mle.capacity_curve(counted(n, seed), MAX_STEPS)


@st.cache_data(max_entries=64, show_spinner=False)
def kl_fits(sep: float, weight: float) -> tuple[np.ndarray, mle.GaussianFit, mle.GaussianFit]:
    """The two-mode target and the Gaussians that minimise the forward and the reverse KL."""
    p = mle.two_modes(sep, weight)
    return p, *mle.best_gaussians(p)


def best_bins(n: int, seed: int) -> int:
    """The number of bins with the lowest held-out NLL (cross-entropy) after full training."""
    return int(np.argmin([f.cross_entropy for f in capacity(n, seed)])) + 1


def fit_values(seed: int) -> dict:
    """The guide's numbers at the default N and b: the KL at steps 0 and 100."""
    curve = fitted(N, seed, BINS)[1]
    return {
        "kl0": curve[0].kl,
        "kl100": curve[100].kl,
        "nll0": curve[0].empirical_nll,
        "nll100": curve[100].empirical_nll,
    }


def capacity_values(seed: int) -> dict:
    return {"best_few": best_bins(FEW, seed), "best_many": best_bins(2000, seed)}


def directions_values() -> dict:
    _, f2, r2 = kl_fits(2.0, 0.6)
    _, f7, r7 = kl_fits(7.0, 0.6)
    return {"f2": f2.mu, "r2": r2.mu, "f7": f7.mu, "fs7": f7.sigma, "r7": r7.mu, "rs7": r7.sigma}


def overfit_facts(seed: int) -> dict:
    now = fitted(FEW, seed, mle.K)[1][100]
    return {"train": now.empirical_nll, "held": now.cross_entropy, "h": now.entropy}
