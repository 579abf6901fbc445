"""Every user-facing sentence, from an English and a Korean catalog.

`t(key, lang, **values)` looks a key up and fills in its `{placeholders}`. A key
missing from a catalog is shown as ⟦key⟧ so tests (and people) notice it.
A language's catalog is `locales/<lang>.json` plus every `locales/<lang>/*.json` (the pages'
lessons, one file per page); a key defined twice is an error.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "ko")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "ko": "한국어"}
MISSING = "⟦{}⟧"
_DIR = Path(__file__).parent / "locales"


@lru_cache(maxsize=len(LANGS))
def catalog(lang: str) -> dict[str, str]:
    entries = json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    for part in sorted((_DIR / lang).glob("*.json")):
        more = json.loads(part.read_text(encoding="utf-8"))
        twice = set(entries) & set(more)
        if twice:
            raise ValueError(f"{part.name} defines keys again: {sorted(twice)[:5]}")
        entries.update(more)
    return entries


def t(key: str, lang: str, **values) -> str:
    text = catalog(lang).get(key)
    if text is None:
        return MISSING.format(key)
    return text.format(**values)


def words(page_id: str, lang: str):
    """A page's catalog outside a run (for figures built in cached functions): `words(...)(".x")` is the
    page's own key `page_id.x`, any other key is looked up as it is."""
    return lambda key, **v: t(f"{page_id}{key}" if key.startswith(".") else key, lang, **v)
