"""The translator page's sentences, checked against the shipped model at the views they name."""

import pytest

from ui import datemodel
from ui.lessons import translator as lesson

DEFAULT = "Tuesday, November 24, 2026"  # the page's default text
SPANS = {"year": "2026", "month": "November", "day": "24"}


def span(s: str, part: str) -> range:
    start = s.index(SPANS[part]) if part != "day" else s.index(" 24,") + 1
    return range(start + 1, start + len(SPANS[part]) + 1)  # positions from 1, as the page counts


@pytest.mark.parametrize(("step", "part"), [(1, "year"), (6, "month"), (9, "day")])
def test_decode_guide_the_decoder_looks_at_year_then_month_then_day(step, part):
    assert lesson.DECODE.steps[[1, 6, 9].index(step)] == {"step": step}
    pos, _, _ = lesson.looks_at(DEFAULT, step)
    assert pos in span(DEFAULT, part)


def test_decode_guide_the_order_is_not_the_typed_order():
    positions = [lesson.looks_at(DEFAULT, step)[0] for step in (1, 6, 9)]
    assert positions != sorted(positions)  # year (typed last) is read first


def test_first_look_on_the_question_s_own_input_the_decoder_reads_the_year_first():
    assert lesson.FIRST_LOOK.answer == "year"
    assert lesson.FIRST_LOOK.view == {"step": 1, "text": DEFAULT}  # the question is about this input
    facts = lesson.first_look_facts()
    assert facts["first"] == "2" and facts["pos"] in span(DEFAULT, "year")


def test_heads_guide_layer_2_head_3_reads_the_month_name_more_than_any_other_head():
    assert lesson.HEADS.steps == ({"text": DEFAULT, "layer": 1, "head": "mean"}, {"layer": 2, "head": "3"})
    assert datemodel.run(DEFAULT)["answer"][5:7] == "11"  # rows 6 and 7 write the month's digits
    first, best = lesson.month_share(DEFAULT, 1, "mean"), lesson.month_share(DEFAULT, 2, "3")
    assert first < 0.8  # "spread": a fifth or more of it elsewhere
    others = [
        lesson.month_share(DEFAULT, layer, str(h)) for layer in (1, 2) for h in range(1, 5) if (layer, h) != (2, 3)
    ]
    assert best > max(others) and best > 0.95
    facts = lesson.heads_facts()
    assert facts == pytest.approx({"first": first * 100, "best": best * 100})
