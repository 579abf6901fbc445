"""The positional-encoding page's sentences, checked against the encoding and the shipped model."""

import numpy as np
import pytest

from ui import datemodel
from ui.lessons import positions as lesson


def test_similarity_depends_only_on_the_distance_and_neighbours_are_similar():
    _, sim = datemodel.encoding(80, 64)  # the caption: bands parallel to the diagonal
    for k in (1, 5, 30):
        band = np.diag(sim, k)
        assert np.ptp(band) < 1e-5
    assert sim[0, 1] > sim[0, 10]


def test_one_linear_map_finds_the_position_k_places_back():
    pe, _ = datemodel.encoding(120, 64)  # the caption: PE[p + k] is one fixed linear map of PE[p]
    k = 2
    M, *_ = np.linalg.lstsq(pe[:-k], pe[k:], rcond=None)
    assert np.abs(pe[:-k] @ M - pe[k:]).max() < 1e-3


def test_clocks_guide_wide_keeps_far_positions_apart_and_narrow_does_not():
    assert lesson.CLOCKS.steps == ({"width": 64, "length": 200}, {"width": 8})
    f = lesson.clocks_facts()
    assert f["far_wide"] < f["near_wide"]  # far apart: less similar than neighbours
    assert f["far_narrow"] > f["near_narrow"]  # with 4 clocks some far pair beats neighbours
    _, sim = datemodel.encoding(200, 8)
    apart = np.abs(np.subtract.outer(np.arange(200), np.arange(200))) >= lesson.FAR
    assert f["far_narrow"] == pytest.approx(sim[apart].max()) and f["clocks"] == 4


def test_bag_guide_without_positions_reordered_dates_get_the_same_non_date_answer():
    assert lesson.BAG.steps == ({"text": "24.11.2026", "without": True}, {"text": "2026.11.24"})
    assert sorted(lesson.EXAMPLE) == sorted(lesson.REORDERED)
    with_pe = datemodel.answers((lesson.EXAMPLE, lesson.REORDERED))
    assert with_pe == ["2026-11-24", "2026-11-24"]  # both are dates the model reads with positions
    f = lesson.bag_facts()
    assert f["a"] == f["b"] and not lesson.ISO.fullmatch(f["a"])


def test_accuracy_question_without_positions_the_held_out_accuracy_is_near_zero():
    q = lesson.ACCURACY
    assert q.answer == "zero" and q.view == {"without": True}
    f = lesson.accuracy_facts()
    assert f["off"] < 5 and f["on"] > 95  # "close to 0%", and "gets the held-out dates right" with positions
    assert f["n"] == datemodel.heldout_accuracy(False)["n"]
