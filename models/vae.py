"""A variational autoencoder with a 2-D latent space, and a plain autoencoder beside it.

Kingma & Welling (2014), "Auto-Encoding Variational Bayes", ICLR. For a binary image x:

    q(z | x) = N(mu(x), diag(sigma(x)²))      the encoder: a variational posterior
    p(z) = N(0, I)                            the prior
    p(x | z) = ∏_i Bernoulli(x_i; σ(f(z)_i))   the decoder
    ELBO(x) = E_q[log p(x | z)] − KL(q(z | x) ‖ p(z)) ≤ log p(x)

Simplified from the paper: MLP encoder and decoder, one sample of z per image in
training, random one-pixel shifts of the training digits (our 4,000 images are few).
The autoencoder has the same networks but a deterministic code and no prior: it
reconstructs, but nothing tells you which codes decode to digits. How both are trained:
`models/training/vae.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass(frozen=True)
class Config:
    n_pixels: int = 784
    n_hidden: int = 512
    n_latent: int = 2
    variational: bool = True  # False: a plain autoencoder


@dataclass(frozen=True)
class VAEOutput:
    x_logits: torch.Tensor  # (B, D): logits of p(x_i = 1 | z)
    mu: torch.Tensor  # (B, n_latent)
    logvar: torch.Tensor  # (B, n_latent): log sigma²
    z: torch.Tensor  # (B, n_latent): the code that was decoded
    recon: torch.Tensor  # (B,): log p(x | z) in nats
    kl: torch.Tensor  # (B,): KL(q(z | x) ‖ p(z)) in nats (0 for the autoencoder)

    @property
    def elbo(self) -> torch.Tensor:
        return self.recon - self.kl


def mlp(sizes: list[int]) -> nn.Sequential:
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


class VAE(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        D, H, L = config.n_pixels, config.n_hidden, config.n_latent
        self.encoder = mlp([D, H, H // 2, 2 * L])
        self.decoder = mlp([L, H // 2, H, D])

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        if not self.config.variational:
            return mu, torch.full_like(mu, -math.inf)
        return mu, logvar.clamp(-12, 6)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Logits of p(x_i = 1 | z), (B, D)."""
        return self.decoder(z)

    def forward(self, x: torch.Tensor, sample: bool = True, generator: torch.Generator | None = None) -> VAEOutput:
        mu, logvar = self.encode(x)
        if self.config.variational and sample:
            # z = mu + sigma * eps, eps ~ N(0, I): the reparameterisation trick
            eps = torch.randn(mu.shape, generator=generator)
            z = mu + torch.exp(0.5 * logvar) * eps
        else:
            z = mu
        x_logits = self.decode(z)
        recon = -F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(-1)
        if self.config.variational:
            # KL(N(mu, sigma²) ‖ N(0, 1)) = ½ Σ (mu² + sigma² − log sigma² − 1)
            kl = 0.5 * (mu.pow(2) + logvar.exp() - logvar - 1).sum(-1)
        else:
            kl = torch.zeros(len(x))
        return VAEOutput(x_logits, mu, logvar, z, recon, kl)

    @torch.no_grad()
    def log_likelihood(self, x: torch.Tensor, k: int, generator: torch.Generator) -> torch.Tensor:
        """Importance-sampled log p(x) with k samples from q(z | x) (Burda et al., 2016), (B,)."""
        mu, logvar = self.encode(x)
        std = torch.exp(0.5 * logvar)
        eps = torch.randn((k, *mu.shape), generator=generator)
        z = mu + std * eps  # (k, B, L)
        log_q = (-0.5 * eps.pow(2) - 0.5 * logvar - 0.5 * math.log(2 * math.pi)).sum(-1)
        log_prior = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(-1)
        logits = self.decode(z.reshape(-1, z.shape[-1])).view(k, *x.shape)
        log_px_z = -F.binary_cross_entropy_with_logits(logits, x.expand(k, -1, -1), reduction="none").sum(-1)
        return torch.logsumexp(log_px_z + log_prior - log_q, dim=0) - math.log(k)


def build(config: Config) -> nn.Module:
    return VAE(config)
