"""Every page, run headless with streamlit.testing in both languages, and its URL state."""

import pytest

from tests.apptest import ROOT, all_text, run_page
from ui import course, shell
from ui.i18n import MISSING, catalog

PAGES = [course.HOME.file] + [p.file for p in course.all_pages()]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("file", PAGES)
def test_page_runs_in_both_languages_with_every_key_translated(file, lang):
    at = run_page(file, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    text = all_text(at)
    assert MISSING.format("")[0] not in text, "a catalog key is missing"
    title = at.title[0].value
    assert title in catalog(lang).values()


def test_home_links_every_page_that_exists_and_nothing_else():
    at = run_page("app.py")
    linked = {link.proto.page for link in at.get("page_link")}
    assert linked == {""} | {p.id for p in course.all_pages()}


def test_url_values_become_widget_values():
    at = run_page("pages/31_distributions.py", seed="42", p="0.8", kind="grey", side="5")
    assert at.number_input(key="seed").value == 42
    assert at.slider(key="p").value == 0.8
    assert at.segmented_control(key="kind").value == "grey"
    assert at.slider(key="side").value == 5
    assert not at.warning


def test_bad_url_values_fall_back_with_a_notice():
    at = run_page("pages/31_distributions.py", seed="-5", p="abc", kind="<b>x</b>", lang="fr")
    assert at.number_input(key="seed").value == 0
    assert at.slider(key="p").value == 0.3
    assert at.segmented_control(key="kind").value == "binary"
    notice = at.warning[0].value
    assert all(k in notice for k in ("lang", "seed", "p", "kind"))


def test_changing_a_widget_updates_the_url_and_defaults_leave_it():
    at = run_page("pages/31_distributions.py")
    at.slider(key="side").set_value(10).run()
    assert at.query_params["side"] == "10"
    at.slider(key="side").set_value(28).run()
    assert "side" not in at.query_params


def test_url_round_trip_reproduces_the_view():
    first = run_page("pages/32_nade.py", seed="3", step="200", index="17")
    params = dict(first.query_params)
    assert params == {"seed": "3", "step": "200", "index": "17"}
    second = run_page("pages/32_nade.py", **params)
    # everything but the live timings (metrics) is the same view
    assert all_text(first, skip=("metric",)) == all_text(second, skip=("metric",))
    assert '\\"type\\":\\"heatmap\\"' in all_text(second)  # the charts' data are part of what is compared


@pytest.mark.parametrize(
    "text", ["", "한국어 😀", "x" * 5000, "\x00\x1b[31m"], ids=["empty", "korean", "long", "control"]
)
def test_odd_text_in_url_values_never_raises(text):
    at = run_page("pages/32_nade.py", seed=text, step=text, source=text)
    assert not at.exception
    assert at.slider(key="step").value == 300


@pytest.fixture
def no_weights(tmp_path, monkeypatch):
    """An empty weights folder, with the process-wide model cache emptied around the test."""
    monkeypatch.setenv("MODELS_WEIGHTS_DIR", str(tmp_path))
    shell.load.clear()
    yield
    shell.load.clear()


def test_missing_weights_explain_the_fix_and_home_still_works(no_weights):
    at = run_page("pages/32_nade.py")
    assert not at.exception
    assert any("python -m models.train nade" in e.value for e in at.error)
    home = run_page("app.py")
    assert not home.exception and not home.error


# what a blank canvas hides of the held-out digit's views, which stay on the page (ui/canvas.py stand_in)
HIDDEN = {"pages/25_vit.py": ("patches", "digit_views")}


@pytest.mark.parametrize("file", ["pages/32_nade.py", "pages/34_vae.py", "pages/25_vit.py"])
def test_an_empty_canvas_prompts_instead_of_predicting(file):
    at = run_page(file, source="drawn")
    assert not at.exception
    page_id = file.split("_", 1)[1].removesuffix(".py")
    assert catalog("en")[f"{page_id}.blank"] in [i.value for i in at.info]
    styles = [h.proto.body for h in at.get("html") if "display: none" in h.proto.body]
    hidden = {key for body in styles for key in HIDDEN.get(file, ()) if f".st-key-{key}" in body}
    assert hidden == set(HIDDEN.get(file, ()))
    heldout = run_page(file, source="heldout")  # nothing hidden with a digit to show
    assert not any(f".st-key-{key}" in h.proto.body for h in heldout.get("html") for key in HIDDEN.get(file, ()))


@pytest.mark.parametrize("file", [p.file for p in course.all_pages()])
def test_every_moved_widget_lands_in_the_url_and_the_url_brings_it_back(file):
    first = run_page(file)
    moved = {}
    for slider in first.slider:
        if slider.key and slider.key != "lang":
            target = slider.max if slider.value != slider.max else slider.min
            slider.set_value(target)
            moved[slider.key] = target
    for number in first.number_input:
        if number.key:
            number.set_value(number.max if number.value != number.max else number.min)
            moved[number.key] = number.value
    first.run()
    assert not first.exception
    params = dict(first.query_params)
    assert set(moved) <= set(params), set(moved) - set(params)
    second = run_page(file, **params)
    url_notice = catalog("en")["url.bad"].split("{")[0]
    assert not second.exception and not any(w.value.startswith(url_notice) for w in second.warning)
    for key, value in moved.items():
        widget = second.slider(key=key) if key in {s.key for s in second.slider} else second.number_input(key=key)
        assert widget.value == pytest.approx(value), key


@pytest.mark.parametrize("info", course.all_pages(), ids=lambda p: p.id)
def test_every_page_without_weights_says_how_to_rebuild_or_needs_none(no_weights, info):
    at = run_page(info.file)
    assert not at.exception, [e.value for e in at.exception]
    declared = shell.DECLARED[info.id]
    if declared:  # the first missing model stops the page, with the command that rebuilds it
        assert [e.value for e in at.error if f"python -m models.train {declared[0]}" in e.value]
        assert len(at.error) == 1
    else:  # the page draws; a section that needs a model says how to rebuild it
        assert at.markdown
        sections = shell.SECTION_MODELS.get(info.id, set())
        assert all(any(f"python -m models.train {m}" in e.value for m in sections) for e in at.error)
        assert len(at.error) == (1 if sections else 0)


@pytest.mark.parametrize("info", course.all_pages(), ids=lambda p: p.id)
def test_pages_reach_models_only_through_what_they_declared(info):
    source = (ROOT / info.file).read_text()
    assert "shell.load(" not in source and "hub.load(" not in source
