"""Cached results of the binary-pixel models (independent, Markov chain, NADE) for the pages."""

from __future__ import annotations

import time

import numpy as np
import streamlit as st
import torch

from models import data
from models.common import per_pixel_log_prob
from models.nade import Config as NadeConfig
from ui import shell

NAMES = ("pixel_independent", "pixel_markov", "nade")
NADE_HIDDEN = NadeConfig().n_hidden
SIDE = data.SIDE


@st.cache_data(max_entries=64, show_spinner=False)
def samples(name: str, seed: int, n: int = 8) -> np.ndarray:
    """n images drawn from a model with a given seed, as (n, 28, 28)."""
    model, _ = shell.load(name)
    x, _ = model.sample(n, torch.Generator().manual_seed(seed))
    return x.view(n, SIDE, SIDE).numpy()


@st.cache_data(max_entries=64, show_spinner=False)
def real_digits(seed: int, n: int = 8) -> np.ndarray:
    """n binarised held-out digits picked with a given seed."""
    x, _ = data.heldout(binarised=True)
    return x[np.random.default_rng(seed).choice(len(x), n, replace=False)]


@st.cache_data(max_entries=256, show_spinner=False)
def trajectory(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One NADE sample (784,) and p(x_i = 1 | x_<i) at each of its steps (784,)."""
    model, _ = shell.load("nade")
    x, p = model.sample(1, torch.Generator().manual_seed(seed))
    return x[0].numpy(), p[0].numpy()


@st.cache_data(max_entries=256, show_spinner=False)
def future(seed: int, step: int, k: int = 32) -> np.ndarray:
    """P(pixel on | the first `step` pixels of the seed's sample), estimated from k completions."""
    return completions(trajectory(seed)[0][:step], seed, k).mean(0)


@st.cache_data(max_entries=64, show_spinner=False)
def completions(prefix: np.ndarray, seed: int, k: int = 6) -> np.ndarray:
    """k NADE samples (k, 784) that all start with the given pixels."""
    model, _ = shell.load("nade")
    prefix_t = torch.from_numpy(np.asarray(prefix, dtype=np.float32)).expand(k, -1)
    x, _ = model.sample(k, torch.Generator().manual_seed(seed), prefix=prefix_t)
    return x.numpy()


@st.cache_data(max_entries=64, show_spinner=False)
def log_likelihood(name: str, x: np.ndarray) -> np.ndarray:
    """log p(x_i | x_<i) in nats for every pixel of one binary image (784,)."""
    model, _ = shell.load(name)
    return per_pixel_log_prob(model, torch.from_numpy(np.asarray(x, dtype=np.float32).reshape(1, -1)))[0].numpy()


def heldout_nll(name: str) -> np.ndarray:
    """Negative log-likelihood (nats) of each of the 1,000 held-out digits, as measured for the model card."""
    _, card = shell.load(name)
    return np.asarray(card["metrics"]["test_nll_per_digit"])


def time_sample_and_evaluate(seed: int) -> tuple[float, float]:
    """Milliseconds NADE takes to draw one digit (784 steps, one after another) and to score the seed's
    sample (one pass): measured now, never cached."""
    model, _ = shell.load("nade")
    x = torch.from_numpy(trajectory(seed)[0]).view(1, -1)
    start = time.perf_counter()
    model.sample(1, torch.Generator().manual_seed(0))
    sample_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    model(x)
    return sample_ms, (time.perf_counter() - start) * 1000
