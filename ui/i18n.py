"""Every user-facing sentence, from an English and a Korean catalog.

`t(key, lang, **values)` looks a key up and fills in its `{placeholders}`. A key
missing from a catalog is shown as ⟦key⟧ so tests (and people) notice it.
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
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str, **values) -> str:
    text = catalog(lang).get(key)
    if text is None:
        return MISSING.format(key)
    return text.format(**values)
