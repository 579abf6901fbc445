"""Cached results of the date translator for the Transformer pages."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from models import translator
from ui import shell

NAME = "date_translator"


def _numpy(steps) -> dict[str, np.ndarray]:
    return {k: getattr(steps, k)[0].numpy() for k in ("q", "k", "v", "scores", "scaled", "masked", "weights", "out")}


@st.cache_data(max_entries=16, show_spinner=False)
def run(s: str, position: bool = True, scale: bool = True) -> dict:
    """The answer, the probabilities of each output character, and every attention stage of every layer."""
    model, _ = shell.load(NAME)
    answers, tgt, out = translator.translate(model, [s], position, scale)
    probs = torch.softmax(out.logits[0, :, 3:], -1).numpy()  # (11, 11): after each written character, p(next)
    return {
        "answer": answers[0],
        "input": s[: translator.MAX_INPUT],
        "probs": probs,
        "encoder": [_numpy(steps) for steps in out.encoder],
        "decoder": [_numpy(steps) for steps in out.decoder],
        "cross": [_numpy(steps) for steps in out.cross],
    }


@st.cache_data(max_entries=16, show_spinner=False)
def answers(texts: tuple[str, ...], position: bool = True) -> list[str]:
    model, _ = shell.load(NAME)
    return translator.translate(model, list(texts), position)[0]


@st.cache_data(max_entries=4, show_spinner=False)
def heads_output(s: str, kind: str, layer: int) -> dict[str, np.ndarray]:
    """For one attention block: the heads' outputs concatenated, and the output projection of that."""
    model, _ = shell.load(NAME)
    res = run(s)
    steps = res[kind][layer]
    out = steps["out"]  # (heads, T_q, d_k)
    concat = np.concatenate(list(out), axis=-1)  # (T_q, d_model): head 1's columns first
    layers, name = {
        "encoder": (model.encoder, "attn"),
        "decoder": (model.decoder, "self_attn"),
        "cross": (model.decoder, "cross_attn"),
    }[kind]
    block = getattr(layers[layer], name)
    with torch.no_grad():
        projected = block.W_o(torch.from_numpy(concat)).numpy()
    return {"concat": concat, "projected": projected}


OUTPUT_SYMBOLS = translator.OUTPUT_CHARS[3:]
