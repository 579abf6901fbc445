"""Cached results of the Vision Transformer for its page."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

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
