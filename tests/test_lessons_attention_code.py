"""The attention-from-scratch page's sentences, checked by running the comparison at the views they name."""

import pytest

from models import attention, translator, vit
from ui.checkview import TOLERANCE
from ui.lessons import attention_code as lesson

DEFAULT = dict(heads=4, d_k=8, length=10, batch=2, mask="causal", seed=0, dtype="float32")  # the page's settings


def views(steps):
    """The settings after each step, each step applied on top of the previous ones."""
    view = dict(DEFAULT)
    for step in steps:
        view |= step
        yield dict(view)


@pytest.mark.parametrize("view", list(views(lesson.MASKS.steps)), ids=str)
def test_masks_guide_every_step_stays_within_rounding(view):
    d = view["heads"] * view["d_k"]
    diffs = lesson.compare(d, view["heads"], view["length"], view["batch"], view["mask"], view["seed"], view["dtype"])
    assert max(diffs.values()) < TOLERANCE["float32"] == lesson.masks_facts()["tolerance"]


def test_masks_guide_the_translator_and_the_vit_run_on_this_attention():
    assert translator.MultiHeadAttention is attention.MultiHeadAttention
    assert vit.MultiHeadAttention is attention.MultiHeadAttention


@pytest.mark.parametrize("mask", ["none", "causal", "padding"])
def test_precision_question_float64_shrinks_the_difference_by_orders_of_magnitude(mask):
    q = lesson.PRECISION
    assert q.answer == "shrink" and q.view == {"dtype": "float64"}
    f = lesson.precision_facts(4, 8, 10, 2, mask, 0)
    assert 1e-8 < f["single"] < 1e-6  # "about 10⁻⁷" in float32, as the prompt says
    assert f["double"] < f["single"] / 1e6 and f["ratio"] > 1e6
