"""The VAE's and the autoencoder's recipe: Adam on the negative ELBO (one sample of z), or on the reconstruction."""

from __future__ import annotations

import torch

from models.training import mnist
from models.training.card import BINARISED_DIGITS, Trained
from models.vae import Config, build

RECIPE = {
    "optimizer": "Adam",
    "lr": 1e-3,
    "batch_size": 100,
    "epochs": 150,
    "lr_decay": "cosine to 0",
    "augmentation": "random shift of up to 1 pixel",
    "validation": "last 400 of the 4,000 training digits; the best epoch by validation ELBO is kept",
    "loss": "negative ELBO with one sample of z (VAE); binary cross-entropy of the reconstruction (autoencoder)",
}
KINDS = {"vae": True, "autoencoder": False}


def train(name: str, seed: int, generator: torch.Generator, progress=None) -> Trained:
    config = Config(variational=KINDS[name])
    model = build(config)
    history = mnist.fit(
        model,
        loss_fn=lambda m, xb, g: -m(xb, generator=g).elbo.mean(),
        # the validation ELBO, negated (lower is better), with the same draws of z every epoch
        val_fn=lambda m, x: -m(x, generator=torch.Generator().manual_seed(0)).elbo.mean().item(),
        recipe=RECIPE,
        generator=generator,
        progress=progress,
        label="val −ELBO" if config.variational else "val −log p(x|z)",
    )
    return Trained(
        model, config, BINARISED_DIGITS, RECIPE, {"validation_elbo_by_epoch": [round(-v, 2) for v in history]}
    )


@torch.no_grad()
def evaluate(model, name: str) -> dict:
    """Held-out ELBO split into reconstruction and KL, and an importance-sampled log-likelihood (seeded)."""
    metrics = {}
    for split in ("train", "test"):
        x = mnist.binarised_digits(split)
        out = model(x, generator=torch.Generator().manual_seed(0))
        if model.config.variational:
            metrics[f"{split}_elbo_nats"] = round(out.elbo.mean().item(), 3)
        metrics[f"{split}_recon_nats"] = round(out.recon.mean().item(), 3)
        if model.config.variational:
            metrics[f"{split}_kl_nats"] = round(out.kl.mean().item(), 3)
    if model.config.variational:
        x = mnist.binarised_digits("test")
        gen = torch.Generator().manual_seed(0)
        ll = torch.cat([model.log_likelihood(x[i : i + 100], k=500, generator=gen) for i in range(0, len(x), 100)])
        metrics["test_log_likelihood_is500_nats"] = round(ll.mean().item(), 3)
    return metrics
