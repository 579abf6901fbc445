"""The maximum-likelihood page's sentences, checked against the exact computations at the views they name."""

import numpy as np
import pytest

from models import mle
from tests.apptest import run_page
from ui.lessons import mle as lesson


def falls(xs) -> bool:
    return all(b <= a + 1e-12 for a, b in zip(xs, xs[1:], strict=False))


def test_the_page_opens_at_the_guide_s_n_and_bins():
    at = run_page("pages/33_mle.py")
    assert (at.slider(key="n").value, at.slider(key="bins").value, at.slider(key="step").value) == (1000, 20, 0)
    assert lesson.FIT.steps[0] == {"n": lesson.N, "bins": lesson.BINS, "step": 0}


@pytest.mark.parametrize("seed", range(20))
def test_fit_guide_nll_cross_entropy_and_kl_fall_together_over_the_first_100_steps(seed):
    curve = lesson.fitted(lesson.N, seed, lesson.BINS)[1][:101]
    assert falls([f.empirical_nll for f in curve])
    assert falls([f.cross_entropy for f in curve])
    assert falls([f.kl for f in curve])


def test_fit_guide_at_the_default_seed_the_kl_falls_for_the_whole_run_and_the_numbers_quoted():
    curve = lesson.fitted(lesson.N, 0, lesson.BINS)[1]
    assert len(curve) == lesson.MAX_STEPS + 1 and falls([f.kl for f in curve])
    v = lesson.fit_values(0)
    assert v["kl0"] == pytest.approx(curve[0].kl) and v["kl100"] == pytest.approx(curve[100].kl)
    assert v["kl100"] < v["kl0"] / 5  # a fall the student can see, not a rounding error
    assert v["nll100"] < v["nll0"]


def test_the_old_defaults_did_not_show_it():
    # at N = 50, b = 40 the KL rose while the NLL fell: the reason the defaults moved
    curve = lesson.fitted(50, 0, 40)[1]
    assert falls([f.empirical_nll for f in curve]) and not falls([f.kl for f in curve])


def test_identity_kl_is_cross_entropy_minus_entropy():
    now = lesson.fitted(lesson.N, 0, lesson.BINS)[1][30]
    p, q = mle.p_data(), now.probs
    assert now.kl == pytest.approx(float((p * np.log(p / q)).sum()))


@pytest.mark.parametrize("seed", range(20))
def test_overfit_question_held_out_is_above_training_and_training_beats_the_entropy(seed):
    assert lesson.OVERFIT.answer == "above"
    assert lesson.OVERFIT.view == {"n": 20, "bins": mle.K, "step": 100}
    f = lesson.overfit_facts(seed)
    assert f["held"] > f["train"] + 1.0
    assert f["train"] < f["h"] < f["held"]


def test_capacity_guide_few_samples_want_few_bins_many_samples_many():
    assert lesson.CAPACITY.steps == ({"n": 20}, {"n": 2000})
    v = lesson.capacity_values(0)
    assert v["best_few"] < 10 < 30 < v["best_many"]
    fits = lesson.capacity(20, 0)
    ce = [f.cross_entropy for f in fits]
    assert ce[-1] > ce[v["best_few"] - 1] + 1.0  # climbs steeply after the best
    # the training NLL prefers more bins: 40 bins beat the best capacity on the samples themselves
    assert fits[-1].empirical_nll < fits[v["best_few"] - 1].empirical_nll


def test_directions_guide_reverse_picks_the_left_mode_forward_covers_both():
    v = lesson.directions_values()
    assert abs(v["f2"] - v["r2"]) < 0.2 and abs(v["r2"]) < 0.5  # both in the middle
    assert v["r7"] == pytest.approx(-3.5, abs=0.3) and v["rs7"] == pytest.approx(1.0, abs=0.2)  # the left mode
    assert abs(v["f7"]) < 1.0 and v["fs7"] > 3.0  # in between, wide
