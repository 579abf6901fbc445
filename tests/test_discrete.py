import math

import numpy as np
import pytest

from models import discrete


def test_parameter_counts_from_the_notes():
    assert discrete.joint_params(256**3, 1) == 256 * 256 * 256 - 1  # one RGB pixel
    assert discrete.joint_params(2, 10) == 2**10 - 1
    assert discrete.independent_params(2, 784) == 784
    assert discrete.markov_params(2, 784) == 2 * 784 - 1
    assert discrete.nade_params(784, 256) == 2 * 784 * 256 + 784 + 256


def test_log10_joint_matches_exact_when_small_and_scales_when_huge():
    assert discrete.log10_joint(2, 10) == pytest.approx(math.log10(1023))
    assert discrete.log10_joint(2, 784) == pytest.approx(784 * math.log10(2))


def test_readable_count():
    assert discrete.readable_count(math.log10(1567)) == "1,567"
    assert discrete.readable_count(236.0) == "10^236.0"


def test_sampling_is_seeded_and_follows_the_probabilities():
    a = discrete.sample_bernoulli(0.3, 20000, seed=1)
    assert (a == discrete.sample_bernoulli(0.3, 20000, seed=1)).all()
    assert abs(a.mean() - 0.3) < 0.02
    probs, draws = discrete.sample_categorical(np.array([1, 0, 3]), 20000, seed=2)
    assert probs == pytest.approx([0.25, 0.0, 0.75])
    assert (draws != 1).all() and abs((draws == 2).mean() - 0.75) < 0.02


def test_bayes_rule_equals_the_joint_table():
    two = discrete.two_variables(0.2, 0.9, 0.3)
    assert two.joint.sum() == pytest.approx(1.0)
    assert two.joint[1, 1] == pytest.approx(0.2 * 0.9)
    assert two.p_y == pytest.approx(0.2 * 0.9 + 0.8 * 0.3)
    assert two.posterior_bayes == pytest.approx(two.posterior_table)
    assert math.isnan(discrete.two_variables(0.5, 0.0, 0.0).posterior_bayes)
