"""The server's warm-up (ui.shell.warm_up, run in the background when a server starts): what a page's first
run would compute once per process is there before anyone opens the page, and a missing model does not stop it."""

import subprocess
import sys
from pathlib import Path

import pytest

from models import hub
from models.vae import VAE
from models.vit import ViT
from ui import shell, vaemodels, vitmodel

ROOT = Path(__file__).resolve().parents[1]
ONCE = (vitmodel.heldout_ink, vitmodel.position_similarity, vaemodels.heldout, vaemodels.autoencoder_codes)


@pytest.fixture
def cold():
    for f in ONCE:
        f.clear()
    yield
    shell.load.clear()  # the next test loads the real models again


def test_after_the_warm_up_the_pages_sums_over_held_out_digits_run_no_model(cold, monkeypatch):
    shell.warm_up()
    runs = []
    monkeypatch.setattr(ViT, "forward", lambda *a, **k: runs.append("vit"))
    monkeypatch.setattr(VAE, "encode", lambda *a, **k: runs.append("vae"))
    for f in ONCE:
        assert f() is not None
    assert runs == []  # every one came from the cache the warm-up filled


def test_the_warm_up_goes_on_past_missing_weights(cold, monkeypatch, tmp_path):
    monkeypatch.setenv("MODELS_WEIGHTS_DIR", str(tmp_path))  # no weights at all
    shell.load.clear()
    shell.warm_up()  # nothing raised: the page that needs a model explains the fix
    with pytest.raises(hub.ModelUnavailable, match="not found"):
        vitmodel.heldout_ink()


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
