"""Maximum likelihood on a known distribution: the identities the page shows hold for real."""

import numpy as np
import pytest

from models import mle


@pytest.fixture(scope="module")
def counts():
    return np.bincount(mle.sample(60, seed=3), minlength=mle.K)


def test_p_data_and_model_are_distributions(counts):
    assert mle.p_data().sum() == pytest.approx(1.0)
    for bins in (1, 7, 40):
        q = mle.model_probs(mle.fit(counts, bins, 20))
        assert q.sum() == pytest.approx(1.0) and (q > 0).all()


def test_kl_is_cross_entropy_minus_entropy_and_never_negative(counts):
    for fit in mle.training_curve(counts, 10, 50):
        p, q = mle.p_data(), fit.probs
        assert fit.kl == pytest.approx(float((p * np.log(p / q)).sum()))
        assert fit.kl >= 0


def test_training_lowers_the_empirical_nll_every_step(counts):
    nll = [f.empirical_nll for f in mle.training_curve(counts, 40, 100)]
    assert all(b <= a + 1e-12 for a, b in zip(nll, nll[1:], strict=False))


def test_gradient_descent_reaches_the_closed_form_mle(counts):
    bins = 5
    share = np.bincount(mle.bin_of(bins), weights=counts, minlength=bins) / counts.sum()
    q = np.exp(mle.fit(counts, bins, 2000))
    assert q / q.sum() == pytest.approx(share, abs=1e-4)


def test_too_many_bins_overfit_and_too_few_underfit(counts):
    curve = mle.capacity_curve(counts, 300)
    train = [f.empirical_nll for f in curve]
    heldout = [f.cross_entropy for f in curve]
    best = int(np.argmin(heldout))
    assert 0 < best < mle.K - 1  # neither extreme is best
    assert train[-1] < train[0] and heldout[-1] > heldout[best]  # overfitting: the gap opens
    assert heldout[0] - curve[0].entropy > heldout[best] - curve[0].entropy  # underfitting: one bin is far off


def test_forward_kl_covers_both_modes_and_reverse_picks_one():
    forward, reverse = mle.best_gaussians(mle.two_modes(6.0, 0.5))
    assert abs(forward.mu) < 0.5 and forward.sigma > 2.5
    assert abs(abs(reverse.mu) - 3.0) < 0.5 and reverse.sigma < 1.5


@pytest.mark.parametrize(("n", "seed"), [(20, 0), (1000, 3)])
def test_the_capacity_curve_runs_every_models_descent_side_by_side_and_gets_each_ones_own_fit(n, seed):
    counts = np.bincount(mle.sample(n, seed), minlength=mle.K).astype(float)
    together = mle.capacity_curve(counts, 300)
    for b, fit in enumerate(together, start=1):
        alone = mle.measure(mle.fit(counts, b, 300), counts)  # the one-model descent the page teaches
        np.testing.assert_allclose(fit.probs, alone.probs, rtol=0, atol=1e-12)
        assert fit.cross_entropy == pytest.approx(alone.cross_entropy, abs=1e-12)
        assert fit.empirical_nll == pytest.approx(alone.empirical_nll, abs=1e-12)


@pytest.mark.parametrize("bins", [1, 7, 40])
def test_the_training_curve_is_measure_of_every_steps_theta(bins):
    counts = np.bincount(mle.sample(300, 4), minlength=mle.K)
    curve = mle.training_curve(counts, bins, 30)
    one_by_one = [mle.measure(theta, counts) for theta in mle.descent(counts, bins, 30)]
    assert len(curve) == len(one_by_one) == 31
    for ours, theirs in zip(curve, one_by_one, strict=True):
        assert np.allclose(ours.probs, theirs.probs, rtol=1e-12, atol=0)
        for field in ("empirical_nll", "cross_entropy", "entropy"):
            assert getattr(ours, field) == pytest.approx(getattr(theirs, field), rel=1e-12, abs=0)
