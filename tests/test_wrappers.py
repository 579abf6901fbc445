"""The cached wrappers in ui/ compute what the pages plot: each checked against an independent path."""

import math

import numpy as np
import pytest
import torch

from models import data, translator
from ui import datemodel, pixelmodels, seqmodels, shell, vaemodels

DATE = "24 Nov 2026"


def test_heads_output_is_what_the_attention_block_itself_returns():
    model, _ = shell.load(datemodel.NAME)
    seen = {}
    blocks = {"encoder": model.encoder[0].attn, "cross": model.decoder[1].cross_attn}
    hooks = [
        b.register_forward_hook(lambda m, i, o, k=k: seen.__setitem__(k, o[0][0].numpy())) for k, b in blocks.items()
    ]
    try:
        translator.translate(model, [DATE])  # the last pass is the one the pages show
    finally:
        for h in hooks:
            h.remove()
    for kind, layer in (("encoder", 0), ("cross", 1)):
        got = datemodel.heads_output(DATE, kind, layer)["projected"]
        np.testing.assert_allclose(got, seen[kind][: len(got)], atol=1e-5)


def test_attention_step_is_the_models_own_numbers_and_unscaled_is_sharper():
    step = datemodel.attention_step(DATE, 0, 0, 3, scale=True)
    assert step["diff_from_model"] < 1e-5
    assert step["weights"].sum() == pytest.approx(1.0, abs=1e-6)
    d_k = step["q"].shape[0]
    np.testing.assert_allclose(step["scores"], step["k"] @ step["q"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(step["scaled"], step["scores"] / math.sqrt(d_k), rtol=1e-6)
    plain = datemodel.attention_step(DATE, 0, 0, 3, scale=False)
    e = np.exp(plain["scores"] - plain["scores"].max())
    np.testing.assert_allclose(plain["weights"], e / e.sum(), atol=1e-6)
    # the page's lesson: without ÷√d_k the softmax saturates (a higher peak, fewer bits of spread)
    assert plain["peak"] > step["peak"] and plain["entropy_bits"] < step["entropy_bits"]


def test_encoding_follows_the_paper_formula_and_similarity_is_cosine():
    pe, sim = datemodel.encoding(40, 16)
    pos, i = 7, 3  # PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(...)
    assert pe[pos, 2 * i] == pytest.approx(math.sin(pos / 10000 ** (2 * i / 16)), abs=1e-6)
    assert pe[pos, 2 * i + 1] == pytest.approx(math.cos(pos / 10000 ** (2 * i / 16)), abs=1e-6)
    np.testing.assert_allclose(np.diag(sim), 1.0, atol=1e-6)
    a, b = pe[3], pe[20]
    assert sim[3, 20] == pytest.approx(a @ b / np.linalg.norm(a) / np.linalg.norm(b), abs=1e-6)


def test_heldout_accuracy_matches_the_card_and_drops_without_positions():
    card = shell.load(datemodel.NAME)[1]
    with_pe, without = datemodel.heldout_accuracy(True), datemodel.heldout_accuracy(False)
    assert with_pe["accuracy"] >= card["metrics"]["test_exact_match_worst"]  # a subset of the card's dates
    assert without["accuracy"] < 0.1 < with_pe["accuracy"]


def test_nade_log_likelihood_matches_the_card_per_digit():
    x = data.heldout(binarised=True)[0][:3].reshape(3, -1)
    card = shell.load("nade")[1]
    for i in range(3):
        nll = -pixelmodels.log_likelihood("nade", x[i]).sum()
        assert nll == pytest.approx(card["metrics"]["test_nll_per_digit"][i], abs=0.01)


def test_vae_posterior_mean_is_the_encoders_mean():
    x = data.heldout(binarised=True)[0][5].reshape(-1)
    model, _ = shell.load("vae")
    with torch.no_grad():
        mu, logvar = model.encode(torch.from_numpy(x[None]))
    q = vaemodels.posterior(x, 0)
    np.testing.assert_allclose(q["mu"], mu[0].numpy(), atol=1e-6)
    np.testing.assert_allclose(q["sigma"], torch.exp(0.5 * logvar[0]).numpy(), atol=1e-6)
    assert q["kl"] >= 0


def test_char_model_probabilities_give_the_models_cross_entropy():
    s = 'The "print()" function writes its arguments.'
    model, _ = shell.load("char_lstm")
    ids = seqmodels._ids(s)
    with torch.no_grad():
        logits = model(ids[None]).logits[0]
    loss = torch.nn.functional.cross_entropy(logits[:-1], ids[1:]).item()
    p = seqmodels.analyse("lstm", s)["p_next"]
    assert -np.log(p).mean() == pytest.approx(loss, rel=1e-5)
