"""The container's entrypoint and health check, run here as the image runs them (no Docker engine here)."""

import os
import subprocess
import sys
import urllib.request

from tests.apptest import ROOT
from tests.deploy import env, exec_form, one
from tests.e2e.browser import free_port, open_app


def test_the_readme_run_command_serves_the_app_and_passes_the_image_health_check(page):
    port = free_port()
    image_env = {**env(), "STREAMLIT_SERVER_PORT": str(port), "STREAMLIT_SERVER_ADDRESS": "127.0.0.1"}
    # The environment this machine already has stands for the image's /opt/venv.
    for key in ("VENV", "APP_REQUIREMENTS"):
        image_env.pop(key)
    proc = subprocess.Popen(
        exec_form(one("CMD")),
        cwd=ROOT,
        env={**os.environ, **image_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        check = exec_form(one("HEALTHCHECK"))
        check[0] = sys.executable  # stands for the image's /opt/venv/bin/python
        check[-1] = check[-1].replace(env()["STREAMLIT_SERVER_PORT"], str(port))
        for _ in range(120):
            if subprocess.run(check, capture_output=True).returncode == 0:
                break
            assert proc.poll() is None, proc.stdout.read()
            subprocess.run(["sleep", "0.5"])
        else:
            raise AssertionError("the health check never passed")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
            assert r.read() == b"ok"
        open_app(page, f"http://127.0.0.1:{port}/")
        assert page.locator("h1").count() >= 1
    finally:
        page.goto("about:blank")  # a page left open would report the stopped server as console errors
        proc.terminate()
        proc.wait(10)
    # the command must also fail the health check once the server is gone
    assert subprocess.run(check, capture_output=True).returncode != 0
