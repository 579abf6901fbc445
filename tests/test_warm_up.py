"""The server's warm-up (ui.shell.warm_up, run in the background when a server starts): every model is loaded
before anyone opens a page, a missing model does not stop it, and no run meets a module half-imported."""

import subprocess
import sys
from pathlib import Path

import pytest

from models import hub
from models.hub import registry
from ui import shell

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cold():
    yield
    shell.load.clear()  # the next test loads the real models again


def test_after_the_warm_up_no_page_loads_a_model(cold, monkeypatch):
    shell.load.clear()
    loads = []
    real = hub.load
    monkeypatch.setattr(hub, "load", lambda name, *a, **k: loads.append(name) or real(name, *a, **k))
    shell.warm_up()
    assert sorted(loads) == sorted(registry.MODELS)  # each once
    for name in registry.MODELS:
        shell.load(name)
    assert len(loads) == len(registry.MODELS)  # none again: a page's first visit finds them loaded


def test_the_warm_up_goes_on_past_missing_weights(cold, monkeypatch, tmp_path):
    monkeypatch.setenv("MODELS_WEIGHTS_DIR", str(tmp_path))  # no weights at all
    shell.load.clear()
    shell.warm_up()  # nothing raised: the page that needs a model explains the fix
    with pytest.raises(hub.ModelUnavailable, match="not found"):
        shell.load("vit")


def test_a_page_run_in_a_new_process_never_meets_pandas_half_imported():
    """Plotly looks pandas up in sys.modules without importing it: a run that met it half-imported by another
    thread (the warm-up imported it) failed. In a new interpreter, as on a new server, the charts of a page
    draw while the warm-up runs."""
    code = (
        "from tests.apptest import run_page\n"
        "at = run_page('pages/25_vit.py', all_heads='true')\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "import sys; assert hasattr(sys.modules['pandas'], 'Series')\n"
        "import threading; [t.join() for t in threading.enumerate() if t.name == 'warm-models']\n"  # then exit
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_home_page_is_drawn_without_torch_and_the_warm_up_imports_it_after():
    """A new server's first visitor waits for no torch import (2.5 s of a 7 s cold start) and no pandas import
    (0.5 s): the home page's run imports no torch, pandas only for the hidden tables at its foot, and the
    warm-up it starts at its end imports torch, with one thread, and loads every model."""
    code = (
        "import sys, threading\n"
        "import streamlit as st\n"
        "from tests.apptest import run_page\n"
        "from ui import shell\n"
        "calls, drawn = [], []\n"
        "shell.warm = lambda: calls.append(sorted(m for m in ('torch', 'models.charlm') if m in sys.modules))\n"
        "for name in ('title', 'header'):\n"
        "    def spy(*a, real=getattr(st, name), **k):\n"
        "        drawn.append('pandas' in sys.modules)\n"
        "        return real(*a, **k)\n"
        "    setattr(st, name, spy)\n"
        "at = run_page('app.py')\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "assert len(drawn) >= 3 and not any(drawn), drawn  # the title and every part's header drawn first\n"
        "assert hasattr(sys.modules['pandas'], 'Series')  # then the hidden tables, pandas whole\n"
        "assert calls == [[]], calls  # warm() called once, at the end, with no torch imported by then\n"
        "assert 'torch' not in sys.modules\n"
        "shell.warm_up()\n"
        "import torch\n"
        "assert torch.get_num_threads() == 1\n"
        "from models.hub import registry\n"
        "assert all(shell.load(name) for name in registry.MODELS)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
