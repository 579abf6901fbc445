import re
import string

from ui import course, i18n


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogs_have_the_same_keys():
    en, ko = i18n.catalog("en"), i18n.catalog("ko")
    assert set(en) - set(ko) == set(), "keys missing in Korean"
    assert set(ko) - set(en) == set(), "keys missing in English"


def test_every_entry_has_the_same_placeholders_and_formats():
    en, ko = i18n.catalog("en"), i18n.catalog("ko")
    for key in en:
        assert placeholders(en[key]) == placeholders(ko[key]), key


def test_korean_is_written_in_korean():
    ko = i18n.catalog("ko")
    hangul = re.compile("[가-힣]")
    # Entries that are names or formulas may stay as they are; prose must be Korean.
    prose = [k for k, v in ko.items() if len(v) > 25]
    assert prose and all(hangul.search(ko[k]) for k in prose)


def test_missing_key_is_visible():
    assert i18n.t("no.such.key", "en") == "⟦no.such.key⟧"


def test_course_map_keys_exist():
    en = i18n.catalog("en")
    for part in course.PARTS:
        assert f"part.{part.id}" in en
        for topic in part.topics:
            assert f"{topic}.name" in en and f"{topic}.do" in en
        for page in part.pages:
            assert f"{page.id}.title" in en and f"{page.id}.nav" in en
            assert set(page.topics) <= set(part.topics)
