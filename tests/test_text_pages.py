"""Pages that read typed text: empty, too long, unknown characters, Korean, emoji, control characters, HTML."""

import pytest

from models import translator
from models.data import text
from tests.apptest import run_page, views
from tests.sequences import SEQUENCE, TEXT_PAGES
from ui.i18n import catalog

EN = catalog("en")
CHAR_PAGES = ["pages/11_markov.py", "pages/12_gates.py", "pages/13_gradients.py"]
DATE_PAGES = ["pages/21_translator.py", "pages/22_self_attention.py", "pages/23_multi_head.py", "pages/24_positions.py"]
LIMIT = {**{p: text.MAX_CHARS for p in CHAR_PAGES}, **{p: translator.MAX_INPUT for p in DATE_PAGES}}


def typed(file: str, value: str):
    at = run_page(file)
    box = at.text_area(key="text") if file in CHAR_PAGES else at.text_input(key="text")
    box.input(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def starts(template: str) -> str:
    return template.split("{")[0]


@pytest.mark.parametrize("file", CHAR_PAGES + DATE_PAGES)
def test_empty_text_gets_a_prompt_not_an_error(file):
    at = typed(file, "   ")
    assert EN["text.empty"] in [i.value for i in at.info]
    assert not at.error


@pytest.mark.parametrize("file", CHAR_PAGES + DATE_PAGES)
def test_long_text_is_cut_to_the_limit_with_a_notice(file):
    at = typed(file, "ab c" * 600)
    cut = [w.value for w in at.warning if w.value.startswith(starts(EN["text.cut"]))]
    assert cut == [EN["text.cut"].format(n=2400, limit=LIMIT[file])]


@pytest.mark.parametrize("file", CHAR_PAGES + DATE_PAGES)
def test_unknown_characters_are_listed(file):
    at = typed(file, "24 Nov 2026 🙂 \x07")
    middle = EN["text.unknown"].split("}")[1].split("{")[0]  # the words between the placeholders
    notes = [w.value for w in at.warning if middle in w.value]
    assert len(notes) == 1
    assert "🙂" in notes[0] and "U+0007" in notes[0]


def test_korean_is_unknown_to_the_character_models_but_not_to_the_translator():
    at = typed("pages/11_markov.py", "날짜는 2026년")
    assert any("날" in w.value for w in at.warning)
    at = typed("pages/21_translator.py", "2026년 11월 24일")
    assert not at.warning
    assert any("2026-11-24" in m.value for m in at.markdown)


def test_html_is_shown_as_text_in_the_painted_characters():
    at = typed("pages/12_gates.py", '<b>bold</b><script>alert("x")</script>')
    painted = [part["html"] for key in ("painted", "gru_painted") for part in views(at, key)["views"].values()]
    # one span per character, for every internal of each model's unit and the unit beside (unit 0 has one): the
    # brackets arrive escaped, and no tag the user typed survives
    assert len(painted) == (6 + 1) + (4 + 1)
    for markup in painted:
        assert markup.count("&lt;") == 4 and "<script" not in markup and "<b>" not in markup


def test_a_date_outside_the_trained_formats_is_flagged():
    at = typed("pages/21_translator.py", "<b>hello</b>")
    assert any(w.value.startswith(starts(EN["translator.outside"])) for w in at.info)
    assert any(w.value.startswith(starts(EN["translator.unsure"])) for w in at.warning)  # and not sure of it
    at = typed("pages/21_translator.py", "24 Nov 2026")
    inside = starts(EN["translator.inside"])
    assert any(inside in c.value for c in at.caption) and not at.warning and not at.info


def test_one_character_is_too_short_for_next_character_predictions():
    at = typed("pages/11_markov.py", "a")
    assert EN["markov.too_short"] in [i.value for i in at.info]


def test_a_readable_unit_button_selects_its_unit():
    at = run_page("pages/12_gates.py")
    at.button(key="show_bracket_depth").click().run()
    assert not at.exception
    assert at.query_params["feature"] == "bracket_depth"
    assert at.slider(key="unit").value == int(at.query_params.get("unit", 0))
    assert at.segmented_control(key="internal").value == "c"


def test_each_gates_model_keeps_its_own_internal_and_unit():
    at = run_page("pages/12_gates.py", internal="f", unit="7")
    at.segmented_control(key="model").set_value("gru").run()
    assert not at.exception
    assert at.segmented_control(key="gru_internal").value == "h" and at.slider(key="gru_unit").value == 0
    assert at.segmented_control(key="internal").value == "f" and at.slider(key="unit").value == 7


def test_settings_of_a_hidden_section_survive_an_empty_text():
    at = run_page("pages/11_markov.py", pos="12")
    at.text_area(key="text").input("").run()
    assert not at.exception
    at.text_area(key="text").input("Some new text to read, long enough.").run()
    assert not at.exception
    assert at.slider(key="pos").value == 12


@pytest.mark.parametrize(
    ("file", "query", "bad"),
    [
        (
            "pages/11_markov.py",
            {"model": "<b>x</b>", "pos": "abc", "temperature": "nan"},
            ["model", "pos", "temperature"],
        ),
        ("pages/12_gates.py", {"internal": "q", "unit": "9999", "feature": "😀"}, ["internal", "unit", "feature"]),
        (
            "pages/12_gates.py",
            {"gru_internal": "c", "gru_unit": "296", "model": "rnn"},
            ["model", "gru_internal", "gru_unit"],
        ),
        ("pages/13_gradients.py", {"scale": "-1", "distance": "1e9"}, ["scale", "distance"]),
        ("pages/21_translator.py", {"step": "0", "head": "5", "layer": "x"}, ["step", "layer", "head"]),
        ("pages/22_self_attention.py", {"token": "-2", "scale": "maybe"}, ["token", "scale"]),
        ("pages/24_positions.py", {"width": "7.5", "length": ""}, ["width", "length"]),
    ],
)
def test_odd_url_values_on_text_pages_fall_back_with_a_notice(file, query, bad):
    at = run_page(file, **query)
    assert not at.exception, [e.value for e in at.exception]
    notice = [w.value for w in at.warning if w.value.startswith(starts(EN["url.bad"]))]
    assert notice and all(k in notice[0] for k in bad)


def test_a_text_in_the_url_longer_than_the_limit_is_cut_with_a_notice():
    at = run_page("pages/21_translator.py", text="24 Nov 2026 " * 20)
    assert not at.exception
    assert any(w.value == EN["text.cut"].format(n=240, limit=translator.MAX_INPUT) for w in at.warning)


@pytest.mark.parametrize("file", list(TEXT_PAGES))
def test_any_sequence_of_texts_keeps_the_hidden_settings(file):
    """Empty, blank, long, unknown and HTML texts, one after another: no error, no None, nothing forgotten."""
    _, kept = TEXT_PAGES[file]
    at = run_page(file, **kept)
    for value in SEQUENCE:
        box = at.text_area(key="text") if file in CHAR_PAGES else at.text_input(key="text")
        box.input(value).run()
        assert not at.exception, (value[:20], [e.value for e in at.exception])
        assert "None" not in at.query_params.values(), dict(at.query_params)
    assert {k: at.query_params.get(k) for k in kept} == kept
