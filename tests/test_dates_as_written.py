"""The held-out list of dates as people write them: every line checked by a reader of its own, and the
shipped translator's score on it, per kind of variation."""

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
import torch

from models import hub, translator
from models.data import datereader, dates

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"style", "form", "letter", "chat", "document"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october"]
MONTHS += ["november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
KO_WEEKDAYS = "월화수목금토일"
KOREAN = re.compile(r"(\d{2,4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")


def lines() -> list[list[str]]:
    """The file as plain tab-separated lines, read without the module under test."""
    text = (ROOT / "tests" / "data" / "dates_as_written.tsv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    assert header.split("\t") == ["text", "iso", "kind", "source"]
    return [row.split("\t") for row in rows]


def year(y: str) -> int:
    digits = y.lstrip("'")
    n = int(digits)
    return n if len(digits) == 4 else (1900 + n if n >= 50 else 2000 + n)


def english_word(word: str, names: list[str]) -> int | None:
    """Index of the name a word abbreviates ('sept', 'tues', 'weds' …), or None."""
    word = {"weds": "wed"}.get(word, word)
    hits = [i for i, name in enumerate(names) if len(word) >= 3 and name.startswith(word)]
    return hits[0] if hits else None


def independent_read(text: str, kind: str) -> tuple[dt.date, int | None]:
    """A reader written apart from the model and the page: the date a line means and the weekday it names."""
    s = text.lower()
    korean = KOREAN.search(s)
    if korean:
        y, m, d = korean.groups()
        named = [KO_WEEKDAYS.index(c) for c in s[korean.end() :] if c in KO_WEEKDAYS]
        return dt.date(year(y), int(m), int(d)), (named[0] if named else None)
    named = [KO_WEEKDAYS.index(c) for c in s if c in KO_WEEKDAYS]
    month, weekday = None, named[0] if named else None
    for word in re.findall(r"[a-z]+", s):
        if english_word(word, MONTHS) is not None and month is None:
            month = english_word(word, MONTHS) + 1
        elif english_word(word, WEEKDAYS) is not None:
            weekday = english_word(word, WEEKDAYS)
    if month is None:  # words run together ('31stofmay'): a month's name, or its first three letters, inside one
        runs = re.findall(r"[a-z]+", s)
        found = [i for i, name in enumerate(MONTHS) if any(name in r or name[:3] in r for r in runs)]
        month = found[0] + 1 if len(found) == 1 else None
    if month is not None:  # a month name: the day is the ordinal or the first small number, the year the rest
        numbers = re.findall(r"('?\d+)(st|nd|rd|th)?", s)
        # a day run into its year ('january181956'): the last four digits are the year
        numbers = [p for n, x in numbers for p in ([(n[:-4], x), (n[-4:], "")] if len(n) > 4 else [(n, x)])]
        y = next((n for n, _ in numbers if n.startswith("'") or len(n) == 4), None)
        d = next((n for n, suffix in numbers if suffix), None) or next(n for n, _ in numbers if n != y)
        y = y or next(n for n, _ in numbers if n != d)
        return dt.date(year(y), month, int(d)), weekday
    numbers = re.findall(r"\d+", s)
    if len(numbers) == 1:  # 20261124
        n = numbers[0]
        return dt.date(int(n[:4]), int(n[4:6]), int(n[6:])), weekday
    a, b, c = numbers
    if len(a) == 4 or kind.startswith("korean"):  # year first
        return dt.date(year(a), int(b), int(c)), weekday
    sep = re.search(r"\d\s*([/.\-])", s)[1]
    month_first = (sep == "/" and int(a) <= 12) or int(b) > 12
    m, d = (a, b) if month_first else (b, a)
    return dt.date(year(c), int(m), int(d)), weekday


def test_the_list_has_at_least_150_lines_of_known_kinds_and_sources():
    rows = lines()
    assert len(rows) >= 150
    assert all(len(r) == 4 and all(r) for r in rows)
    assert len({r[0] for r in rows}) == len(rows), "a line written twice"
    kinds = {r[2] for r in rows}
    assert "no_year" not in kinds
    assert all(sum(r[2] == k for r in rows) >= 5 for k in kinds)
    assert {r[3] for r in rows} <= SOURCES
    assert all(len(r[0]) <= translator.MAX_INPUT for r in rows)
    assert not [r[0] for r in rows if translator.unknown(r[0])]  # every character is one the model reads


@pytest.mark.parametrize("row", lines(), ids=lambda r: r[0])
def test_every_answer_is_the_date_the_text_means(row):
    text, iso, kind, _ = row
    date = dt.date.fromisoformat(iso)  # a real date, written YYYY-MM-DD
    assert date.isoformat() == iso
    assert dates.FIRST <= date <= dates.LAST  # the translator's years
    read, weekday = independent_read(text, kind)
    assert read == date
    if weekday is not None:
        assert weekday == date.weekday(), f"{text} names the wrong weekday"


def test_ambiguous_lines_are_ambiguous_and_give_the_us_reading():
    for text, iso, kind, _ in lines():
        found = datereader.readings(text, "en")
        if kind == "ambiguous":
            assert found and found[0] == ("month_first", iso)
        elif kind in ("day_first_unambiguous", "month_first"):
            assert found == []


def test_training_never_reads_the_list(monkeypatch):
    """The card's evaluation reads the list; training must not: a short run with the list's reader broken."""
    import inspect

    from models.training import translator as recipe

    def refuse(*args, **kwargs):
        raise AssertionError("training read the held-out list")

    monkeypatch.setattr(datereader, "load", refuse)
    monkeypatch.setattr(datereader, "score", refuse)
    monkeypatch.setitem(recipe.RECIPE, "steps", 50)
    recipe.train("date_translator", 0, torch.Generator().manual_seed(0))
    for module in (dates, translator):  # the generator and the model never name it
        assert "dates_as_written" not in inspect.getsource(module) and "datereader" not in inspect.getsource(module)
    assert "datereader" not in inspect.getsource(recipe.train)


def test_the_list_is_read_as_written():
    assert datereader.load() and [(w.text, w.iso, w.kind, w.source) for w in datereader.load()] == [
        tuple(r) for r in lines()
    ]


@pytest.fixture(scope="module")
def model():
    return hub.load("date_translator")[0]


@pytest.fixture(scope="module")
def result(model):
    return datereader.score(model)


def test_the_score_is_the_mean_of_the_lines_and_adds_up_per_kind(result):
    rows = datereader.load()
    assert len(result["right"]) == len(rows)
    assert result["overall"] == pytest.approx(np.mean(result["right"]))
    assert sum(n for _, n in result["by_kind"].values()) == len(rows)
    assert sum(r for r, _ in result["by_kind"].values()) == sum(result["right"])
    assert result["right"] == [a == w.iso for a, w in zip(result["answers"], rows, strict=True)]
    table = datereader.table(result)
    assert all(f"| {kind} |" in table for kind in result["by_kind"])
    assert f"{result['overall']:.1%}" in table


def test_the_confidence_is_the_decoder_s_own(model):
    """Teacher forcing the greedy answer gives the probabilities greedy decoding wrote it with."""
    texts = ["Tuesday, November 24, 2026", "31/12/1999", "hello"]
    answers, tgt, out = translator.translate(model, texts)
    probs = out.logits[:, : translator.OUTPUT_LEN, 3:].softmax(-1).numpy()
    greedy = np.take_along_axis(probs, (tgt[:, 1:, None] - 3).numpy(), -1)[..., 0]
    assert datereader.forced(model, texts, answers) == pytest.approx(greedy, abs=1e-5)


def test_below_the_threshold_most_answers_on_the_harder_list_are_wrong(model):
    rows = datereader.harder()
    assert len(rows) >= 300 and {r.kind for r in rows} == {"permuted", "letter_dropped"}
    result = datereader.score(model, rows)
    flagged = np.asarray(result["lowest"]) < datereader.UNSURE
    right = np.asarray(result["right"])
    assert flagged.sum() >= 20 and (flagged & ~right).sum() > 2 * (flagged & right).sum()
    assert (~flagged & right).sum() > (~flagged & ~right).sum()  # above it, most are right
    assert datereader.unsure(np.array([0.99, datereader.UNSURE - 0.01])) and not datereader.unsure(np.ones(10))


def test_held_out_dates_of_the_trained_formats_are_rarely_flagged(model):
    sample = [ex for f in dates.FORMATS for ex in translator.heldout(f, 40)]
    texts = [text for text, _, _ in sample]
    answers = translator.translate(model, texts)[0]
    lowest = datereader.forced(model, texts, answers).min(1)
    assert (lowest < datereader.UNSURE).mean() < 0.01


def test_the_shipped_model_reads_at_least_98_percent_of_every_kind_and_its_card_says_so(result):
    card = hub.read_card("date_translator")["metrics"]
    assert card["test_as_written_by_kind"] == {k: list(v) for k, v in sorted(result["by_kind"].items())}
    assert card["test_as_written_exact_match"] == pytest.approx(result["overall"], abs=1e-4)
    for kind, (right, n) in result["by_kind"].items():
        assert right / n >= 0.98, kind
    assert min(card["test_exact_match_by_format"].values()) >= 0.995  # the 23 generated formats stay
    assert min(card["test_exact_match_by_variation"].values()) >= 0.98


def test_the_variations_write_each_date_in_ways_the_23_formats_do_not():
    import random

    r = random.Random(0)
    sample = dates.sample_varied("test", 400, r)
    assert {k for _, _, k in sample} == set(dates.VARIATIONS)
    outside = [t for t, iso, _ in sample if dates.recognise(t, iso) is None]
    assert len(outside) > 200  # most are not a format written exactly
    for text, iso, kind in sample:  # each still means its date, read by the list's own reader
        as_listed = {"year_first": "korean_dots", "korean": "korean_full"}.get(kind, kind)  # year first
        assert independent_read(text, as_listed)[0].isoformat() == iso, text


def test_a_number_above_12_decides_the_order_in_the_variations():
    import random

    r = random.Random(1)
    for text, iso, _ in dates.sample_varied("train", 2000, r, "numeric"):
        first = int(re.match(r"\s*(\d+)", text)[1])
        day = int(iso[-2:])
        if first > 12:
            assert first == day, text  # a first number above 12 is the day
        elif "/" in text and int(re.findall(r"\d+", text)[1]) <= 12:
            assert first == int(iso[5:7]), text  # both could be months: a slash puts the month first
