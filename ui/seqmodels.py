"""Cached results of the character models and the memory models for the sequence pages."""

from __future__ import annotations

import copy

import numpy as np
import streamlit as st
import torch

from models import charlm, memory
from models.data import text
from models.recurrent import names, spectral_radius, state_gradient_norms
from ui import shell

CHAR_MODELS = {"rnn": "char_rnn", "lstm": "char_lstm", "gru": "char_gru"}
MEMORY_MODELS = {
    "rnn": "memory_rnn",
    "rnn_curriculum": "memory_rnn_curriculum",
    "lstm": "memory_lstm",
    "gru": "memory_gru",
}
TOP = 10


def _ids(s: str) -> torch.Tensor:
    return text.encode(s, text.training_chars())


@st.cache_data(max_entries=8, show_spinner=False)
def analyse(kind: str, s: str) -> dict:
    """For a typed text: p(actual next character), the top next characters after each position, every internal."""
    model, _ = shell.load(CHAR_MODELS[kind])
    ids = _ids(s)
    with torch.no_grad():
        out = model(ids[None])
    probs = torch.softmax(out.logits[0], -1)  # (T, V): after reading x_t, p(x_{t+1})
    top = probs.topk(TOP, dim=-1)
    return {
        "p_next": probs[:-1].gather(1, ids[1:, None])[:, 0].numpy(),
        "top_p": top.values.numpy(),
        "top_i": top.indices.numpy(),
        "internals": {n: getattr(out.steps, n)[0].numpy() for n in names(kind)},
    }


@st.cache_data(max_entries=8, show_spinner=False)
def bigram(s: str) -> dict:
    model, _ = shell.load("bigram")
    ids = _ids(s)
    probs = model.log_p[ids].exp()  # (T, V): after x_t, p(x_{t+1} | x_t)
    top = probs.topk(TOP, dim=-1)
    return {"p_next": model(ids).exp().numpy(), "top_p": top.values.numpy(), "top_i": top.indices.numpy()}


@st.cache_data(max_entries=16, show_spinner=False)
def continuation(kind: str, prompt: str, temperature: float, seed: int, n: int = 200) -> str:
    model, _ = shell.load(CHAR_MODELS[kind])
    chars = text.training_chars()
    return "".join(chars[i] for i in charlm.sample(model, _ids(prompt), n, temperature, seed))


@st.cache_data(max_entries=16, show_spinner=False)
def gradient_norms(kind: str, s: str, scale: float = 1.0) -> np.ndarray:
    """‖∂h_T/∂s_t‖ for every t of the typed text; scale multiplies the recurrent matrix (RNN page slider)."""
    model, _ = shell.load(CHAR_MODELS[kind])
    x = model.embed(_ids(s)[None])
    norms = state_gradient_norms(model.rnn, x, model.rnn.weight_hh * scale).detach().numpy()
    if not np.isfinite(norms).all():  # exploded past float32: redo in float64 (twice as slow)
        layer = copy.deepcopy(model.rnn).double()
        norms = state_gradient_norms(layer, x.double(), layer.weight_hh * scale).detach().numpy()
    return norms


@st.cache_data(max_entries=4, show_spinner=False)
def radius(kind: str) -> float:
    model, _ = shell.load(CHAR_MODELS[kind])
    return spectral_radius(model.rnn.weight_hh)


@st.cache_data(max_entries=32, show_spinner=False)
def recall(T: int, seed: int) -> dict:
    """One memory-task sequence of distance T and each model's probabilities for the symbol to recall."""
    x, y = memory.make_batch(1, T, torch.Generator().manual_seed(seed))
    answers = {}
    for kind, name in MEMORY_MODELS.items():
        model, _ = shell.load(name)
        with torch.no_grad():
            answers[kind] = torch.softmax(model(x).logits[0], -1).numpy()
    return {"sequence": memory.as_text(x[0]), "target": int(y[0]), "answers": answers}


def belt(kind: str, s: str, unit: int) -> dict[str, np.ndarray]:
    """One unit's gates and state over the text, with the state split into what it kept and what was written:
    LSTM c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t; GRU h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t (the model's own internals)."""
    out = {name: v[:, unit] for name, v in analyse(kind, s)["internals"].items()}
    state = "c" if kind == "lstm" else "h"
    prev = np.concatenate([[0.0], out[state][:-1]]).astype(np.float32)  # the state starts at zero
    if kind == "lstm":
        kept, written = out["f"] * prev, out["i"] * out["g"]
    else:
        kept, written = out["z"] * prev, (1 - out["z"]) * out["n"]
    return out | {"prev": prev, "kept": kept, "written": written}
