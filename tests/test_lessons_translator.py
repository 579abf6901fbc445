"""The translator page's sentences, checked against the shipped model at the views they name."""

import pytest

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
