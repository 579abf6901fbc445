"""The class route: every stop opens a valid view of its page, the handout lists them all, in both languages."""

import pytest

from tests.apptest import run_page
from ui import route
from ui.i18n import catalog, t


@pytest.mark.parametrize("stop", route.STOPS, ids=lambda s: s.page)
def test_every_stop_opens_its_view_without_a_bad_setting(stop):
    at = run_page(stop.info.file, **stop.view, lang="ko")
    assert not at.exception, [e.value for e in at.exception]
    bad = catalog("ko")["url.bad"].split("{")[0]
    assert not [w for w in at.warning if w.value.startswith(bad)]
    for key, value in stop.view.items():
        assert str(at.session_state[key]).lower() == value.lower(), key


def test_the_route_is_about_fifty_minutes_in_about_ten_stops():
    assert 8 <= len(route.STOPS) <= 12
    assert 40 <= sum(s.minutes for s in route.STOPS) <= 60
    assert len({s.page for s in route.STOPS}) == len(route.STOPS)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_handout_lists_every_stop_with_its_link_question_and_conclusion(lang):
    text = route.handout(lambda key, **v: t(key, lang, **v), lang, base="http://host")
    assert "⟦" not in text
    for stop in route.STOPS:
        assert route.link(stop, lang, base="http://host") in text
        assert t(f"route.{stop.page}.question", lang) in text and t(f"route.{stop.page}.conclusion", lang) in text


def test_home_shows_the_route_with_a_handout_and_a_presenter_start():
    at = run_page("app.py")
    assert not at.exception
    title = t("route.title", "en", minutes=sum(s.minutes for s in route.STOPS))
    assert [e for e in at.expander if e.label == title]
    assert at.get("download_button")
    questions = [m.value for m in at.markdown if t("route.ask", "en") in m.value]
    assert len(questions) == len(route.STOPS)
