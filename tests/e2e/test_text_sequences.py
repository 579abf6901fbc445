"""Every text page in a real browser, through a sequence of bad and good texts: no error, nothing forgotten.

Streamlit drops the value of a widget that a run did not draw; in the browser (not in AppTest) such a
widget came back as None after two such runs in a row. This drives the sequence on every text page.
"""

import urllib.parse

import pytest

from tests.e2e.browser import open_app, type_text
from tests.sequences import SEQUENCE, TEXT_PAGES


@pytest.mark.parametrize("file", list(TEXT_PAGES))
def test_any_sequence_of_texts_keeps_the_hidden_settings(server, page, file):
    route, kept = TEXT_PAGES[file]
    open_app(page, f"{server.url}/{route}?{urllib.parse.urlencode(kept)}")
    for value in SEQUENCE:
        type_text(page, "text", value)
        errors = page.locator("[data-testid=stException]")
        assert errors.count() == 0, (value[:20], errors.first.inner_text()[:500])
        query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert all(v != ["None"] for v in query.values()), page.url
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert {k: query.get(k, [None])[0] for k in kept} == kept
