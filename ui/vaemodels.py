"""Cached results of the VAE and the autoencoder for the latent-space page."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from models import data
from ui import shell

SIDE = data.SIDE


def _decode(name: str, z: np.ndarray) -> np.ndarray:
    model, _ = shell.load(name)
    with torch.no_grad():
        return torch.sigmoid(model.decode(torch.as_tensor(z, dtype=torch.float32))).view(-1, SIDE, SIDE).numpy()


@st.cache_data(max_entries=1, show_spinner=False)
def heldout() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The binarised held-out digits (N, 784), their labels, and their encoder means (N, 2)."""
    x, labels = data.heldout(binarised=True)
    x = x.reshape(len(x), -1)
    model, _ = shell.load("vae")
    with torch.no_grad():
        mu, _ = model.encode(torch.from_numpy(x))
    return x, labels, mu.numpy()


@st.cache_data(max_entries=256, show_spinner=False)
def decode(z1: float, z2: float) -> np.ndarray:
    """p(x_i = 1 | z) as a 28 × 28 image."""
    return _decode("vae", np.array([[z1, z2]]))[0]


@st.cache_data(max_entries=64, show_spinner=False)
def decode_grid(z1: float, z2: float, extent: float, n: int = 8) -> np.ndarray:
    """Decodings over an n × n grid of codes centred at (z1, z2), rows from top (high z₂) to bottom."""
    ticks = np.linspace(-extent, extent, n)
    z = np.array([[z1 + a, z2 + b] for b in ticks[::-1] for a in ticks])
    return _decode("vae", z)


@st.cache_data(max_entries=64, show_spinner=False)
def reconstruct(index: int) -> np.ndarray:
    """The held-out digit and its reconstruction (decoding of the encoder's mean), (2, 28, 28)."""
    x, _, mu = heldout()
    return np.stack([x[index].reshape(SIDE, SIDE), _decode("vae", mu[index : index + 1])[0]])


@st.cache_data(max_entries=64, show_spinner=False)
def interpolate(a: int, b: int, steps: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """From digit a to digit b: decodings along the line between their codes, and plain pixel blends."""
    x, _, mu = heldout()
    t = np.linspace(0, 1, steps)[:, None]
    latent = _decode("vae", (1 - t) * mu[a] + t * mu[b])
    pixels = ((1 - t) * x[a] + t * x[b]).reshape(-1, SIDE, SIDE)
    return latent, pixels


@st.cache_data(max_entries=64, show_spinner=False)
def posterior(x: np.ndarray, seed: int, k: int = 8) -> dict:
    """q(z | x) for one binary image: mean, standard deviation, k decoded samples and the ELBO split (nats)."""
    model, _ = shell.load("vae")
    xt = torch.from_numpy(np.asarray(x, dtype=np.float32).reshape(1, -1))
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        out = model(xt.expand(64, -1), generator=gen)  # 64 draws of z estimate the expectation
        mu, sigma = out.mu[0].numpy(), torch.exp(0.5 * out.logvar[0]).numpy()
        samples = torch.sigmoid(model.decode(out.z[:k])).view(k, SIDE, SIDE).numpy()
    return {
        "mu": mu,
        "sigma": sigma,
        "samples": samples,
        "recon": out.recon.mean().item(),
        "kl": out.kl[0].item(),
        "elbo": out.elbo.mean().item(),
    }


@st.cache_data(max_entries=64, show_spinner=False)
def from_prior(seed: int, n: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """The same n codes z ~ N(0, I) decoded by the VAE and by the plain autoencoder."""
    z = torch.randn((n, 2), generator=torch.Generator().manual_seed(seed)).numpy()
    return _decode("vae", z), _decode("autoencoder", z)


@st.cache_data(max_entries=1, show_spinner=False)
def autoencoder_codes() -> np.ndarray:
    """The plain autoencoder's codes for the held-out digits (N, 2)."""
    x, _, _ = heldout()
    model, _ = shell.load("autoencoder")
    with torch.no_grad():
        z, _ = model.encode(torch.from_numpy(x))
    return z.numpy()


def inside_prior(codes: np.ndarray, radius: float = 2.0) -> np.ndarray:
    """Which codes lie within `radius` of 0: the circle where N(0, I) puts 1 − exp(−radius²/2) of its draws."""
    return np.linalg.norm(codes, axis=1) < radius
