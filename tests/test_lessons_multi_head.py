"""The multi-head page's sentences, checked against the shipped model at the views they name."""

import numpy as np
import pytest

from ui import datemodel
from ui.lessons import multi_head as lesson

DEFAULT = "2026년 11월 24일 화요일"  # the page's default text
HEADS = range(1, 5)


def test_roles_guide_sets_the_korean_example_in_the_encoder():
    assert lesson.EXAMPLE == DEFAULT
    assert lesson.ROLES.steps == ({"text": DEFAULT, "block": "encoder", "layer": 1}, {"layer": 2})


def test_roles_guide_layer_1_head_3_looks_at_the_0_of_2026_and_head_1_at_the_three_characters_before():
    at = lesson.zero(DEFAULT)
    assert DEFAULT[at - 1 : at + 3] == "2026" and DEFAULT[at] == "0"
    on_zero = {h: lesson.share_at(DEFAULT, 1, h, at) for h in HEADS}
    assert max(HEADS, key=on_zero.get) == 3 and lesson.brightest(DEFAULT, 1, 3) == at  # head 3's bright column
    assert on_zero[3] > 5 / len(DEFAULT)  # five times an even spread
    before = {h: lesson.before_share(DEFAULT, 1, h) for h in HEADS}
    assert max(HEADS, key=before.get) == 1 and before[1] > 3 * 3 / len(DEFAULT)
    facts = lesson.roles_facts()
    assert facts["zero"] == pytest.approx(on_zero[3] * 100) and facts["before"] == pytest.approx(before[1] * 100)
    assert facts["three"] == pytest.approx(3 * facts["even"])


def test_roles_guide_layer_2_head_3_looks_at_the_next_character():
    after = {h: lesson.next_share(DEFAULT, 2, h) for h in HEADS}
    assert max(HEADS, key=after.get) == 3 and after[3] > 4 / len(DEFAULT)  # four times an even spread
    facts = lesson.roles_facts()
    assert facts["next"] == pytest.approx(after[3] * 100) and facts["even"] == pytest.approx(100 / len(DEFAULT))


def test_same_head_question_head_3_still_looks_at_the_0_of_2026_in_english():
    q = lesson.SAME_HEAD
    assert q.answer == "same" and q.view == {"text": lesson.ENGLISH, "block": "encoder", "layer": 1}
    assert datemodel.run(lesson.ENGLISH)["answer"] == "2026-11-24"  # a date the model reads
    at = lesson.zero(lesson.ENGLISH)
    assert lesson.ENGLISH[at - 1 : at + 3] == "2026"
    on_zero = {h: lesson.share_at(lesson.ENGLISH, 1, h, at) for h in HEADS}
    assert max(HEADS, key=on_zero.get) == 3 and lesson.brightest(lesson.ENGLISH, 1, 3) == at
    assert on_zero[3] > 5 / len(lesson.ENGLISH)  # five times an even spread, as in the Korean date
    facts = lesson.same_head_facts()
    assert facts["en"] == pytest.approx(on_zero[3] * 100) and facts["frac"] == pytest.approx(100 / len(lesson.ENGLISH))
    assert facts["ko"] == pytest.approx(lesson.share_at(DEFAULT, 1, 3, lesson.zero(DEFAULT)) * 100)


@pytest.mark.parametrize("block", ["encoder", "decoder", "cross"])
@pytest.mark.parametrize("layer", [1, 2])
def test_mix_guide_every_output_of_W_O_draws_on_three_heads_or_more_and_none_dominates(block, layer):
    shares = lesson.head_shares(block, layer)
    assert shares.shape == (64, 4)
    assert np.allclose(shares.sum(1), 1)
    third = np.sort(shares, 1)[:, -3]  # each output column's third largest head share
    assert third.min() > 0.10  # every output column takes more than 10% from each of at least three heads
    assert shares.max() < 0.6  # no head holds 60% of any output column: the projection does not pick a head
    facts = lesson.mix_facts(block, layer)
    assert facts["third"] <= third.min() * 100 < facts["third"] + 1  # "at least {third}%", rounded down
    assert facts["most"] - 1 < shares.max() * 100 <= facts["most"]  # "no more than {most}%", rounded up
    assert facts["even"] == pytest.approx(25)
    assert lesson.MIX.steps == ({"block": "encoder", "layer": 1}, {"block": "cross", "layer": 2})
