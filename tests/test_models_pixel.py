"""The binary-pixel models: our NADE against a step-by-step reference, and the shipped weights against their cards."""

import pytest
import torch

from models import data, evaluate, hub, nade
from models.training import card
from models.training.mnist import binarised_digits, shift


def reference_nade_log_prob(model: nade.NADE, x: torch.Tensor) -> torch.Tensor:
    """The paper's equations, one pixel at a time, no running sums."""
    total = torch.zeros(len(x), dtype=x.dtype)
    for i in range(x.shape[1]):
        h_i = torch.sigmoid(model.c + x[:, :i] @ model.W[:, :i].T)
        p_i = torch.sigmoid(model.b[i] + h_i @ model.V[i])
        total += x[:, i] * torch.log(p_i) + (1 - x[:, i]) * torch.log1p(-p_i)
    return total


@pytest.fixture(scope="module")
def small_nade():
    torch.manual_seed(0)
    model = nade.NADE(nade.Config(n_pixels=30, n_hidden=7))
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.5)
    return model.double()


def test_nade_forward_equals_the_equations(small_nade):
    x = torch.bernoulli(torch.full((5, 30), 0.4, dtype=torch.float64), generator=torch.Generator().manual_seed(1))
    got = small_nade(x).log_prob
    assert torch.allclose(got, reference_nade_log_prob(small_nade, x), atol=1e-10)


def test_nade_sampling_matches_its_own_conditionals_and_keeps_the_prefix():
    torch.manual_seed(0)
    model = nade.NADE(nade.Config(n_pixels=30, n_hidden=7))
    prefix = torch.ones(3, 10)
    x, p = model.sample(3, torch.Generator().manual_seed(0), prefix=prefix)
    assert torch.equal(x[:, :10], prefix)
    assert torch.allclose(p, model(x).p, atol=1e-6)
    again, _ = model.sample(3, torch.Generator().manual_seed(0), prefix=prefix)
    assert torch.equal(x, again)


def reference_nade_sample(model: nade.NADE, n: int, generator: torch.Generator, prefix: torch.Tensor) -> tuple:
    """Sampling one pixel at a time from the first, the kept pixels copied from the prefix on the way."""
    D = model.config.n_pixels
    x, p, a = torch.zeros(n, D), torch.zeros(n, D), model.c.expand(n, -1).clone()
    for i in range(D):
        p[:, i] = torch.sigmoid(model.b[i] + torch.sigmoid(a) @ model.V[i])
        x[:, i] = prefix[:, i] if i < prefix.shape[1] else torch.bernoulli(p[:, i], generator=generator)
        a += x[:, i : i + 1] * model.W[:, i]
    return x, p


@pytest.mark.parametrize(("ink", "seed", "shared"), [(0, 0, True), (40, 1, True), (-1, 2, True), (40, 3, False)])
def test_nade_completions_are_the_pixel_by_pixel_sampler_s(ink, seed, shared):
    """The kept pixels' context is computed in one pass; the pixels drawn after them are the ones drawing every
    pixel in turn gives, from the same random numbers (the shipped NADE, a held-out digit kept up to and with
    one of its ink pixels; one prefix for every completion, or a different one for each)."""
    model, _ = hub.load("nade")
    digits = torch.from_numpy(data.heldout(binarised=True)[0][3:9].reshape(6, -1))
    kept = int(torch.nonzero(digits[0])[ink]) + 1
    prefix = digits[0, :kept].expand(6, -1) if shared else digits[:, :kept]
    with torch.no_grad():
        x, p = model.sample(6, torch.Generator().manual_seed(seed), prefix=prefix)
        want_x, want_p = reference_nade_sample(model, 6, torch.Generator().manual_seed(seed), prefix)
    assert torch.equal(x, want_x)
    assert torch.allclose(p, want_p, atol=1e-5)


def test_markov_chain_conditionals_and_parameter_count():
    model, _, _ = card.build("pixel_markov", seed=0)
    assert model.n_params() == 2 * 784 - 1 == sum(p.numel() for p in model.parameters())
    x, p = model.sample(4, torch.Generator().manual_seed(0))
    assert x.shape == (4, 784) and set(x.unique().tolist()) <= {0.0, 1.0}
    # the second pixel's probability depends only on the first
    expected = torch.sigmoid(model.transition_logit[0, x[:, 0].long()])
    assert torch.allclose(p[:, 1], expected)


def test_independent_model_is_the_smoothed_pixel_mean():
    model, _, _ = card.build("pixel_independent", seed=0)
    x = binarised_digits("train")
    expected = (x.sum(0) + 1) / (len(x) + 2)
    assert torch.allclose(torch.sigmoid(model.theta_logit), expected, atol=1e-6)


def test_shift_moves_images_by_at_most_one_pixel():
    x = torch.zeros(50, 784)
    x[:, 14 * 28 + 14] = 1
    moved = shift(x, torch.Generator().manual_seed(0)).view(50, 28, 28)
    rows, cols = torch.nonzero(moved, as_tuple=True)[1:]
    assert len(rows) == 50 and (abs(rows - 14) <= 1).all() and (abs(cols - 14) <= 1).all()


@pytest.mark.parametrize("name", ["pixel_independent", "pixel_markov", "nade"])
def test_shipped_weights_reproduce_their_card(name):
    assert evaluate.check(name) == []


def test_cards_meet_the_targets_of_the_issue():
    nll = {
        name: hub.read_card(name)["metrics"]["test_nll_nats"] for name in ("pixel_independent", "pixel_markov", "nade")
    }
    assert nll["nade"] <= 80.0
    assert nll["nade"] < nll["pixel_markov"] < nll["pixel_independent"]
