"""The translator page reads numeric dates both ways when both are dates, and says when it is unsure."""

import re

import pytest

from models.data import datereader
from tests.apptest import chart, numbers, run_page
from ui import datemodel
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")
PAGE = "pages/21_translator.py"


@pytest.mark.parametrize(
    ("text", "lang", "first", "second"),
    [
        ("03/04/2020", "en", ("month_first", "2020-03-04"), ("day_first", "2020-04-03")),
        ("03/04/2020", "ko", ("day_first", "2020-04-03"), ("month_first", "2020-03-04")),
        ("03.04.2020", "en", ("day_first", "2020-04-03"), ("month_first", "2020-03-04")),
        ("3-4-2020", "en", ("day_first", "2020-04-03"), ("month_first", "2020-03-04")),
        ("3 / 4 / 20", "en", ("month_first", "2020-03-04"), ("day_first", "2020-04-03")),
        ("4/5/99", "en", ("month_first", "1999-04-05"), ("day_first", "1999-05-04")),
    ],
)
def test_both_readings_the_suggested_one_first(text, lang, first, second):
    assert datereader.readings(text, lang) == [first, second]


@pytest.mark.parametrize(
    "text",
    [
        "14/03/2044",  # 14 cannot be a month: day first is the only reading
        "03/14/2044",  # nor here: month first
        "31/04/2020",  # 31 April is no date, and month 31 neither
        "05/05/2020",  # both readings are the same day
        "2020/03/04",  # a year in front: year, month, day
        "26. 11. 24.",  # the Korean short form: year first
        "Mar 4 2020",
        "03/04",  # no year
        "hello",
    ],
)
def test_no_ambiguity_when_the_numbers_decide_it(text):
    assert datereader.readings(text, "en") == [] and datereader.readings(text, "ko") == []


def test_the_model_s_probability_of_each_reading():
    month_first = datemodel.likelihood("03/04/2020", "2020-03-04")
    day_first = datemodel.likelihood("03/04/2020", "2020-04-03")
    assert 0 <= day_first < month_first <= 1 and month_first + day_first <= 1 + 1e-6
    assert datemodel.run("03/04/2020")["answer"] == "2020-03-04"  # the model's rule for a slash
    assert month_first == pytest.approx(float(datemodel.run("03/04/2020")["confidence"].prod()), rel=1e-4)


def readings_table(at):
    """The table of the two readings, its cells as shown (st.table's Markdown escapes removed)."""
    frames = [t.value for t in at.table]
    table = next(f for f in frames if f.shape[0] == 2 and f.shape[1] == 3)
    return table.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)


@pytest.mark.parametrize(("lang", "words", "first"), [("en", EN, "month_first"), ("ko", KO, "day_first")])
def test_an_ambiguous_date_shows_both_readings_on_the_page(lang, words, first):
    at = run_page(PAGE, text="03/04/2020", lang=lang)
    assert not at.exception
    assert words["translator.ambiguous"] in [i.value for i in at.info]
    table = readings_table(at)
    assert list(table.columns) == [words[f"translator.{c}"] for c in ("reading_col", "date_col", "model_p_col")]
    assert table.iloc[0, 0] == words[f"translator.order_{first}"]
    assert set(table.iloc[:, 1]) == {"2020-03-04", "2020-04-03"}
    assert float(table.iloc[0 if first == "month_first" else 1, 2]) > 0.9  # the model reads a slash month first


def test_a_first_number_above_12_gets_no_ambiguity_notice():
    at = run_page(PAGE, text="14/03/2044")
    assert not at.exception
    assert EN["translator.ambiguous"] not in [i.value for i in at.info]


def starts(template: str) -> str:
    return template.split("{")[0]


def test_a_trained_format_is_written_with_high_confidence():
    for text in ("24 Nov 2026", "Tuesday, November 24, 2026", "2026년 11월 24일", "11/24/2026"):
        assert datemodel.run(text)["confidence"].min() > datereader.UNSURE, text
    at = run_page(PAGE, text="24 Nov 2026")
    assert not at.exception and not at.warning
    cells = chart(at, "sure")["data"][0]
    z = cells["z"]  # plotly sends arrays of numbers as typed arrays: base64 bytes and a dtype
    z = numbers(z).ravel()
    assert cells["text"] == [list("2026-11-24")] and len(z) == 10 and z.min() > datereader.UNSURE


@pytest.mark.parametrize(("lang", "words"), [("en", EN), ("ko", KO)])
def test_nonsense_is_flagged_as_unsure(lang, words):
    assert datereader.unsure(datemodel.run("hello")["confidence"])
    at = run_page(PAGE, text="hello", lang=lang)
    assert not at.exception
    assert any(w.value.startswith(starts(words["translator.unsure"])) for w in at.warning)


def test_the_page_opens_on_a_korean_date_in_korean_and_follows_a_change_of_language():
    at = run_page("pages/21_translator.py", lang="ko")
    assert at.text_input(key="text").value == "2026년 11월 24일 화요일"
    assert any("2026-11-24" in m.value for m in at.markdown)  # and the model reads it
    assert "text" not in at.query_params  # the Korean default is a default: links stay short
    at.segmented_control(key="lang").set_value("en").run()
    assert at.text_input(key="text").value == "Tuesday, November 24, 2026"
    assert "text" not in at.query_params


def test_a_typed_date_survives_a_change_of_language():
    at = run_page("pages/21_translator.py", lang="ko")
    at.text_input(key="text").set_value("Tuesday, November 24, 2026").run()  # typed: the English default, in Korean
    at.segmented_control(key="lang").set_value("en").run()
    at.segmented_control(key="lang").set_value("ko").run()
    assert at.text_input(key="text").value == "2026년 11월 24일 화요일"  # both untouched defaults follow the language
    at.text_input(key="text").set_value("3/4/2020").run()
    at.segmented_control(key="lang").set_value("en").run()
    assert at.text_input(key="text").value == "3/4/2020"
    assert at.query_params["text"] == "3/4/2020"
