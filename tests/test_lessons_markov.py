"""The Markov page's sentences, checked against the shipped models at the views they name."""

import re

import numpy as np
import pytest

from models import charlm, data
from models.data import text
from ui import seqmodels, shell
from ui.i18n import catalog
from ui.lessons import markov as lesson

KINDS = ("lstm", "gru", "rnn")
S = lesson.DEFAULT


def top(kind: str, pos: int, n: int) -> list[str]:
    """A model's n most likely characters after reading the first pos characters, as the page shows them."""
    res = seqmodels.bigram(S) if kind == "bigram" else seqmodels.analyse(kind, S)
    return [text.training_chars()[i] for i in res["top_i"][pos - 1][:n]]


def test_steps_set_the_views_the_sentences_are_about():
    assert lesson.BITS.steps == ({"text": S, "model": "lstm"}, {"model": "gru"}, {"model": "rnn"})
    assert [step["pos"] for step in lesson.TOP.steps] == [10, 54, 91] and lesson.TOP.steps[0]["text"] == S
    assert S[:10].endswith('"print') and S[:54].endswith("to the str") and S[:91].endswith("For example")


@pytest.mark.parametrize("kind", KINDS)
def test_bits_guide_tallest_bar_is_the_bracket_after_print_and_networks_need_far_fewer_bits(kind):
    saved = lesson.bits_saved(kind, S)
    i = int(np.argmax(saved)) + 1  # the character the tallest bar is about (from 0)
    assert S[i] == "(" and S[:i].endswith('"print')
    bigram = -np.log2(seqmodels.bigram(S)["p_next"]).mean()
    network = -np.log2(seqmodels.analyse(kind, S)["p_next"]).mean()
    assert bigram - network >= 1.4


@pytest.mark.parametrize("kind", KINDS)
def test_top_guide_bracket_after_print_a_bet_on_string_and_the_comma_after_example(kind):
    assert "(" in top(kind, 10, 2) and "(" not in top("bigram", 10, 4)
    res = seqmodels.analyse(kind, S)
    assert top(kind, 54, 1) == ["i"] and res["top_p"][53][0] > 0.9
    assert S[54] == "e" and lesson.bits_saved(kind, S)[53] < 0  # the actual 'e' of 'stream' costs more
    assert top(kind, 91, 1) == [","]


def words_known(continuation: str) -> float:
    vocabulary = set(re.findall(r"[a-z]+", data.corpus("train").lower()))
    found = re.findall(r"[A-Za-z]+", continuation)
    return float(np.mean([w.lower() in vocabulary for w in found]))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sample_guide_low_temperature_writes_real_words_high_temperature_does_not(kind, seed):
    assert [step["temperature"] for step in lesson.SAMPLE.steps] == [0.2, 1.0, 2.0]
    assert words_known(seqmodels.continuation(kind, S, 0.2, seed)) >= 0.95
    assert words_known(seqmodels.continuation(kind, S, 2.0, seed)) < 0.5


def test_sample_caption_the_same_seed_gives_the_same_text():
    model, _ = shell.load("char_lstm")
    ids = text.encode(S, text.training_chars())
    assert charlm.sample(model, ids, 50, 1.0, 3) == charlm.sample(model, ids, 50, 1.0, 3)
    assert charlm.sample(model, ids, 50, 1.0, 3) != charlm.sample(model, ids, 50, 1.0, 4)


@pytest.mark.parametrize("kind", KINDS)
def test_chart_caption_tall_bars_on_a_word_s_rest_a_bracket_after_a_name_and_a_closing_quote(kind):
    saved = lesson.bits_saved(kind, S)
    tall = [i + 1 for i in np.flatnonzero(saved > 2)]  # characters (from 0) with a bar over 2 bits
    _, closing = lesson.quotes(S)
    assert any(S[i].isalpha() and S[i - 2 : i].isalpha() for i in tall)  # the rest of a word
    assert any(S[i] == "(" and S[i - 1].isalpha() for i in tall)
    assert any(i in closing for i in tall)


def test_quote_question_the_lstm_saves_more_on_the_closing_quote():
    assert lesson.QUOTE.answer == "closing"
    view = lesson.QUOTE.view
    assert view["text"] == S and view["model"] == "lstm"
    assert view["pos"] in lesson.quotes(S)[1]  # answering shows the predictions just before a closing quote
    facts = lesson.quote_facts()
    assert facts["close"] > facts["open"] + 1
    assert facts["lm"] > 10 * facts["bg"] and facts["ratio"] == pytest.approx(facts["lm"] / facts["bg"])
    assert facts["open_at"] == "6, 101, 116" and facts["close_at"] == "13, 102, 119"
    assert all(S[int(i) - 1] == '"' for i in facts["close_at"].split(", "))


def test_quote_question_holds_on_held_out_text_too():
    held = data.corpus("test")[:10000]
    opening, closing = lesson.quotes(held)
    after, on = [], []
    for start in range(0, len(held) - 1, 499):  # windows of 500 characters, as the page reads at most
        part = held[start : start + 500]
        saved = lesson.bits_saved("lstm", part)
        after += [saved[i - start] for i in opening if start <= i < start + len(part) - 1]
        on += [saved[i - start - 1] for i in closing if start < i < start + len(part)]
    assert len(after) > 20 and len(on) > 20
    assert np.mean(on) > np.mean(after) + 1


def test_cards_caption_six_grams_do_worse_than_five_and_networks_have_about_360k_parameters():
    orders = shell.load("bigram")[1]["metrics"]["ngram_test_bpc"]
    assert orders["order_6"] > orders["order_5"] < orders["order_4"]
    for name in seqmodels.CHAR_MODELS.values():
        n = sum(p.numel() for p in shell.load(name)[0].parameters())
        assert 340_000 < n < 380_000


def test_korean_readers_are_told_the_character_models_read_english():
    ko = catalog("ko")
    for page in ("markov", "gates", "gradients"):
        assert "영어" in ko[f"{page}.intro"]
