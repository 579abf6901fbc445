"""Measure the app as a user meets it, in one run: `python -m bench.benchmark`.

- cold start: from starting `streamlit run` until the home page is rendered in Chromium;
- each page's first load in a new browser session;
- interaction latency per page: from the key press on a slider until the run is over
  and the chart it drives shows new data, p50 / p95 over N presses, beside a control
  app (a bare slider updating a text) measured the same way in the same run;
- the server's peak RSS (VmHWM) after the home page and after visiting every page.

Writes bench/RESULTS.md and the table between the markers in README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time
from datetime import date
from pathlib import Path

import numpy as np
from playwright.sync_api import sync_playwright

from tests.e2e.browser import CHROMIUM_ARGS, ROOT, Server, chart_data, chromium_path, open_app, slider_thumb, wait_idle
from ui import course

# page id -> the interactions to time: (slider key, what changes: a chart key)
INTERACTIONS: dict[str, list[tuple[str, str]]] = {
    "markov": [("pos", "top")],
    "gates": [("unit", "unit_trace")],
    "gradients": [("scale", "norms"), ("distance", "memory")],
    "lstm_code": [],
    "translator": [("step", "next_probs"), ("layer", "cross")],
    "self_attention": [("token", "scores"), ("head", "k")],
    "multi_head": [("layer", "heads")],
    "positions": [("width", "pe"), ("length", "pe")],
    "attention_code": [],
    "vit": [("index", "probs"), ("layer", "cls_attention")],
    "distributions": [("p", "bernoulli"), ("side", "growth")],
    "nade": [("step", "generation"), ("index", "completions")],
    "mle": [("step", "fit"), ("sep", "kl_fits")],
    "vae": [("z1", "decoded"), ("a", "interp_latent")],
}
README = ROOT / "README.md"
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def time_presses(page, slider: str, read, n: int) -> list[float]:
    """Seconds from each arrow key on a slider until read() returns something new and the run is over.

    The slider moves right, and turns back at either end (so short sliders revisit values).
    """
    thumb = slider_thumb(page, slider)
    thumb.scroll_into_view_if_needed()
    low, high = float(thumb.get_attribute("min")), float(thumb.get_attribute("max"))
    times, key = [], "ArrowRight"
    for _ in range(n):
        value = float(thumb.input_value())
        key = "ArrowLeft" if value >= high else "ArrowRight" if value <= low else key
        before = read()
        thumb.focus()
        start = time.perf_counter()
        thumb.press(key)
        while True:
            wait_idle(page)
            now = read()
            if now and now != before:
                break
            if time.perf_counter() - start > 30:
                raise TimeoutError(f"pressing {slider!r} changed nothing in 30 s")
            page.wait_for_timeout(5)
        times.append(time.perf_counter() - start)
    print(f"  {slider}: p50 {np.percentile(times, 50) * 1000:.0f} ms", flush=True)
    return times


def summary(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50) * 1000), float(np.percentile(times, 95) * 1000)


def run(n: int, only: list[str] | None = None) -> str:
    rows, loads = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        control = Server(script="bench/control_app.py")
        open_app(page, control.url)
        ctrl = summary(time_presses(page, "x", lambda: page.locator(".st-key-out").inner_text(), n))
        control.stop()

        app = Server()
        open_app(page, app.url)
        page.get_by_role("heading", level=1).wait_for()
        cold_start = time.perf_counter() - app.started
        rss_home = peak_rss_mb(app.proc.pid)
        for info in course.all_pages():
            if only and info.id not in only:
                continue
            fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            open_app(fresh, f"{app.url}/{info.id}")
            loads.append((info.id, time.perf_counter() - start))
            for slider, chart in INTERACTIONS[info.id]:
                p50, p95 = summary(time_presses(fresh, slider, lambda c=chart, f=fresh: chart_data(f, c), n))
                rows.append((info.id, slider, chart, p50, p95))
            fresh.close()
        rss_all = peak_rss_mb(app.proc.pid)
        app.stop()
        browser.close()

    lines = [
        f"Measured {date.today()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, headless Chromium; {n} presses per interaction.",
        "",
        f"- Cold start (process start → home page rendered): **{cold_start:.1f} s**",
        f"- Server peak RSS after the home page: **{rss_home:.0f} MB**; after visiting every page: **{rss_all:.0f} MB**",
        f"- Control app (bare slider → text): p50 **{ctrl[0]:.0f} ms**, p95 **{ctrl[1]:.0f} ms**",
        "",
        "| page | first load (s) | slider → chart | p50 (ms) | p95 (ms) | p95 / control p95 |",
        "|---|---|---|---|---|---|",
    ]
    load = dict(loads)
    for page_id, slider, chart, p50, p95 in rows:
        lines.append(
            f"| {page_id} | {load[page_id]:.1f} | `{slider}` → `{chart}` | {p50:.0f} | {p95:.0f} | {p95 / ctrl[1]:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20, help="presses per interaction (at least 20 for the README)")
    parser.add_argument("--pages", nargs="*", help="only these page ids (a quick look: the README is left alone)")
    args = parser.parse_args()
    table = run(args.n, args.pages)
    if args.pages:
        print(table)
        return 0
    RESULTS.write_text("# Benchmark\n\n" + table, encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    if START in readme:
        head, rest = readme.split(START, 1)
        readme = head + START + "\n" + table + END + rest.split(END, 1)[1]
        README.write_text(readme, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
