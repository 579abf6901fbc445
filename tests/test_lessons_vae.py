"""The VAE page's sentences, checked on the shipped VAE and autoencoder; what a decoding shows is read by the ViT."""

import numpy as np
import pytest
import torch

from tests.apptest import run_page
from ui import shell, vaemodels, vitmodel
from ui.lessons import vae as lesson


def read(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ViT's digit for each 28 × 28 image and its probability."""
    probs = np.array([vitmodel.predict(np.asarray(im, dtype=np.float32))["probs"] for im in images])
    return probs.argmax(1), probs.max(1)


def nearest_label(z: tuple[float, float], k: int = 15) -> int:
    _, labels, codes = vaemodels.heldout()
    near = np.argsort(np.linalg.norm(codes - np.array(z), axis=1))[:k]
    return int(np.bincount(labels[near], minlength=10).argmax())


def prior_draws(n: int = 300) -> np.ndarray:
    return torch.randn((n, 2), generator=torch.Generator().manual_seed(1)).numpy()


def test_the_page_opens_on_the_lesson_s_pair_and_seed():
    at = run_page("pages/34_vae.py")
    assert (at.slider(key="a").value, at.slider(key="b").value) == lesson.PAIR == (5, 45)
    assert at.number_input(key="seed").value == lesson.PRIOR_SEED
    assert at.toggle(key="codes").value is False  # the question reveals the maps


@pytest.mark.parametrize(("step", "digit"), [(0, 0), (1, 1), (2, 6)])
def test_map_guide_the_decoding_is_the_digit_of_the_points_around_the_cross(step, digit):
    view = lesson.MAP.steps[step]
    z = (view["z1"], view["z2"])
    (seen,), (p,) = read(vaemodels.decode(*z)[None])
    assert seen == nearest_label(z) == digit and p > 0.8


def test_grid_guide_a_narrow_grid_holds_a_few_digits_a_wide_one_all_ten():
    narrow, wide = ({k: v for k, v in s.items()} for s in lesson.GRID.steps)
    few = set(read(vaemodels.decode_grid(narrow["z1"], narrow["z2"], narrow["extent"]))[0])
    every = set(read(vaemodels.decode_grid(wide["z1"], wide["z2"], wide["extent"]))[0])
    assert len(few) <= 5 and every == set(range(10))


@pytest.mark.parametrize("step", range(2))
def test_line_guide_latent_frames_are_one_digit_pixel_blends_are_two(step):
    view = lesson.LINE.steps[step]
    a, b = view["a"], view["b"]
    _, labels, _ = vaemodels.heldout()
    assert labels[a] != labels[b]
    assert (labels[a], labels[b]) == [(2, 6), (1, 8)][step]  # the digits the steps name
    latent, pixels = vaemodels.interpolate(a, b)
    digits, p = read(latent)
    assert set(digits) == {labels[a], labels[b]} and digits[0] == labels[a] and digits[-1] == labels[b]
    assert p.min() > 0.8  # every decoded frame is clearly one digit
    _, p_blend = read(pixels[1:-1])
    assert p_blend.min() < 0.5  # somewhere in the middle the ViT cannot tell which digit the blend is


def test_posterior_guide_sigma_small_kl_a_few_nats_elbo_splits_the_two_digits():
    x, labels, _ = vaemodels.heldout()
    card_elbo = shell.load("vae")[1]["metrics"]["test_elbo_nats"]
    good, bad = (vaemodels.posterior(x[s["index"]], lesson.PRIOR_SEED) for s in lesson.POSTERIOR.steps)
    assert [labels[s["index"]] for s in lesson.POSTERIOR.steps] == [6, 0]
    for q in (good, bad):
        assert (q["sigma"] < 0.3).all() and 1 < q["kl"] < 20
        assert q["elbo"] == pytest.approx(q["recon"] - q["kl"], abs=1e-3)
    assert good["elbo"] > card_elbo > bad["elbo"] + 50


def test_prior_guide_at_seed_36_the_vae_draws_eight_digits_the_autoencoder_repeats_a_few():
    assert lesson.PRIOR.steps[0] == {"seed": 36}
    from_vae, from_ae = vaemodels.from_prior(36)
    vae_digits, _ = read(from_vae)
    ae_digits, ae_p = read(from_ae)
    assert len(set(vae_digits)) == 8 and {1, 4, 7} <= set(vae_digits)
    assert len(set(ae_digits)) <= 5 and not set(ae_digits) & {1, 4, 7, 9}
    assert np.isin(ae_digits, [6, 8]).sum() >= 5  # "repeats 6s and 8s"
    assert ae_p.mean() > 0.8  # digit shapes, not noise (the caption says so)


def test_prior_question_the_autoencoder_s_codes_miss_the_circle_and_its_samples_miss_those_digits():
    assert lesson.PRIOR_DIGITS.answer == "some" and lesson.PRIOR_DIGITS.view == {"codes": True}
    f = lesson.prior_facts()
    assert f["mass"] == pytest.approx(86.5, abs=0.1)
    assert f["ae_inside"] < 50 < 70 < f["vae_inside"]
    missing = lesson.missing_digits()
    assert f["missing"] == ", ".join(map(str, missing)) and missing == [1, 4, 7, 9]
    z = prior_draws()
    vae_digits, _ = read(vaemodels._decode("vae", z))
    ae_digits, ae_p = read(vaemodels._decode("autoencoder", z))
    _, labels, _ = vaemodels.heldout()
    in_data = np.isin(labels, missing).mean()  # about four digits in ten
    # almost never from the autoencoder; from the VAE, a share near the data's
    assert np.isin(ae_digits, missing).mean() <= 0.05 < 0.25 <= np.isin(vae_digits, missing).mean() < in_data + 0.1
    assert in_data > 0.3
    assert set(vae_digits) == set(range(10))  # the VAE reaches every kind
    assert ae_p.mean() > 0.8  # and the autoencoder's decodings are digits, not noise


def test_the_autoencoder_s_codes_spread_far_wider_than_the_vae_s():
    _, _, codes = vaemodels.heldout()
    assert vaemodels.autoencoder_codes().std(0).min() > 3 * codes.std(0).max()
