"""Several replicas behind Debian's nginx: a replica dies, its browser comes back to the same view, the others never notice."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.apptest import ROOT
from tests.e2e.browser import free_port, slider_moves_chart, slider_value, wait_idle


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


def free_ports(n: int) -> int:
    """A port with the n after it free too (nginx and the replicas take PORT … PORT+n)."""
    while True:
        port = free_port()
        try:
            for p in range(port, port + n + 1):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
            return port
        except OSError:
            continue


@pytest.fixture
def replicas(tmp_path):
    port = free_ports(3)
    run = tmp_path / "run"
    proc = subprocess.Popen(
        ["bash", "scripts/serve-replicas.sh", "3", str(port)],
        cwd=ROOT,
        env={**os.environ, "RUN_DIR": str(run)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        ports = dict(line.split() for line in (run / "replicas.txt").read_text().splitlines())
        yield port, {int(p): int(pid) for p, pid in ports.items()}, proc
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    for pid in ports.values():  # stopping the script stopped everything it started
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text().lower()
    assert not (run / "nginx.pid").exists() or not os.path.exists(f"/proc/{(run / 'nginx.pid').read_text().strip()}")


def test_a_lost_replica_s_browser_reconnects_to_the_same_view_and_the_others_never_notice(replicas, browser):
    port, pids, _ = replicas
    base = f"http://127.0.0.1:{port}"
    views = {}  # replica port -> (context, page, the view it opened)
    for seed in range(12):  # new browsers (cookie-less) until two replicas each hold one
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        url = f"{base}/nade?seed={seed + 1}&step={100 + seed}"
        response = page.goto(url)
        wait_idle(page)
        replica = int(response.headers["x-replica"].rsplit(":", 1)[1])
        if replica in views or len(views) == 2:
            context.close()
            continue
        views[replica] = (context, page, str(100 + seed))
        if len(views) == 2:
            break
    assert len(views) == 2, "twelve browsers all landed on one replica"
    (lost, (_, page_a, step_a)), (kept, (_, page_b, step_b)) = views.items()
    for page, step in ((page_a, step_a), (page_b, step_b)):
        expect(page.locator(".st-key-step input[type=range]")).to_have_value(step)

    page_a.evaluate("window.__before_the_loss = true")
    os.kill(pids[lost], signal.SIGKILL)  # the replica holding browser A's session dies

    # A reconnects through nginx to a live replica and loads the page again (ui/classroom.py's RECONNECT_JS),
    # which draws the same view from the address
    page_a.wait_for_function("() => !window.__before_the_loss", timeout=90_000)
    wait_idle(page_a, timeout=90_000)
    expect(page_a.locator(".st-key-step input[type=range]")).to_have_value(step_a, timeout=90_000)
    expect(page_a.locator(".st-key-generation .js-plotly-plot").last).to_be_visible(timeout=60_000)
    slider_moves_chart(page_a, "step", "generation")
    # B never noticed: same view, still answering, no error anywhere
    assert slider_value(page_b, "step") == step_b
    slider_moves_chart(page_b, "step", "generation")
    for page in (page_a, page_b):
        assert page.locator("[data-testid=stException]").count() == 0
    assert kept != lost
    for context, *_ in views.values():
        context.close()


def test_replicas_share_one_cookie_secret_and_each_answers_its_health_check(replicas):
    port, pids, _ = replicas
    for replica in pids:
        wait_for(f"http://127.0.0.1:{replica}/_stcore/health", timeout=10)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
        assert r.headers["X-Replica"].startswith("127.0.0.1:")
        assert "seqgen_replica=" in r.headers["Set-Cookie"]


def test_a_port_in_use_stops_the_replicas_before_they_start_with_a_clear_message(tmp_path):
    port = free_ports(2)
    with socket.socket() as busy:  # something else holds the second replica's port
        busy.bind(("127.0.0.1", port + 2))
        busy.listen()
        done = subprocess.run(
            ["bash", "scripts/serve-replicas.sh", "2", str(port)],
            cwd=ROOT,
            env={**os.environ, "RUN_DIR": str(tmp_path / "run")},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert f"port {port + 2} is in use" in done.stdout + done.stderr
    assert not (tmp_path / "run").exists()  # nothing was started
