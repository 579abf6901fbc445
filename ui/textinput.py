"""A text box every text page shares: empty text gets a prompt, long text is cut, unknown characters are listed."""

from __future__ import annotations

import string
from collections.abc import Callable

import streamlit as st

from figures.sequence import label
from models import translator
from models.data import text

MARKDOWN = set("\\`*_{}[]()!|<>~$:")  # what Markdown would act on in the middle of a line


def shown(c: str) -> str:
    """A character quoted so that Markdown shows it as itself."""
    visible = label(c)
    escaped = "".join("\\" + ch if ch in MARKDOWN else ch for ch in visible)
    return f"“{escaped}” (U+{ord(c):04X})" if visible == c else escaped


def literal(s: str) -> str:
    """Text shown in Markdown as itself: every ASCII punctuation mark escaped, so that a typed date such as
    '26. 11. 24.' is not read as a list numbered from 26, nor '<b>' or '**' as markup."""
    return "".join("\\" + c if c in string.punctuation else c for c in s)


def table(rows: list[dict]) -> None:
    """A small table of texts, drawn with the rest of the run (a data grid paints its canvas later): its
    cells, which st.table reads as Markdown, shown as they are written."""
    cells = [{k: literal(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
    st.table(cells, hide_index=True, border="horizontal")


def typed(page, key: str, limit: int, unknown: Callable[[str], list[str]], make=st.text_area, **kwargs) -> str | None:
    """The text in a settings-bound box, cut to `limit`; None (after a prompt) when it is empty."""
    hint = "text.help_area" if make is st.text_area else "text.help_line"
    raw = page.widget(make, key, help=page.t(hint, limit=limit), **kwargs)
    if not raw or not raw.strip():
        st.info(page.t("text.empty"), icon=":material/edit:")
        return None
    if len(raw) > limit:
        st.warning(page.t("text.cut", n=len(raw), limit=limit), icon=":material/content_cut:")
        raw = raw[:limit]
    missing = unknown(raw)
    if missing:
        chars = ", ".join(shown(c) for c in missing[:20]) + (" …" if len(missing) > 20 else "")
        st.warning(page.t("text.unknown", count=len(missing), chars=chars), icon=":material/help:")
    return raw


def english_text(page, height: int = 100, key: str = "text") -> str | None:
    """The text box of the character-model pages: English text the models read, up to text.MAX_CHARS."""
    return typed(page, key, text.MAX_CHARS, lambda s: text.unknown(s, text.training_chars()), height=height)


def date_text(page, key: str = "text") -> str | None:
    """The one-line box of the date-translator pages, up to translator.MAX_INPUT characters."""
    return typed(page, key, translator.MAX_INPUT, translator.unknown, make=st.text_input)
