"""The distributions page's sentences, checked against models/discrete.py and the shipped pixel models."""

import numpy as np
import pytest

from models import discrete
from ui import pixelmodels, shell
from ui.lessons import distributions as lesson

DEFAULT_P, DEFAULT_DIE = 0.3, (1,) * 6  # the page's defaults


def test_sampling_guide_frequencies_approach_probabilities():
    assert lesson.SAMPLING.steps == ({"n": 10}, {"n": 2000})
    v = lesson.sampling_values(DEFAULT_P, DEFAULT_DIE, 0)
    assert v["gap10"] > 0.1 and v["gap2000"] < 0.02
    for seed in range(10):  # at 2,000 samples the gap is small for any seed and any p
        for p in (0.05, 0.5, 0.9):
            assert lesson.gap(p, (3, 1, 0, 2, 5, 1), 2000, seed) < 0.05


def test_sampling_gap_is_what_the_charts_show():
    x = discrete.sample_bernoulli(0.3, 10, 0)
    probs, draws = discrete.sample_categorical(np.ones(6), 10, 0)
    coin = np.abs(np.bincount(x, minlength=2) / 10 - [0.7, 0.3]).max()
    die = np.abs(np.bincount(draws, minlength=6) / 10 - probs).max()
    assert lesson.gap(0.3, DEFAULT_DIE, 10, 0) == pytest.approx(max(coin, die))


def test_one_pixel_question_an_rgb_pixel_needs_256_cubed_minus_one():
    assert lesson.ONE_PIXEL.answer == "joint" and lesson.ONE_PIXEL.view == {"kind": "rgb", "side": 1}
    k = discrete.VALUES["rgb"]
    assert discrete.joint_params(k, 1) == 256**3 - 1 == 16_777_215
    f = lesson.one_pixel_facts()
    assert f["joint"] == "16,777,215" == discrete.readable_count(discrete.log10_joint(k, 1))  # the metric on screen
    assert f["channels"] == discrete.independent_params(256, 3) == 3 * 255


def test_counts_guide_the_joint_doubles_per_pixel_assumptions_grow_linearly():
    v = lesson.counts_values()
    assert [s["side"] ** 2 for s in lesson.COUNTS.steps] == [4, 25, 784]
    assert v["j4"] == 15 and v["j25"] == 2**25 - 1
    assert v["j784"] == "10^236.0" and 236 < 784 * np.log10(2) < 236.1
    assert v["i784"] == 784 and v["m784"] == 2 * 784 - 1
    for n in range(1, 30):  # doubles with each pixel: 2^(n+1) − 1 = 2 (2^n − 1) + 1
        assert discrete.joint_params(2, n + 1) == 2 * discrete.joint_params(2, n) + 1
        assert discrete.markov_params(2, n) == 2 * n - 1 and discrete.independent_params(2, n) == n


def test_base_rate_question_wet_grass_still_probably_means_no_rain():
    assert lesson.BASE_RATE.answer == "no"
    f = lesson.base_rate_facts()
    assert f["post"] < 0.5 and f["post"] == pytest.approx(0.9 * 0.05 / (0.9 * 0.05 + 0.3 * 0.95))
    assert f["times"] == pytest.approx(f["post"] / 0.05) and f["times"] > 2
    assert f["wet_dry"] > f["wet_rain"]
    two = lesson.rain(lesson.BASE_RATE.view)
    assert two.posterior_table == pytest.approx(two.posterior_bayes)


def test_evidence_guide_rarer_evidence_without_the_cause_says_more():
    v = lesson.evidence_values()
    assert v["prior"] == 0.5 < v["a"] < v["b"]
    assert v["a"] == pytest.approx(0.75) and v["b"] > 0.98
    for view in lesson.EVIDENCE.steps:  # Bayes' rule and the joint table agree
        two = lesson.rain(view)
        assert two.posterior_bayes == pytest.approx(two.posterior_table)


def test_pixels_guide_nll_falls_as_pixels_see_more_and_the_counts_match_discrete():
    v = lesson.pixels_values()
    assert v["ind"] > v["mar"] > v["nade"]
    for name in pixelmodels.NAMES:
        card = shell.load(name)[1]
        assert v[{"pixel_independent": "ind", "pixel_markov": "mar", "nade": "nade"}[name]] == pytest.approx(
            card["metrics"]["test_nll_nats"], abs=0.01
        )
    params = [shell.load(name)[1]["n_params"] for name in pixelmodels.NAMES]
    assert params == [
        discrete.independent_params(2, 784),
        discrete.markov_params(2, 784),
        discrete.nade_params(784, pixelmodels.NADE_HIDDEN),
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pixels_guide_noise_streaks_digits_as_judged_by_likelihood(seed):
    # "noise" and "digits", measured: NADE's log-likelihood of each model's samples beside real digits'
    def nll(images):
        return np.mean([-pixelmodels.log_likelihood("nade", im.reshape(-1)).sum() for im in images])

    ind, mar, nade = (nll(pixelmodels.samples(name, seed)) for name in pixelmodels.NAMES)
    real = nll(pixelmodels.real_digits(seed))
    assert ind > mar > 2 * real
    assert nade < real + 30
