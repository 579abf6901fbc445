"""The date translator: its data, its masks, its decoding, and the shipped weights against their card."""

import datetime as dt
import random

import pytest
import torch

from models import evaluate, hub, translator
from models.data import dates


def test_there_are_at_least_twenty_formats_and_each_writes_the_example():
    assert len(dates.FORMATS) >= 20
    r = random.Random(0)
    for name in dates.FORMATS:
        written = dates.example(name, dates.EXAMPLE, r, noise=False)
        assert dates.recognise(written, "2026-11-24") is not None, name
        assert not translator.unknown(written), name


def test_train_and_heldout_days_are_disjoint_and_cover_the_range():
    train, test = set(dates.days("train")), set(dates.days("test"))
    assert not train & test
    assert len(train) + len(test) == (dates.LAST - dates.FIRST).days + 1
    assert all(dates.SHORT_YEARS[0] <= d <= dates.SHORT_YEARS[1] for d in dates.days("test", short_year=True))


def test_day_and_month_order_follows_the_separator():
    d = dt.date(2026, 3, 4)
    r = random.Random(0)
    assert dates.FORMATS["us_slashes"][0](d, dates._Choices([0, 0])) == "03/04/2026"
    assert dates.FORMATS["eu_dots"][0](d, dates._Choices([0, 0])) == "04.03.2026"
    assert dates.FORMATS["korean"][0](d, r) == "2026년 3월 4일"


def test_a_weekday_that_does_not_match_is_not_recognised():
    assert dates.recognise("Tuesday, November 24, 2026", "2026-11-24") == "weekday_month_day_year"
    assert dates.recognise("Monday, November 24, 2026", "2026-11-24") is None
    assert dates.recognise("hello", "2026-11-24") is None


def test_encoding_cuts_long_input_and_marks_unknown_characters():
    src = translator.encode_input(["x" * 100, "24 Nov 2026 🙂"])
    assert src.shape == (2, translator.MAX_INPUT)
    assert src[1, 12] == 1  # the emoji is the unknown character
    assert translator.unknown("24 Nov 2026 🙂<") == ["🙂", "<"]


def test_the_decoder_cannot_look_ahead():
    torch.manual_seed(0)
    model = translator.build(translator.Config()).eval()
    src = translator.encode_input(["24 Nov 2026"])
    tgt = translator.encode_output(["2026-11-24"])[:, :-1]
    out = model(src, tgt)
    changed = tgt.clone()
    changed[0, 5:] = 4
    out2 = model(src, changed)
    assert torch.allclose(out.logits[0, :5], out2.logits[0, :5], atol=1e-6)
    assert (out.decoder[0].weights[0].triu(1) == 0).all()


def test_padding_gets_no_attention():
    torch.manual_seed(0)
    model = translator.build(translator.Config()).eval()
    src = translator.encode_input(["24 Nov 2026", "2026-11-24 and more"])
    out = model(src, translator.encode_output(["2026-11-24"] * 2)[:, :1])
    assert (out.encoder[0].weights[0, :, :, 11:] == 0).all()
    assert (out.cross[1].weights[0, :, :, 11:] == 0).all()


@pytest.fixture(scope="module")
def shipped():
    return hub.load("date_translator")


def test_shipped_weights_reproduce_their_card(shipped):
    assert evaluate.check("date_translator") == []


def test_card_meets_the_target_in_every_format(shipped):
    per_format = hub.read_card("date_translator")["metrics"]["test_exact_match_by_format"]
    assert set(per_format) == set(dates.FORMATS)
    assert min(per_format.values()) >= 0.995


def test_answers_for_typed_dates(shipped):
    model, _ = shipped
    answers, _, _ = translator.translate(
        model, ["Tuesday, November 24th, 2026", "2026년 11월 24일 화요일", "26. 11. 24.", "11/24/26"]
    )
    assert answers == ["2026-11-24"] * 4


@pytest.mark.parametrize("position", [True, False])
def test_answers_in_batches_are_the_answers_of_one_batch(shipped, position):
    """`answers` decodes BATCH texts at a time (bounded memory); each batch is padded to its own longest
    text, and padding must not change an answer."""
    model, _ = shipped
    texts = [t for f in dates.FORMATS for t, _, _ in translator.heldout(f, 4)]
    assert len(texts) > 2 * translator.BATCH
    assert translator.answers(model, texts, position) == translator.translate(model, texts, position)[0]
