"""Each browser element's script is one module: the shared code (ui/views.py's COMMON, ui/computed.py's BASE and
TAIL) and a model's code are joined, so a name declared at the top level twice is a syntax error that leaves the
element blank (a `measure` in both the shared code and ui/mlefit.py did)."""

import importlib
import re
from collections import Counter

import pytest

from ui import computed, views

TOP = re.compile(r"^(?:export default )?(?:async )?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)", re.M)
MODELS = ["attnquery", "decodestep", "mlefit", "paramcounts", "samplefreqs", "toppreds"]


def declared_twice(js: str) -> list[str]:
    return sorted(name for name, n in Counter(TOP.findall(js)).items() if n > 1)


def test_the_check_finds_a_name_declared_twice():
    assert declared_twice("const a = 1;\nfunction b() {}\nfunction a() {}\n  const b = 2;\n") == ["a"]


def test_the_views_element_declares_each_name_once():
    assert declared_twice(views.JS) == []


@pytest.mark.parametrize("name", MODELS)
def test_each_computed_element_declares_each_name_once(name):
    module = importlib.import_module(f"ui.{name}")
    assert declared_twice(computed.BASE + module.JS + computed.TAIL) == []


def test_the_drawing_canvas_declares_each_name_once():
    from ui import canvas

    assert declared_twice(canvas.JS) == []
