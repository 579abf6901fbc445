"""Classroom tools in every page: reset to defaults, presenter mode kept in the address, the share link."""

import io

import pytest
import zxingcpp
from PIL import Image

from tests.apptest import fitted, run_page, views
from ui import course, shell
from ui.classroom import qr_png


@pytest.mark.parametrize("info", course.all_pages(), ids=lambda p: p.id)
def test_reset_brings_every_setting_back_to_its_default(info):
    first = run_page(info.file)
    moved = {}
    for widget in [*first.slider, *first.number_input]:
        if widget.key:
            target = widget.max if widget.value != widget.max else widget.min
            widget.set_value(target)
            moved[widget.key] = target
    first.run()
    assert moved and set(moved) <= set(first.query_params)
    first.button(key="page_reset").click().run()
    assert not first.exception, [e.value for e in first.exception]
    assert not set(moved) & set(first.query_params), dict(first.query_params)
    again = run_page(info.file)
    for key in moved:
        kind = "slider" if key in {w.key for w in first.slider} else "number_input"
        assert getattr(first, kind)(key=key).value == getattr(again, kind)(key=key).value, key


def test_reset_keeps_the_language_and_presenter_mode():
    at = run_page("pages/32_nade.py", lang="ko", present="true", step="100")
    at.button(key="page_reset").click().run()
    assert at.query_params.get("lang") == "ko" and at.query_params.get("present") == "true"
    assert "step" not in at.query_params


def test_presenter_mode_is_in_the_address_and_styles_the_page():
    at = run_page("pages/21_translator.py", present="1")
    assert not at.exception
    assert at.session_state["present"] is True and at.query_params["present"] == "true"
    assert any("font-size: 18px" in h.proto.body for h in at.get("html"))  # a colour bar's labels
    # the charts' own text is drawn larger by the browser's elements, told so by every run (ui/views.py)
    assert views(at, "cross")["present"] is True and fitted(at, "next_probs")["present"] is True
    plain = run_page("pages/21_translator.py")
    assert not any("font-size: 18px" in h.proto.body for h in plain.get("html"))
    assert views(plain, "cross")["present"] is False and fitted(plain, "next_probs")["present"] is False
    # views sent again in the other mode are other views: the browser draws them anew at the other sizes
    assert views(at, "cross")["id"] != views(plain, "cross")["id"]


def test_the_qr_code_decodes_to_the_address():
    url = "http://example.org/nade?lang=ko&seed=7&text=" + "가나다 <b>" * 20
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))
    assert [f.text for f in found] == [url]


def test_the_home_page_has_no_reset():
    at = run_page("app.py")
    assert not [b for b in at.button if b.key == "page_reset"]
    assert [b for b in at.button if b.key == "page_share"]
    assert shell.PRESENT.default is False


def test_each_page_s_long_lived_objects_leave_the_collector_once_after_its_first_run(monkeypatch):
    """What a page's first run leaves behind for good (modules, figure validators, cached models) is frozen
    once, at the next run, so the full collection Streamlit runs after every script walks only new objects."""
    import gc

    from ui import shell

    frozen = []
    monkeypatch.setattr(shell, "_seen", set())
    monkeypatch.setattr(shell, "_settled", set())
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(len(shell._settled)))
    monkeypatch.setattr(gc, "collect", lambda *a: 0)
    for page_id in ["a", "a", "b", "a", "b", "a", "c", "c", "c"]:
        shell.settle(page_id)
    assert frozen == [1, 2, 3]  # after a's first run, after b's, after c's: never again for a page
    shell.settle()  # the warm-up, when every model is loaded
    assert len(frozen) == 4
