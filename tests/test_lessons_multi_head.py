"""The multi-head page's sentences, checked against the shipped model at the views they name."""

import pytest

from ui import datemodel
from ui.lessons import multi_head as lesson

DEFAULT = "2026년 11월 24일 화요일"  # the page's default text
HEADS = range(1, 5)


def test_roles_guide_sets_the_korean_example_in_the_encoder():
    assert lesson.EXAMPLE == DEFAULT
    assert lesson.ROLES.steps == ({"text": DEFAULT, "block": "encoder", "layer": 1}, {"layer": 2})


def test_roles_guide_layer_1_head_4_looks_at_the_spaces_and_head_1_at_the_korean_words():
    assert DEFAULT.count(" ") == 3
    spaces = {h: lesson.share_on(DEFAULT, 1, h, "space") for h in HEADS}
    words = {h: lesson.share_on(DEFAULT, 1, h, "korean") for h in HEADS}
    assert max(HEADS, key=lambda h: spaces[h][0]) == 4 and spaces[4][0] > 2.5 * spaces[4][1]
    assert max(HEADS, key=lambda h: words[h][0]) == 1 and words[1][0] > 1.5 * words[1][1]
    assert "".join(c for c in DEFAULT if lesson.kind(c) == "korean") == "년월일화요일"


def test_roles_guide_layer_2_head_2_looks_at_the_next_character():
    after = {h: lesson.next_share(DEFAULT, 2, h) for h in HEADS}
    assert max(HEADS, key=after.get) == 2 and after[2] > 4 / len(DEFAULT)  # four times an even spread
    facts = lesson.roles_facts()
    assert facts["next"] == pytest.approx(after[2] * 100) and facts["spaces"] > facts["few"]


def test_same_head_question_head_4_still_looks_at_the_spaces_in_english():
    q = lesson.SAME_HEAD
    assert q.answer == "same" and q.view == {"text": lesson.ENGLISH, "block": "encoder", "layer": 1}
    assert datemodel.run(lesson.ENGLISH)["answer"] == "2026-11-24"  # a date the model reads
    spaces = {h: lesson.share_on(lesson.ENGLISH, 1, h, "space") for h in HEADS}
    assert max(HEADS, key=lambda h: spaces[h][0]) == 4 and spaces[4][0] > 3 * spaces[4][1]
    facts = lesson.same_head_facts()
    assert facts["en"] == pytest.approx(spaces[4][0] * 100)


@pytest.mark.parametrize("block", ["encoder", "decoder", "cross"])
@pytest.mark.parametrize("layer", [1, 2])
def test_mix_guide_every_output_of_W_O_draws_on_every_head(block, layer):
    shares = lesson.head_shares(block, layer)
    assert shares.shape == (64, 4)
    assert shares.min() > 0.05  # no output column leaves a head out
    assert lesson.mix_facts(block, layer)["least"] == pytest.approx(shares.min() * 100)
    assert lesson.MIX.steps == ({"block": "encoder", "layer": 1}, {"block": "cross", "layer": 2})
