"""Cached results of the date translator for the Transformer pages."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from models import translator
from models.attention import scaled_dot_product_attention
from models.data import datereader, dates
from ui import shell

NAME = "date_translator"
PER_FORMAT = 8  # held-out dates per format for the with / without positions comparison


def _numpy(steps) -> dict[str, np.ndarray]:
    return {k: getattr(steps, k)[0].numpy() for k in ("q", "k", "v", "scores", "scaled", "masked", "weights", "out")}


@st.cache_data(max_entries=16, show_spinner=False)
def run(s: str, position: bool = True, scale: bool = True) -> dict:
    """The answer, the probabilities of each output character, and every attention stage of every layer."""
    model, _ = shell.load(NAME)
    answers, tgt, out = translator.translate(model, [s], position, scale)
    probs = torch.softmax(out.logits[0, :, 3:], -1).numpy()  # (11, 11): after each written character, p(next)
    written = tgt[0, 1:].numpy() - 3  # the ten characters written, as indices into OUTPUT_SYMBOLS
    return {
        "answer": answers[0],
        "input": s[: translator.MAX_INPUT],
        "probs": probs,
        "confidence": probs[np.arange(translator.OUTPUT_LEN), written],  # p of each character at its step
        "encoder": [_numpy(steps) for steps in out.encoder],
        "decoder": [_numpy(steps) for steps in out.decoder],
        "cross": [_numpy(steps) for steps in out.cross],
    }


@st.cache_data(max_entries=32, show_spinner=False)
def likelihood(s: str, iso: str) -> float:
    """The model's probability of answering `iso` to `s`: the product of its ten characters' probabilities,
    the decoder reading `iso` as if it had written it (teacher forcing, one pass)."""
    model, _ = shell.load(NAME)
    return float(np.exp(np.log(datereader.forced(model, [s], [iso])[0]).sum()))


@st.cache_data(max_entries=16, show_spinner=False)
def answers(texts: tuple[str, ...], position: bool = True) -> list[str]:
    model, _ = shell.load(NAME)
    return translator.answers(model, list(texts), position)


@st.cache_data(max_entries=2, show_spinner=False)
def heldout_accuracy(position: bool = True) -> dict:
    """Share of held-out dates (PER_FORMAT of each format) the model rewrites exactly, with or without positions."""
    sample = [ex for f in dates.FORMATS for ex in translator.heldout(f, PER_FORMAT)]
    got = answers(tuple(text for text, _, _ in sample), position=position)
    right = [a == iso for a, (_, iso, _) in zip(got, sample, strict=True)]
    return {"accuracy": float(np.mean(right)), "n": len(sample)}


@st.cache_data(max_entries=16, show_spinner=False)
def encoding(length: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The sinusoidal encoding (length, width) and the cosine similarity of every pair of positions."""
    pe = translator.positional_encoding(length, width).numpy()
    unit = pe / np.linalg.norm(pe, axis=1, keepdims=True)
    return pe, unit @ unit.T


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


def _query(a: dict, head: int, token: int, scale: bool) -> dict:
    """One query of one head of an encoder layer's run (`a`), stage by stage, from the model's own attention
    function: what attention_step and every_query return."""
    q, k, v = (torch.from_numpy(a[n][head]) for n in ("q", "k", "v"))  # (T, d_k) each
    steps = scaled_dot_product_attention(q[token : token + 1], k, v, scale=scale)
    weights = steps.weights[0].numpy()
    return {
        "q": q[token].numpy(),
        "k": k.numpy(),
        "v": v.numpy(),
        "scores": steps.scores[0].numpy(),
        "scaled": steps.scaled[0].numpy(),
        "weights": weights,
        "out": steps.out[0].numpy(),
        "peak": float(weights.max()),
        "entropy_bits": float(-(weights * np.log2(np.clip(weights, 1e-12, None))).sum()),
        # the same numbers as inside the model's forward pass (which always scales)
        "diff_from_model": float(
            max(
                np.abs(steps.scores[0].numpy() - a["scores"][head, token]).max(),
                np.abs(steps.out[0].numpy() - a["out"][head, token]).max(),
            )
        )
        if scale
        else None,
    }


@st.cache_data(max_entries=64, show_spinner=False)
def attention_step(s: str, layer: int, head: int, token: int, scale: bool = True) -> dict:
    """One query of one encoder head, stage by stage, from the model's own attention function.

    q, k and v are the trained model's (layer and head counted from 0); with scale=False the same q and k
    go through the attention without ÷√d_k, so that the page can show what the scaling changes.
    """
    return _query(run(s)["encoder"][layer], head, token, scale)


@st.cache_data(max_entries=8, show_spinner=False)
def every_query(s: str, scale: bool = True) -> dict[str, np.ndarray]:
    """attention_step for every encoder layer, head and query token at once, each the very same numbers:
    q, out (layers, heads, T, d_k); scores, scaled, weights (layers, heads, T, T); peak, entropy_bits,
    diff_from_model (layers, heads, T; NaN for the difference without the scaling)."""
    enc = run(s)["encoder"]
    steps = [[[_query(a, h, t, scale) for t in range(a["q"].shape[1])] for h in range(a["q"].shape[0])] for a in enc]
    out = {}
    for name in ("q", "out", "scores", "scaled", "weights"):
        out[name] = np.array([[[step[name] for step in head] for head in layer] for layer in steps])
    for name in ("peak", "entropy_bits", "diff_from_model"):
        values = [
            [[np.nan if step[name] is None else step[name] for step in head] for head in layer] for layer in steps
        ]
        out[name] = np.array(values, dtype=np.float64)
    return out


OUTPUT_SYMBOLS = translator.OUTPUT_CHARS[3:]
