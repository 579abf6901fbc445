"""Which family each shipped model belongs to: its lecture and its recipe.

A family has a lecture, `models/<family>.py`, with a `Config` dataclass and `build(config)`,
and a recipe of the same name, `models/training/<family>.py`, with `train(name, seed,
generator, progress)` returning a `Trained` and `evaluate(model, name)` returning its metrics.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# model name -> family
MODELS: dict[str, str] = {
    "pixel_independent": "pixel",
    "pixel_markov": "pixel",
    "nade": "nade",
    "vae": "vae",
    "autoencoder": "vae",
    "vit": "vit",
    "bigram": "ngram",
    "char_rnn": "charlm",
    "char_lstm": "charlm",
    "char_gru": "charlm",
    "memory_rnn": "memory",
    "memory_lstm": "memory",
    "memory_gru": "memory",
    "memory_rnn_curriculum": "memory",
    "date_translator": "translator",
}


def family_of(name: str) -> str:
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r}; known: {', '.join(MODELS)}")
    return MODELS[name]


def lecture(name: str) -> ModuleType:
    """The module that defines the model: its config, its modules, `build(config)`."""
    return importlib.import_module(f"models.{family_of(name)}")


def recipe(name: str) -> ModuleType:
    """The module that trains the model and measures it for its card."""
    return importlib.import_module(f"models.training.{family_of(name)}")
