"""The self-attention page's sentences, checked against the shipped model at the views they name."""

import numpy as np
import pytest

from models import translator
from ui import datemodel
from ui.lessons import self_attention as lesson

DEFAULT = "24 Nov 2026"  # the page's default text, which the guides type


def test_the_guides_type_the_example_they_talk_about():
    assert lesson.EXAMPLE == DEFAULT
    assert lesson.QUERY.steps[0]["text"] == DEFAULT and lesson.SUM.steps[0]["text"] == DEFAULT


def test_query_guide_head_2_gathers_the_month_letters_on_N_and_head_4_the_year_on_the_space():
    o, v = lesson.looks_at(DEFAULT, 1, 2, 5), lesson.looks_at(DEFAULT, 1, 2, 6)
    assert (DEFAULT[4], DEFAULT[5]) == ("o", "v")
    assert o["key"] == v["key"] == 4 and DEFAULT[3] == "N"  # the 'N' that starts the month
    assert o["share"] > 0.5 and v["share"] > 0.5  # "most of their weight"
    year = lesson.looks_at(DEFAULT, 1, 4, 9)
    assert DEFAULT[8] == "0" and year["key"] == 3 and DEFAULT[2] == " "  # the space after the day
    assert year["share"] > 0.9
    facts = lesson.query_facts()
    assert facts["o"] == pytest.approx(o["share"] * 100) and facts["year"] == pytest.approx(year["share"] * 100)
    # the steps set exactly these views
    assert {"layer": 1, "head": 2, "token": 5}.items() <= lesson.QUERY.steps[0].items()
    assert lesson.QUERY.steps[1] == {"token": 6} and lesson.QUERY.steps[2] == {"head": 4, "token": 9}


def test_sum_guide_one_heavy_key_makes_the_output_that_value_and_spread_weights_a_blend():
    one, spread = lesson.looks_at(DEFAULT, 1, 4, 9), lesson.looks_at(DEFAULT, 1, 1, 8)
    assert one["share"] > 0.9 and one["cos"] > 0.99
    a = datemodel.attention_step(DEFAULT, 0, 0, 7, True)
    assert a["weights"].max() < 0.5  # "at most {spread}% on any key": no key takes half
    assert spread["cos"] < 0.9 < one["cos"]  # a blend matches its heaviest value far less closely
    assert {"layer": 1, "head": 4, "token": 9}.items() <= lesson.SUM.steps[0].items() and DEFAULT[8] == "0"
    assert lesson.SUM.steps[1] == {"head": 1, "token": 8} and DEFAULT[7] == "2"  # the first '2' of 2026


@pytest.mark.parametrize("text", [DEFAULT, "2026년 11월 24일 화요일", "Tuesday, November 24, 2026"])
def test_scaling_question_without_the_division_every_query_gets_sharper(text):
    assert lesson.SCALING.answer == "sharper" and lesson.SCALING.view == {"scale": False}
    model_cfg = datemodel.run(text)["encoder"]
    for layer in range(len(model_cfg)):
        for head in range(model_cfg[layer]["q"].shape[0]):
            for token in range(len(text[: translator.MAX_INPUT])):
                f = lesson.scaling_facts(text, layer + 1, head + 1, token + 1)
                assert f["peak_off"] >= f["peak_on"] - 1e-4 and f["bits_off"] <= f["bits_on"] + 1e-4
    f = lesson.scaling_facts(DEFAULT, 1, 1, 4)  # the default view: a visible change, not a rounding one
    assert f["peak_off"] > f["peak_on"] + 10 and f["root"] == pytest.approx(np.sqrt(len(model_cfg[0]["q"][0][0])))
