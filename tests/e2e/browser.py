"""End-to-end helpers: a real `streamlit run` server and a real headless Chromium.

Playwright cannot download its own browser here, so it drives Debian's `chromium`
(CHROMIUM_PATH overrides where it is). Every test fails on an exception element or
a browser console error.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# On a deep link, Streamlit's frontend first probes /<page>/_stcore/... to find the
# app's base path; the 404 it gets is expected and is the only console error allowed.
BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


# Installed in every page before Streamlit's code runs (a socket made earlier keeps the send it was made with):
# counts the messages the page sends the server into window.__runs once a test or the benchmark sets it to 0.
# Every widget value that reruns the script is one; a control the browser answers by itself sends none.
# And logs the wire's runs into window.__wire: ['rerun', t] for each run the page asks for (a BackMsg's
# rerun_script, field 11), ['start', t] for each run the server starts (a ForwardMsg's new_session, field 4) and
# ['end', t, status] for each that ends (script_finished, field 6; status 2: cut short for another run). Each
# message is one protobuf message; only its top-level fields are read. window.__answered(mark, asked): whether
# every run asked for since `mark` (a place in window.__wire) has been answered: the last request was followed
# by a run's start, and that run finished rather than being cut short; with `asked`, also that the page asked
# for one at all.
SENDS = """
window.__sendsCounted = true;
window.__wire = [];
window.__answered = (mark = 0, asked = false) => {
  const wire = window.__wire.slice(mark);
  const last = (test) => wire.findLastIndex(test);
  const request = last((e) => e[0] === 'rerun'), start = last((e) => e[0] === 'start');
  if (request < 0) return !asked;
  return start > request && last((e) => e[0] === 'end' && e[2] !== 2) > start;
};
(() => {
  const fields = (bytes) => {
    const out = [];
    let i = 0;
    const varint = () => { let x, r = 0, m = 1; do { x = bytes[i++]; r += (x & 127) * m; m *= 128; } while (x & 128); return r; };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) out.push([field, varint()]);
      else if (wire === 2) { const n = varint(); i += n; out.push([field]); }
      else if (wire === 1) { i += 8; out.push([field]); }
      else if (wire === 5) { i += 4; out.push([field]); }
      else break;
    }
    return out;
  };
  const view = (d) => d instanceof ArrayBuffer ? new Uint8Array(d) : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (message) {
    if (typeof window.__runs === 'number') window.__runs++;
    const bytes = view(message);
    if (bytes && fields(bytes).some(([f]) => f === 11)) window.__wire.push(['rerun', performance.now()]);
    return send.call(this, message);
  };
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const bytes = view(event.data);
        if (!bytes) return;
        for (const [field, value] of fields(bytes)) {
          if (field === 4) window.__wire.push(['start', performance.now()]);
          if (field === 6) window.__wire.push(['end', performance.now(), value]);
        }
      });
    }
  };
})();
"""

# Starts counting the script runs the page asks for from now on (SENDS, installed when the page was made). (The
# app's script state turning to "running" missed runs whose messages all arrived while the page was busy.)
COUNT_RUNS = """() => {
  if (!window.__sendsCounted) throw new Error('the page was made without the SENDS init script');
  window.__runs = 0;
}"""

SETTLED = "([mark, asked]) => window.__answered(mark, asked)"  # SENDS's


@contextmanager
def run_answered(page: Page, timeout: float = 60_000):
    """Around an action that asks for a script run (a click, a key press, a typed value): returns once that run,
    and any asked for after it, has finished and been drawn. `wait_idle` alone is met by a run not begun yet
    (the app's script state changes only when the server's answer arrives), which under load is most of them.
    First waits for any run asked for before, so that the start that follows is this action's."""
    page.wait_for_function(SETTLED, arg=[0, False], timeout=timeout)
    mark = page.evaluate("window.__wire.length")
    yield
    page.wait_for_function(SETTLED, arg=[mark, True], timeout=timeout)
    wait_idle(page, timeout)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `streamlit run app.py` process on a free local port."""

    def __init__(self, env: dict | None = None, script: str = "app.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
        ]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.started = time.perf_counter()
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.proc.stdout.read()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("streamlit did not become healthy")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Wait until the app's script (or fragment) run has finished."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def chart_data(page: Page, key: str) -> str:
    """The data a Plotly chart (by its Streamlit key) is drawing right now, as JSON ('' while it is being drawn)."""
    # While a run replaces a chart, the old and the new one can both be in the page for a moment; views the
    # browser switches (ui/views.py) keep the ones not shown, hidden.
    return page.locator(f".st-key-{key}:not([data-stale=true]) .js-plotly-plot:visible").last.evaluate(
        "el => el.data ? JSON.stringify(el.data.map(d => [d.x, d.y, d.z])) : ''"
    )


def slider_thumb(page: Page, key: str):
    """The range input inside a Streamlit slider (by its key): focus it and press keys to move it."""
    return page.locator(f".st-key-{key} input[type=range]")


def slider_value(page: Page, key: str) -> str:
    return slider_thumb(page, key).input_value()


def press_slider(page: Page, key: str, keys: str = "ArrowRight") -> None:
    thumb = slider_thumb(page, key)
    thumb.focus()
    thumb.press(keys)


def expect_changed(page: Page, read, before: str, timeout: float = 20_000) -> str:
    """Wait until read() differs from before and the run is over; return the new value."""
    deadline = time.perf_counter() + timeout / 1000
    while time.perf_counter() < deadline:
        wait_idle(page)
        now = read()
        if now and now != before:
            return now
        page.wait_for_timeout(50)
    raise AssertionError(f"nothing changed: {before[:200]}")


def expect_shown(page: Page, key: str, combo: str) -> None:
    """Wait until the views element (by its key) shows combo: it marks what it shows once its script has run,
    which can be a moment after the page's run is over."""
    expect(page.locator(f".st-key-{key} .views").first).to_have_attribute("data-shown", combo)


