"""Text shown in the pages' small tables (st.table reads every cell as Markdown) comes out as it was written.
Rendered with CommonMark (markdown-it-py), whose backslash escapes are the same as the GitHub-flavoured Markdown
Streamlit draws with."""

import html
import re

import pytest
from markdown_it import MarkdownIt

from tests.apptest import run_page
from ui import textinput

SHOWN = re.compile(r"<p>(.*)</p>\n", re.S)


@pytest.mark.parametrize(
    "s",
    [
        "'26. 11. 24.",
        "26. 11. 24.",
        "<b>bold</b>",
        "**24** Nov",
        "1) one",
        "- 2026",
        "# 2026",
        "a|b",
        "`c`",
        "[x](y)",
        "2026-11-24",
        "2026년 11월 24일 🙂",
        "\\n",
    ],
)
def test_a_text_in_a_table_cell_renders_as_itself(s):
    rendered = MarkdownIt("commonmark").render(textinput.literal(s))
    inner = SHOWN.fullmatch(rendered)
    assert inner is not None, rendered  # one plain paragraph: no list, heading, code or link
    assert "<" not in inner.group(1).replace("&lt;", "")  # no tag of any kind
    assert html.unescape(inner.group(1)) == s


def test_the_positions_table_shows_the_korean_short_date_as_written():
    at = run_page("pages/24_positions.py", without="true")
    cells = [v for t in at.table for v in t.value.iloc[:, 0]]
    assert textinput.literal("26. 11. 24.") in cells  # not a list numbered from 26
