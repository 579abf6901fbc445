"""The URL is the view: one declarative table of settings per page, to and from the query string.

Each `Setting` knows its default and what values it allows. When a page opens, the
query string seeds the widgets' session state; a missing value takes the default, a
malformed or out-of-range one takes the default and is reported. Whenever a widget
changes, `push` writes the current values back (defaults are left out of the URL).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import streamlit as st

PAGE_KEY = "_url_page"
LANG_SEEN = "_url_lang"  # the language of the last run, to follow a change of language


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    choices: tuple | None = None
    max_len: int | None = None
    by_lang: tuple[tuple[str, Any], ...] = ()  # (language, default) where a language opens on another value
    # Chooses among views the browser already holds (ui/views.py): its widget never reruns the script, and
    # the browser writes its URL entry; the next run reads its value from the widget, as for any other.
    browser: bool = False

    def initial(self) -> Any:
        """The default in the current language (the translator opens on a Korean date in Korean)."""
        return dict(self.by_lang).get(st.session_state.get("lang"), self.default)

    def parse(self, raw: str) -> Any:
        """The value a query-string entry stands for; ValueError when it is not allowed."""
        kind = type(self.default)
        if kind is bool:
            if raw.lower() not in ("true", "false", "1", "0"):
                raise ValueError(raw)
            value = raw.lower() in ("true", "1")
        elif kind is int:
            value = int(raw)
        elif kind is float:
            value = float(raw)
            if not math.isfinite(value):
                raise ValueError(raw)
        else:
            value = raw
        if self.choices is not None and value not in self.choices:
            raise ValueError(raw)
        if self.lo is not None and value < self.lo or self.hi is not None and value > self.hi:
            raise ValueError(raw)
        if self.max_len is not None and len(value) > self.max_len:
            raise ValueError(raw)
        return value

    def dump(self, value: Any) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)


def _seed(s: Setting) -> bool:
    """Set a setting's session value from the URL (the default when absent); False when the URL value was bad."""
    raw = st.query_params.get(s.key)
    try:
        st.session_state[s.key] = s.initial() if raw is None else s.parse(raw)
        return True
    except ValueError:
        st.session_state[s.key] = s.initial()
        return False


def restore(settings: list[Setting], page_id: str) -> tuple[list[str], list[str]]:
    """Seed session state from the URL on entering a page; return (bad keys, unknown keys)."""
    changed = st.session_state.get(LANG_SEEN) != st.session_state.get("lang")
    if st.session_state.get(PAGE_KEY) == page_id:
        # Streamlit forgets a widget's value after a run that did not draw it (a section hidden behind
        # an empty text box): take it back from the URL, which still holds it.
        for s in settings:
            if st.session_state.get(s.key) is None:
                _seed(s)
            elif s.by_lang and changed and st.session_state[s.key] in {s.default, *dict(s.by_lang).values()}:
                st.session_state[s.key] = s.initial()  # the language changed: so does an untouched default
        st.session_state[LANG_SEEN] = st.session_state.get("lang")
        return [], []
    st.session_state[PAGE_KEY] = page_id
    bad = [s.key for s in settings if not _seed(s)]
    st.session_state[LANG_SEEN] = st.session_state.get("lang")
    known = {s.key for s in settings} | {"embed", "embed_options"}
    unknown = [k for k in st.query_params if k not in known]
    for k in unknown:
        del st.query_params[k]
    return bad, unknown


def push(settings: list[Setting]) -> None:
    """Write the settings' current values into the URL, leaving defaults out."""
    for s in settings:
        if s.key not in st.session_state:  # not drawn in the last run: the URL keeps what it had
            continue
        value = st.session_state[s.key]
        if value == s.initial():
            if s.key in st.query_params:
                del st.query_params[s.key]
        elif st.query_params.get(s.key) != s.dump(value):
            st.query_params[s.key] = s.dump(value)
