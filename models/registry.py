"""Which model family each shipped model belongs to.

A family is a module with a `Config` dataclass, `build(config)`, `train(name, seed)`
returning `(model, config, card)` and `evaluate(model, name)` returning metrics.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# model name -> family module (inside `models`)
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


def family(name: str) -> ModuleType:
    return importlib.import_module(f"models.{family_of(name)}")
