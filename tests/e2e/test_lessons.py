"""Lessons in a real browser: a step sets its view and its address; an answer reveals a verdict and its view."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import chart_data, expect_changed, open_app
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")


def test_a_guide_step_sets_the_view_and_the_address(server, page):
    open_app(page, f"{server.url}/translator?step=4")
    before = chart_data(page, "next_probs")
    page.locator(".st-key-try_decode_2 button").click()  # "Jump to step 6"
    expect(page).to_have_url(re.compile(r"step=6"))
    expect_changed(page, lambda: chart_data(page, "next_probs"), before)


def test_answering_a_question_shows_the_verdict_and_the_view_that_settles_it(server, page):
    open_app(page, f"{server.url}/self_attention?lang=ko")
    before = chart_data(page, "scores")
    question = page.locator(".st-key-question_scaling")
    question.get_by_role("radio", name=KO["self_attention.scaling.flatter"]).or_(
        question.get_by_text(KO["self_attention.scaling.flatter"], exact=True)
    ).first.click()
    expect(
        page.locator("[data-testid=stAlert]").filter(has_text=KO["lesson.not_quite"].split("{")[0].strip())
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"scale=false"))
    expect_changed(page, lambda: chart_data(page, "scores"), before)
    why = KO["self_attention.scaling.why"].split("{")[0].strip()[:12]
    expect(question.get_by_text(why, exact=False).first).to_be_visible()
