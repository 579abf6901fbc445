"""The training package: the shared loop keeps what it says, the schedule is the recipes' formula, fast cards rebuild exactly."""

import math

import pytest
import torch
from safetensors.torch import load_file

from models import hub
from models.training import card, loop


def test_fit_keeps_the_weights_of_the_best_round():
    model = torch.nn.Linear(1, 1, bias=False)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    seen, scores = [], iter([3.0, 1.0, 2.0])

    def validate(m):
        seen.append(m.weight.detach().clone())
        return next(scores)

    history = loop.fit(model, opt, lambda r: [(model.weight - 10).pow(2).sum()], 3, validate=validate)
    assert history == [3.0, 1.0, 2.0]
    assert torch.equal(model.weight, seen[1]) and not torch.equal(seen[1], seen[2])
    assert not model.training


def test_rounds_of_steps_cover_every_step_once_in_order():
    batches, rounds = loop.in_rounds(lambda step: step, steps=150, per_round=50)
    assert rounds == 3
    assert [s for r in range(rounds) for s in batches(r)] == list(range(150))


def test_warm_up_then_cosine_schedule():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    sched = loop.schedule(opt, total=100, warmup=10)
    lrs = []
    for _ in range(100):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    assert lrs[0] == pytest.approx(0.1) and lrs[9] == pytest.approx(1.0)
    assert lrs[55] == pytest.approx(0.5 * (1 + math.cos(math.pi * 45 / 90)))
    assert lrs[-1] < 1e-3


def test_the_optimiser_is_the_recipes():
    model = torch.nn.Linear(2, 2)
    adamw = loop.optimizer(model, {"optimizer": "AdamW", "lr": 2e-3, "weight_decay": 0.05})
    assert isinstance(adamw, torch.optim.AdamW) and adamw.defaults["weight_decay"] == 0.05
    adam = loop.optimizer(model, {"optimizer": "Adam", "lr": 1e-2})
    assert type(adam) is torch.optim.Adam and adam.defaults["lr"] == 1e-2 and adam.defaults["weight_decay"] == 0


@pytest.mark.parametrize("name", ["pixel_independent", "pixel_markov", "bigram"])
def test_fast_models_rebuild_their_shipped_weights_and_card(name, tmp_path):
    """The same weights to float32's rounding, not the same bytes: another processor's kernels (AVX-512 and AMX
    against AVX2) may sum in another order, and the last bit of a logit moves (2.4e-7 of 8.3 on one machine)."""
    model, config, made = card.build(name, seed=0)
    rebuilt = hub.save(name, model, config, made, root=tmp_path)
    shipped = hub.read_card(name)
    ours, theirs = (load_file(str(hub.paths(name, root)[0])) for root in (tmp_path, None))
    assert ours.keys() == theirs.keys()
    for key, tensor in theirs.items():
        torch.testing.assert_close(ours[key], tensor, rtol=1e-6, atol=1e-6, msg=key)
    for key in ("config", "data", "recipe", "seed", "n_params", "metrics"):
        assert rebuilt[key] == shipped[key], key