def slider_moves_chart(page: Page, slider: str, chart: str, keys: str = "ArrowRight") -> str:
    """Press keys on a slider and wait until the chart it drives shows new data; return that data."""
    before = chart_data(page, chart)
    press_slider(page, slider, keys)
    return expect_changed(page, lambda: chart_data(page, chart), before)


# A seven, as strokes of points in fractions of the canvas.
A_SEVEN = [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]]


def draw(page: Page, canvas_key: str, strokes: list[list[tuple[float, float]]]) -> None:
    """Draw strokes (points as fractions of the canvas) on the drawing canvas (ui/canvas.py), with the mouse."""
    target = page.locator(f".st-key-{canvas_key} canvas").last
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    for stroke in strokes:
        x0, y0 = stroke[0]
        page.mouse.move(box["x"] + x0 * box["width"], box["y"] + y0 * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=8)
        page.mouse.up()


def type_text(page: Page, key: str, value: str) -> None:
    """Replace the text in a Streamlit text area or text input (by its key) and submit it."""
    box = page.locator(f".st-key-{key} textarea, .st-key-{key} input").first
    before = box.input_value()
    box.fill(value)
    submit = "Control+Enter" if box.evaluate("el => el.tagName") == "TEXTAREA" else "Enter"
    if box.input_value() == before:  # the same text: Streamlit asks for no run
        box.press(submit)
        wait_idle(page)
        return
    with run_answered(page):
        box.press(submit)


def expect_in_url(page: Page, *parts: str, timeout: float = 20_000) -> None:
    """Wait until the address holds every part (a run writes the URL when it has handled the change)."""
    for part in parts:
        expect(page).to_have_url(re.compile(re.escape(part)), timeout=timeout)


# Every drawn Plotly chart's title, legend entries (text and symbol) and x-axis title, as boxes on the page, each
# entry against the titles and the other entries; and its y tick labels against each other (stacked rows'
# labels, a text's characters down a map): [checked pairs, overlaps], an overlap as "key: what".
_OVERLAPS = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return r.width && r.height ? r : null; };
  const hit = (a, b) => a && b && a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2;
  let checked = 0;
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    let el = plot, key = '';
    while (el && !key) { key = [...(el.classList || [])].find((c) => c.startsWith('st-key-')) || ''; el = el.parentElement; }
    const title = plot.querySelector('.gtitle'), xtitle = plot.querySelector('.xtitle');
    const entries = [...plot.querySelectorAll('.legend .traces')].map((t) => [t.querySelector('.legendtext'), t.querySelector('.legendpoints')]);
    entries.forEach(([text, points], i) => {
      for (const entry of [text, points]) {
        const b = entry && box(entry);
        if (!b) continue;
        for (const [name, other] of [['title', title], ['x-axis title', xtitle]]) {
          if (!other || !box(other)) continue;
          checked++;
          if (hit(box(other), b)) out.push(`${key}: the ${name} "${other.textContent}" overlaps "${text.textContent}"`);
        }
        // another entry's symbol or text
        entries.forEach(([t2, p2], j) => {
          if (j === i) return;
          for (const o of [t2, p2]) {
            if (!o || !box(o)) continue;
            checked++;
            if (hit(box(o), b)) out.push(`${key}: the legend entries "${text.textContent}" and "${t2.textContent}" overlap`);
          }
        });
      }
    });
    const ticks = [...plot.querySelectorAll('.yaxislayer-above text')].filter((t) => t.textContent && box(t));
    ticks.forEach((a, i) => ticks.slice(i + 1).forEach((b) => {
      checked++;
      if (hit(box(a), box(b))) out.push(`${key}: the y tick labels "${a.textContent}" and "${b.textContent}" overlap`);
    }));
  }
  return [checked, out];
}"""


def overlaps(page: Page, quiet_ms: int = 1000) -> tuple[int, list[str]]:
    """Once the page has been still for quiet_ms (charts drawn, and drawn ahead): how many pairs (a legend
    entry and a title or another entry, two y tick labels) were checked, and those that overlap."""
    page.evaluate(
        """(ms) => new Promise((done) => {
          let timer = setTimeout(finish, ms);
          const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ms); });
          function finish() { observer.disconnect(); done(); }
          observer.observe(document.body, {subtree: true, childList: true, attributes: true});
        })""",
        quiet_ms,
    )
    checked, found = page.evaluate(_OVERLAPS)
    return checked, found
