"""Cached results of the Vision Transformer for its page."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from models import data
from models.vit import patchify, rollout
from ui import shell


@st.cache_data(max_entries=128, show_spinner=False)
def predict(img: np.ndarray) -> dict:
    """Class probabilities, every layer's attention (layers, heads, tokens, tokens) and the rollout."""
    model, _ = shell.load("vit")
    with torch.no_grad():
        out = model(torch.as_tensor(img, dtype=torch.float32)[None])
    return {
        "probs": torch.softmax(out.logits, -1)[0].numpy(),
        "attention": torch.stack(out.attention, 1)[0].numpy(),
        "rollout": rollout(out.attention)[0].numpy(),
    }


def patches(img: np.ndarray) -> np.ndarray:
    """The image's patches in reading order, (patches, patch, patch)."""
    model, _ = shell.load("vit")
    p = model.config.patch
    return patchify(torch.as_tensor(img, dtype=torch.float32)[None], p)[0].view(-1, p, p).numpy()


@st.cache_data(max_entries=1, show_spinner=False)
def position_similarity() -> np.ndarray:
    """Cosine similarity between the learned position embeddings of every pair of patches."""
    model, _ = shell.load("vit")
    pos = torch.nn.functional.normalize(model.pos[0, 1:].detach(), dim=-1)
    return (pos @ pos.T).numpy()


INK = 0.5  # a patch "has ink" when one of its pixels is at least this dark


def ink_patches(img: np.ndarray, patch: int) -> np.ndarray:
    """For each patch in reading order, whether any of its pixels has ink."""
    g = img.shape[0] // patch
    return img.reshape(g, patch, g, patch).max(axis=(1, 3)).reshape(-1) >= INK


def ink_share(img: np.ndarray) -> dict:
    """The share of the class token's attention (heads averaged) on the patches with ink, per layer; and the share
    of the patches that have ink, which attention spread evenly would give them."""
    model, _ = shell.load("vit")
    out = predict(img)
    ink = ink_patches(img, model.config.patch)
    layers = out["attention"].mean(1)[:, 0, 1:]  # (layers, patches): class token → patches
    return {"layers": layers[:, ink].sum(1) / layers.sum(1), "fraction": float(ink.mean())}


@st.cache_data(max_entries=1, show_spinner=False)
def heldout_ink() -> dict:
    """Over every held-out digit: the share of the class token's attention on the patches with ink, per layer
    (heads averaged), beside the share of the patches that have ink. Arrays of (digits, layers) and (digits,)."""
    model, _ = shell.load("vit")
    images = data.heldout()[0]
    parts = []
    # 25 digits at a time: every layer's attention is kept for the pages, and 1,000 digits at once took the
    # server's memory past 1 GB for a moment; 100 at once 85 MB above the model, 25 at once 29 MB, in the
    # same time. Only the class token's row is kept: a view of the whole (digits, layers, tokens, tokens)
    # average kept each batch's alive, 50-60 MB by the last (measured)
    for start in range(0, len(images), 25):
        with torch.no_grad():
            out = model(torch.as_tensor(images[start : start + 25], dtype=torch.float32))
        parts.append(torch.stack(out.attention, 1)[:, :, :, 0, 1:].mean(2).numpy())
    cls = np.concatenate(parts)  # (digits, layers, patches)
    ink = np.stack([ink_patches(img, model.config.patch) for img in images])  # (digits, patches)
    return {"layers": (cls * ink[:, None]).sum(-1) / cls.sum(-1), "fraction": ink.mean(1)}
