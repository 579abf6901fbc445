"""The LSTM-from-scratch page's sentences, checked against our cells and PyTorch's."""

import inspect

import pytest

from models import checks, recurrent
from ui.checkview import TOLERANCE
from ui.lessons import lstm_code as lesson

SIZES = dict(input_size=8, hidden=16, batch=3, seed=0)  # the page's defaults


def worst(kind: str, length: int, dtype: str) -> float:
    s = SIZES
    return max(checks.recurrent(kind, s["input_size"], s["hidden"], length, s["batch"], s["seed"], dtype).values())


def test_code_guide_four_gates_for_the_lstm_three_for_the_gru_one_for_the_rnn():
    assert [step["kind"] for step in lesson.CODE.steps] == ["lstm", "gru", "rnn"]
    source = {kind: inspect.getsource(recurrent.STEP[kind]) for kind in recurrent.KINDS}
    assert "chunk(4" in source["lstm"] and "chunk(3" in source["gru"] and "chunk(" not in source["rnn"]
    weights = {kind: recurrent.Recurrent(kind, 8, 16).weight_hh.numel() for kind in recurrent.KINDS}
    assert weights["lstm"] == 4 * weights["rnn"] and weights["gru"] == 3 * weights["rnn"]


@pytest.mark.parametrize("kind", recurrent.KINDS)
@pytest.mark.parametrize("dtype", list(checks.DTYPES))
def test_check_guide_200_steps_differ_more_than_20_but_within_the_tolerance(kind, dtype):
    assert lesson.CHECK.steps[0] == {"kind": "lstm", "length": 200}
    assert worst(kind, 20, dtype) < worst(kind, 200, dtype) <= TOLERANCE[dtype]


def test_precision_question_float64_shrinks_the_difference_to_about_1e_15_not_to_0():
    assert lesson.PRECISION.answer == "smaller" and lesson.PRECISION.view == {"kind": "lstm", "dtype": "float64"}
    facts = lesson.precision_facts()
    assert 1e-8 < facts["worst32"] < 1e-6  # 'about 10⁻⁷', the prompt's number at the default view
    assert 1e-17 < facts["worst64"] < 1e-14  # 'around 10⁻¹⁵', and not 0
    assert facts["worst32"] == worst("lstm", 20, "float32")


@pytest.mark.parametrize("kind", recurrent.KINDS)
def test_check_caption_float32_is_rounding_and_float64_about_1e_15(kind):
    assert 1e-8 < worst(kind, 20, "float32") < 1e-6
    assert worst(kind, 20, "float64") < 1e-14
