"""Every guide step sets its view (and the URL), every question reveals a verdict and its view, in both languages."""

import pytest

from tests.apptest import run_page
from tests.lessons import GUIDES, QUESTIONS, files, modules
from ui import course
from ui.i18n import MISSING, catalog


def expected_url(view: dict) -> dict:
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in view.items()}


def missing_keys(at) -> list[str]:
    marker = MISSING.split("{")[0]
    return [e.proto.body for e in at.markdown if marker in e.proto.body] + [
        b.label for b in at.button if marker in b.label
    ]


@pytest.mark.parametrize(("page_id", "guide"), GUIDES, ids=lambda x: getattr(x, "id", x))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_step_sets_its_view_and_the_url(page_id, guide, lang):
    at = run_page(files()[page_id], lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    for n, view in enumerate(guide.steps, 1):
        at.button(key=f"try_{guide.id}_{n}").click().run()
        assert not at.exception, [e.value for e in at.exception]
        for key, value in expected_url(view).items():
            assert at.query_params.get(key, value) == value, (n, key)  # a default is left out of the URL
            assert str(at.session_state[key]).lower() == value.lower(), (n, key)
    assert not missing_keys(at)


@pytest.mark.parametrize(("page_id", "question"), QUESTIONS, ids=lambda x: getattr(x, "id", x))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_question_reveals_a_verdict_and_its_view(page_id, question, lang):
    wrong = next(o for o in question.options if o != question.answer)
    for choice, verdict in ((question.answer, "success"), (wrong, "warning")):
        at = run_page(files()[page_id], lang=lang)
        box = at.get("button_group")
        box = [b for b in box if b.key == f"answer_{question.id}"]
        assert box, f"question {question.id} not on the page"
        box[0].set_value(choice).run()
        assert not at.exception, [e.value for e in at.exception]
        said = [e.value for e in getattr(at, verdict)]
        assert catalog(lang)["lesson.right" if verdict == "success" else "lesson.not_quite"].split("{")[0] in " ".join(
            said
        )
        for key, value in expected_url(question.view).items():
            assert str(at.session_state[key]).lower() == value.lower(), key
        assert not missing_keys(at)


def test_every_lesson_sentence_is_in_both_catalogs():
    en, ko = catalog("en"), catalog("ko")
    for page_id, guide in GUIDES:
        for key in [f"{page_id}.{guide.id}.try{n}" for n in range(1, len(guide.steps) + 1)] + [
            f"{page_id}.{guide.id}.notice"
        ]:
            assert key in en and key in ko, key
    for page_id, q in QUESTIONS:
        assert q.answer in q.options
        for key in [f"{page_id}.{q.id}.{x}" for x in ("prompt", "why", *q.options)]:
            assert key in en and key in ko, key


def test_lessons_cover_the_pages_that_have_them():
    assert set(modules()) <= {p.id for p in course.all_pages()}
