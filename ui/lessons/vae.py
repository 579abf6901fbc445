"""The VAE's lessons: the latent plane indexes digits, its lines stay on digits, and its prior is where its codes are."""

from __future__ import annotations

import math

import numpy as np

from ui import vaemodels
from ui.lessons import Guide, Question

RADIUS = 2.0  # the circle drawn on the maps: two standard deviations of the prior
PAIR = (5, 45)  # the page's default interpolation: a 2 that becomes a 6
PRIOR_SEED = 36  # the page's default seed for prior samples: eight kinds of digit from the VAE, five from the AE

MAP = Guide("map", ({"z1": 2.1, "z2": 0.3}, {"z1": -1.6, "z2": 1.1}, {"z1": 0.4, "z2": 0.8}))
GRID = Guide("grid", ({"z1": 0.0, "z2": 0.0, "extent": 0.5}, {"z1": 0.0, "z2": 0.0, "extent": 2.0}))
LINE = Guide("line", ({"a": PAIR[0], "b": PAIR[1]}, {"a": 36, "b": 54}))
POSTERIOR = Guide("posterior", ({"source": "heldout", "index": 2}, {"source": "heldout", "index": 1}))
PRIOR = Guide("prior", ({"seed": PRIOR_SEED}, {"codes": True}))
PRIOR_DIGITS = Question("prior_digits", ("noise", "all", "some"), "some", {"codes": True})


def prior_mass(radius: float = RADIUS) -> float:
    """The share of N(0, I) draws in 2-D that land within `radius` of 0."""
    return 1 - math.exp(-(radius**2) / 2)


def inside_by_digit(codes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """For each digit 0–9, the share of its held-out codes inside the circle."""
    inside = vaemodels.inside_prior(codes, RADIUS)
    return np.array([inside[labels == d].mean() for d in range(10)])


def missing_digits() -> list[int]:
    """The digits whose autoencoder codes almost all (over 90%) lie outside the circle."""
    _, labels, _ = vaemodels.heldout()
    return [d for d, share in enumerate(inside_by_digit(vaemodels.autoencoder_codes(), labels)) if share < 0.1]


def prior_facts() -> dict:
    _, _, codes = vaemodels.heldout()
    return {
        "vae_inside": vaemodels.inside_prior(codes, RADIUS).mean() * 100,
        "ae_inside": vaemodels.inside_prior(vaemodels.autoencoder_codes(), RADIUS).mean() * 100,
        "mass": prior_mass() * 100,
        "missing": ", ".join(str(d) for d in missing_digits()),
    }
