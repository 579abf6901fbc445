import json
import shutil

import pytest
import torch

from models import hub
from models.training import card as cards


@pytest.fixture
def saved(tmp_path):
    model, config, card = cards.build("pixel_independent", seed=0)
    card["metrics"] = {"test_nll_nats": 1.0}
    hub.save("pixel_independent", model, config, card, root=tmp_path)
    return tmp_path, model


def test_save_then_load_gives_the_same_model(saved):
    root, model = saved
    loaded, card = hub.load("pixel_independent", root=root)
    assert torch.equal(loaded.theta_logit, model.theta_logit)
    assert card["sha256"] == hub.sha256(root / "pixel_independent.safetensors")
    assert card["config"]["kind"] == "independent" and card["seed"] == 0
    assert not loaded.training and not any(p.requires_grad for p in loaded.parameters())


def test_missing_weights_say_how_to_rebuild(saved):
    root, _ = saved
    (root / "pixel_independent.safetensors").unlink()
    with pytest.raises(hub.ModelUnavailable) as err:
        hub.load("pixel_independent", root=root)
    assert err.value.problem == "missing"
    assert err.value.fix == "python -m models.train pixel_independent"


def test_missing_card(tmp_path):
    with pytest.raises(hub.ModelUnavailable) as err:
        hub.load("nade", root=tmp_path)
    assert err.value.problem == "missing"


def test_corrupt_weights_are_caught_by_the_hash(saved):
    root, _ = saved
    path = root / "pixel_independent.safetensors"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(hub.ModelUnavailable) as err:
        hub.load("pixel_independent", root=root)
    assert err.value.problem == "corrupt"


def test_unreadable_card(saved):
    root, _ = saved
    (root / "pixel_independent.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(hub.ModelUnavailable) as err:
        hub.load("pixel_independent", root=root)
    assert err.value.problem == "corrupt"


def test_weights_that_do_not_fit_the_config(saved):
    root, _ = saved
    card_path = root / "pixel_independent.json"
    card = json.loads(card_path.read_text())
    card["config"]["n_pixels"] = 100
    card_path.write_text(json.dumps(card))
    with pytest.raises(hub.ModelUnavailable) as err:
        hub.load("pixel_independent", root=root)
    assert err.value.problem == "mismatch"


def test_environment_variable_moves_the_weights(saved, monkeypatch):
    root, _ = saved
    monkeypatch.setenv("MODELS_WEIGHTS_DIR", str(root))
    assert hub.paths("pixel_independent")[0] == root / "pixel_independent.safetensors"
    shutil.rmtree(root)
    with pytest.raises(hub.ModelUnavailable):
        hub.load("pixel_independent")
