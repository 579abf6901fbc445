"""The VAE: its ELBO pieces against direct computations, and the shipped weights against their cards."""

import math

import pytest
import torch
from torch.distributions import Bernoulli, Normal, kl_divergence

from models import data, evaluate, hub, vae


@pytest.fixture(scope="module")
def small():
    torch.manual_seed(0)
    return vae.VAE(vae.Config(n_pixels=12, n_hidden=8)).double()


def test_kl_matches_torch_distributions(small):
    x = torch.bernoulli(torch.full((4, 12), 0.5, dtype=torch.float64))
    out = small(x, generator=torch.Generator().manual_seed(0))
    q = torch.distributions.Normal(out.mu, torch.exp(0.5 * out.logvar))
    p = torch.distributions.Normal(torch.zeros_like(out.mu), torch.ones_like(out.mu))
    assert torch.allclose(out.kl, torch.distributions.kl_divergence(q, p).sum(-1))


def test_reconstruction_is_the_bernoulli_log_likelihood(small):
    x = torch.bernoulli(torch.full((3, 12), 0.3, dtype=torch.float64))
    out = small(x, sample=False)
    expected = torch.distributions.Bernoulli(logits=small.decode(out.mu)).log_prob(x).sum(-1)
    assert torch.allclose(out.recon, expected)
    assert torch.equal(out.z, out.mu)


def test_elbo_is_the_reconstruction_at_a_reparameterised_z_minus_the_kl(small):
    x = torch.bernoulli(torch.full((5, 12), 0.4, dtype=torch.float64), generator=torch.Generator().manual_seed(2))
    out = small(x, generator=torch.Generator().manual_seed(3))
    # by hand from the encoder's and decoder's own outputs: z = mu + sigma * eps with the same eps
    mu, logvar = small.encoder(x).chunk(2, dim=-1)
    q = Normal(mu, torch.exp(0.5 * logvar))
    eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    z = q.loc + q.scale * eps
    recon = Bernoulli(logits=small.decoder(z)).log_prob(x).sum(-1)
    kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(-1)
    assert torch.allclose(out.z, z)
    assert torch.allclose(out.elbo, recon - kl)


def test_importance_sampling_bounds_the_elbo_and_is_exact_in_the_limit(small):
    x = torch.bernoulli(torch.full((2, 12), 0.5, dtype=torch.float64))
    gen = torch.Generator().manual_seed(0)
    ll = small.log_likelihood(x.float().double(), k=20000, generator=gen)
    # log p(x) = log ∫ p(x|z) p(z) dz, by brute force on a grid over the 2-D latent space
    ticks = torch.linspace(-8, 8, 401, dtype=torch.float64)
    z = torch.cartesian_prod(ticks, ticks)
    log_prior = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(-1)
    logits = small.decode(z)
    for i in range(len(x)):
        log_px_z = torch.distributions.Bernoulli(logits=logits).log_prob(x[i]).sum(-1)
        exact = torch.logsumexp(log_px_z + log_prior, 0) + 2 * math.log(ticks[1] - ticks[0])
        assert ll[i].item() == pytest.approx(exact.item(), abs=0.02)
    elbo = small(x, generator=gen).elbo
    assert (elbo <= ll + 1e-6).all()


@pytest.mark.parametrize("name", ["vae", "autoencoder"])
def test_shipped_weights_reproduce_their_card(name):
    assert evaluate.check(name) == []


def test_vae_card_meets_the_target():
    metrics = hub.read_card("vae")["metrics"]
    assert metrics["test_elbo_nats"] >= -150.0
    assert metrics["test_log_likelihood_is500_nats"] >= metrics["test_elbo_nats"]


@torch.no_grad()
def test_card_elbo_terms_recomputed_from_the_encoder_and_decoder():
    """The card's held-out KL exactly and its one-sample reconstruction within Monte-Carlo error, by torch.distributions."""
    model, card = hub.load("vae")
    metrics = card["metrics"]
    x, _ = data.heldout(binarised=True)  # the digits shipped for the app, not the training pipeline's copy
    x = torch.from_numpy(x.reshape(len(x), -1))
    mu, logvar = model.encoder(x).chunk(2, dim=-1)
    q = Normal(mu, torch.exp(0.5 * logvar))
    kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(-1).mean().item()
    # E_q[log p(x | z)] with 64 draws of z per digit; the card's single draw per digit has a spread of about 0.1
    eps = torch.randn((64, *mu.shape), generator=torch.Generator().manual_seed(1))
    recon = Bernoulli(logits=model.decoder(q.loc + q.scale * eps)).log_prob(x).sum(-1).mean().item()
    assert kl == pytest.approx(metrics["test_kl_nats"], abs=2e-3)
    assert recon == pytest.approx(metrics["test_recon_nats"], abs=0.5)
    assert recon - kl == pytest.approx(metrics["test_elbo_nats"], abs=0.5)
