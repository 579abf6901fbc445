"""The gradients page's sentences, checked against the shipped models at the views they name."""

import numpy as np
import pytest

from models import memory
from ui import seqmodels, shell
from ui.lessons import gradients as lesson

S = lesson.DEFAULT


def back(g: np.ndarray, d: int) -> float:
    """The gradient norm d characters back from the end (the chart's x)."""
    return float(g[-1 - d])


def norms(kind: str, scale: float = 1.0) -> np.ndarray:
    return seqmodels.gradient_norms(kind, S, scale)


def accuracy(kind: str) -> dict[int, float]:
    card = shell.load(seqmodels.MEMORY_MODELS[kind])[1]["metrics"]["test_accuracy_by_T"]
    return {int(T): a for T, a in card.items()}


def test_norms_guide_half_scale_vanishes_double_scale_explodes_fifty_characters_back():
    assert [step["scale"] for step in lesson.NORMS.steps] == [0.5, 1.0, 2.0] and lesson.NORMS.steps[0]["text"] == S
    assert back(norms("rnn", 0.5), 50) < 1e-10
    # at × 2 the trajectory is chaotic, so the rounding of the processor's kernels moves this number: 7.5e7 on a
    # machine with AVX-512 and AMX, over 1e8 on others, 4.5e8 in float64. The sentence says 10⁶, which all clear.
    assert back(norms("rnn", 2.0), 50) > 1e6


def test_norms_guide_lstm_and_gru_keep_over_a_thousand_times_more_100_characters_back():
    rnn = back(norms("rnn"), 100)
    for kind in ("lstm", "gru"):
        assert back(norms(kind), 100) > 1000 * rnn


def test_norms_caption_scaling_up_moves_the_rnn_from_vanishing_to_exploding():
    at = [back(norms("rnn", scale), 100) for scale in (0.5, 1.0, 2.0)]
    assert at[0] < at[1] < at[2]
    assert at[1] < back(norms("rnn", 1.0), 0) < at[2]  # ×1 vanishes over 100 characters, ×2 explodes


def test_radius_question_the_trained_rnn_vanishes_although_its_spectral_radius_is_above_one():
    assert lesson.RADIUS.answer == "vanish" and lesson.RADIUS.view == {"text": S, "scale": 1.0}
    facts = lesson.radius_facts()
    assert facts["rho"] > 1.5
    assert facts["back"] == 100 and facts["then"] < 1e-4 * facts["now"]
    assert facts["factor"] < 1  # what the gradient keeps per step, on average


def test_radius_question_the_tanh_slope_is_what_shrinks_it():
    facts = lesson.radius_facts()
    h = seqmodels.analyse("rnn", S)["internals"]["h"]
    assert (1 - h**2).max() <= 1 and facts["slope"] == pytest.approx(float((1 - h**2).mean()))
    assert facts["slope"] * facts["rho"] < 1  # the average slope more than undoes the radius
    assert facts["saturated"] > 50
    # the same matrix without the slope would grow: the ×2 scaled RNN, less saturated early on, explodes
    assert back(norms("rnn", 2.0), 100) > back(norms("rnn", 2.0), 0)


@pytest.mark.parametrize("T", [5, 100, 200])
@pytest.mark.parametrize("seed", range(5))
def test_memory_guide_the_plain_rnn_guesses_the_others_are_sure(T, seed):
    assert [step["distance"] for step in lesson.MEMORY.steps] == [5, 100, 200]
    trial = seqmodels.recall(T, seed)
    p = {kind: float(probs[trial["target"]]) for kind, probs in trial["answers"].items()}
    assert abs(p["rnn"] - 1 / len(memory.SYMBOLS)) < 0.08
    assert min(p["rnn_curriculum"], p["lstm"], p["gru"]) > 0.95


def test_memory_caption_plain_rnn_at_chance_everywhere_the_others_recall_at_200():
    chance = 1 / len(memory.SYMBOLS)
    assert all(abs(a - chance) < 0.03 for a in accuracy("rnn").values())
    for kind in ("lstm", "gru", "rnn_curriculum"):
        assert min(accuracy(kind).values()) >= 0.99
    assert max(accuracy("rnn")) == memory.MAX_T == 2 * memory.TRAIN_MAX_T


def test_curriculum_question_only_the_rnn_taught_short_distances_first_recalls_at_five():
    assert lesson.CURRICULUM.answer == "curriculum" and lesson.CURRICULUM.view == {"distance": 5, "seed": 0}
    facts = lesson.curriculum_facts()
    assert facts["taught"] >= 99 and abs(facts["plain"] - facts["chance"]) < 3
    trial = seqmodels.recall(5, 0)  # the live try the answer shows
    answers = {kind: int(probs.argmax()) for kind, probs in trial["answers"].items()}
    assert answers["rnn_curriculum"] == trial["target"] != answers["rnn"]
