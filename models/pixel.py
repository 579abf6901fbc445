"""Two simple models of binary pixel images, fitted by counting.

Independent Bernoulli: p(x) = ∏_i p(x_i), n parameters.
Markov chain in raster order: p(x) = p(x_1) ∏_{i>1} p(x_i | x_{i-1}), 1 + 2(n - 1) = 2n - 1
parameters. Both are the maximum-likelihood fit with add-alpha (Laplace) smoothing,
so "training" is a closed-form count over the 4,000 training digits (`models/training/pixel.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from models.common import PixelOutput, bernoulli_log_prob


@dataclass(frozen=True)
class Config:
    kind: str = "independent"  # "independent" or "markov"
    n_pixels: int = 784
    alpha: float = 1.0  # add-alpha smoothing of the counts


class IndependentBernoulli(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        self.theta_logit = nn.Parameter(torch.zeros(config.n_pixels))  # logit p(x_i = 1)

    def n_params(self) -> int:
        return self.config.n_pixels

    def forward(self, x: torch.Tensor) -> PixelOutput:
        logits = self.theta_logit.expand_as(x)
        return PixelOutput(logits, bernoulli_log_prob(logits, x).sum(-1))

    @torch.no_grad()
    def sample(self, n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        """n images (n, D) and p(x_i = 1) for each of their pixels."""
        p = torch.sigmoid(self.theta_logit).expand(n, -1)
        return torch.bernoulli(p, generator=generator), p


class MarkovChain(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        self.first_logit = nn.Parameter(torch.zeros(1))  # logit p(x_1 = 1)
        # transition_logit[i - 1, a] = logit p(x_i = 1 | x_{i-1} = a), for i = 2..n
        self.transition_logit = nn.Parameter(torch.zeros(config.n_pixels - 1, 2))

    def n_params(self) -> int:
        return 2 * self.config.n_pixels - 1

    def forward(self, x: torch.Tensor) -> PixelOutput:
        prev = x[:, :-1].long()  # x_{i-1} for i = 2..n
        rest = self.transition_logit.unsqueeze(0).expand(len(x), -1, -1).gather(2, prev.unsqueeze(-1)).squeeze(-1)
        logits = torch.cat([self.first_logit.expand(len(x), 1), rest], dim=1)
        return PixelOutput(logits, bernoulli_log_prob(logits, x).sum(-1))

    @torch.no_grad()
    def sample(self, n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        """n images (n, D), pixel by pixel, and p(x_i = 1 | x_{i-1}) for each of their pixels."""
        x = torch.zeros(n, self.config.n_pixels)
        x[:, 0] = torch.bernoulli(torch.sigmoid(self.first_logit).expand(n), generator=generator)
        p_given = torch.sigmoid(self.transition_logit)
        for i in range(1, self.config.n_pixels):
            p = p_given[i - 1].gather(0, x[:, i - 1].long())
            x[:, i] = torch.bernoulli(p, generator=generator)
        return x, self(x).p


def build(config: Config) -> nn.Module:
    return {"independent": IndependentBernoulli, "markov": MarkovChain}[config.kind](config)
