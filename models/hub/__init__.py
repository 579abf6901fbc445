"""The model hub: weights as safetensors, each with a JSON model card beside it.

A card holds everything needed to rebuild and judge a model: the family and its
architecture config, the data and split, the training recipe and seed, the
metrics on held-out data, and the sha256 of the weights file. `load(name)` checks
the hash, rebuilds the model from the config and loads the weights strictly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import re
from pathlib import Path
from typing import TYPE_CHECKING

from safetensors import SafetensorError

from models.hub import registry

if TYPE_CHECKING:
    import torch

# torch is imported where a model is saved or loaded, not here: the home page reads cards and draws no model,
# and a new server draws it without waiting for torch's import (2.5 s on a 2-core machine, ui/shell.py)

WEIGHTS_DIR = Path(__file__).parents[1] / "weights"


def weights_dir() -> Path:
    """Where weights are read and written; MODELS_WEIGHTS_DIR overrides it (tests use it)."""
    return Path(os.environ.get("MODELS_WEIGHTS_DIR", WEIGHTS_DIR))


class ModelUnavailable(Exception):
    """A model's weights or card are missing, corrupt or do not fit its config."""

    def __init__(self, name: str, problem: str, detail: str = ""):
        self.name = name
        self.problem = problem  # a catalog key: "missing", "corrupt", "mismatch"
        self.detail = detail
        self.fix = f"python -m models.train {name}"
        super().__init__(f"{name}: {problem} ({detail}). Rebuild it with: {self.fix}")


def paths(name: str, root: Path | None = None) -> tuple[Path, Path]:
    root = root or weights_dir()
    return root / f"{name}.safetensors", root / f"{name}.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_card(name: str, root: Path | None = None) -> dict:
    _, card_path = paths(name, root)
    if not card_path.exists():
        raise ModelUnavailable(name, "missing", f"{card_path.name} not found")
    try:
        return json.loads(card_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ModelUnavailable(name, "corrupt", f"{card_path.name}: {err}") from err


def save(name: str, model: torch.nn.Module, config, card: dict, root: Path | None = None) -> dict:
    """Write the weights and a card that records their hash; return the card."""
    import torch
    from safetensors.torch import save_file

    weights_path, card_path = paths(name, root)
    weights_path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().contiguous().clone() for k, v in model.state_dict().items()}
    save_file(tensors, str(weights_path))
    full = {
        "name": name,
        "family": registry.family_of(name),
        "config": dataclasses.asdict(config),
        **card,
        "environment": {"torch": torch.__version__, "python": platform.python_version()},
        "weights_file": weights_path.name,
        "sha256": sha256(weights_path),
    }
    card_path.write_text(card_json(full), encoding="utf-8")
    return full


def card_json(card: dict) -> str:
    """The card as indented JSON, with lists of numbers kept on one line."""
    text = json.dumps(card, indent=2, ensure_ascii=False)
    return re.sub(r"\[\s+([-0-9.eE,\s]+?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text) + "\n"


def load(name: str, root: Path | None = None) -> tuple[torch.nn.Module, dict]:
    """Rebuild a model from its card and load its checked weights, in eval mode."""
    from safetensors.torch import load_file

    lecture = registry.lecture(name)
    card = read_card(name, root)
    weights_path, _ = paths(name, root)
    if not weights_path.exists():
        raise ModelUnavailable(name, "missing", f"{weights_path.name} not found")
    if sha256(weights_path) != card.get("sha256"):
        raise ModelUnavailable(name, "corrupt", f"sha256 of {weights_path.name} differs from its card")
    try:
        config = lecture.Config(**card["config"])
        model = lecture.build(config)
        model.load_state_dict(load_file(str(weights_path)), strict=True)
    except (KeyError, TypeError, RuntimeError, SafetensorError) as err:
        raise ModelUnavailable(name, "mismatch", str(err).splitlines()[0][:300]) from err
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model, card
