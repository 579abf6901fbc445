"""Measure the app as a user meets it: `.venv/bin/python -m bench.benchmark` (after scripts/setup-dev.sh).

The clock of an interaction runs from the input event (a key press on a slider, a click on a
segmented control's or a select box's option) until the page's main area stops changing: the time
of the last DOM mutation there, once 300 ms have passed with none. Both ends are read in the page
(`performance.now()`), so Playwright's own round trips are not counted. Every slider, segmented
control and select box of every page is timed (the sidebar's and the lessons' answers aside), with
p50 and p95 over N interactions, beside a control app (a bare slider updating a text) timed the same
way in the same run. Also: cold start (process start → home page drawn), each page's first visit
on a warm server (navigation → main area quiet), and the server's peak RSS (VmHWM) after the home
page and after every page. Writes bench/RESULTS.md and the table between the markers in README.md.
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
from playwright.sync_api import Page, sync_playwright

from tests.e2e.browser import CHROMIUM_ARGS, ROOT, Server, chromium_path, wait_idle
from ui import course

QUIET_MS = 300
TIMEOUT_MS = 20_000
SKIP = re.compile(r"^(lang|present|answer_.*|_.*)$")  # the sidebar's, the lessons' answers, internal (_) ones
README = ROOT / "README.md"
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Records the time of every DOM change in the main area (and the moment an input was sent).
OBSERVER = """
() => {
  if (window.__bench) return;
  const main = document.querySelector('[data-testid=stMain]') || document.body;
  window.__bench = {last: performance.now(), t0: 0};
  new MutationObserver(() => { window.__bench.last = performance.now(); })
    .observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""
SETTLED = f"""
(changed) => {{
  const b = window.__bench, now = performance.now();
  const running = document.querySelector('[data-testid=stApp][data-test-script-state=running]');
  return (!changed || b.last > b.t0) && now - b.last >= {QUIET_MS} && !running;
}}
"""


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def settle(page: Page, changed: bool = True, timeout_ms: int = TIMEOUT_MS) -> float:
    """Wait for the main area to be quiet (after a change, if asked); milliseconds from the mark to the last change."""
    page.wait_for_function(SETTLED, arg=changed, timeout=timeout_ms, polling=20)
    return page.evaluate("() => window.__bench.last - window.__bench.t0")


def mark(page: Page) -> None:
    page.evaluate("() => { window.__bench.t0 = performance.now(); window.__bench.last = window.__bench.t0; }")


def controls(page: Page) -> list[tuple[str, str]]:
    """(kind, key) of every slider, segmented control and select box in the main area, top to bottom."""
    found = page.evaluate(
        """() => {
          const kinds = {stSlider: 'slider', stButtonGroup: 'segmented', stSelectbox: 'select'};
          const out = [];
          for (const [testid, kind] of Object.entries(kinds)) {
            for (const el of document.querySelectorAll(`[data-testid=stMain] [data-testid=${testid}]`)) {
              const holder = el.closest('[class*="st-key-"]');
              const key = holder && [...holder.classList].find(c => c.startsWith('st-key-'));
              if (key) out.push([kind, key.slice(7), el.getBoundingClientRect().top + window.scrollY]);
            }
          }
          return out.sort((a, b) => a[2] - b[2]).map(([k, key]) => [k, key]);
        }"""
    )
    return [(kind, key) for kind, key in found if not SKIP.match(key)]


class Driver:
    """One kind of input on one control, repeatable: each call changes the control's value once."""

    def __init__(self, page: Page, kind: str, key: str):
        self.page, self.kind, self.key, self.direction, self.i = page, kind, key, "ArrowRight", 0

    def act(self) -> None:
        root = self.page.locator(f".st-key-{self.key}").first
        if self.kind == "slider":
            thumb = root.locator("input[type=range]").first
            value, low, high = (float(thumb.evaluate(f"el => el.{a}")) for a in ("value", "min", "max"))
            if value >= high:
                self.direction = "ArrowLeft"
            elif value <= low:
                self.direction = "ArrowRight"
            thumb.focus()
            mark(self.page)
            thumb.press(self.direction)
        elif self.kind == "segmented":
            buttons = root.locator("button")
            n = buttons.count()
            pressed = [buttons.nth(j).get_attribute("aria-checked") == "true" for j in range(n)]
            target = (pressed.index(True) + 1) % n if True in pressed else 0
            mark(self.page)
            buttons.nth(target).click()
        else:
            root.locator("input").first.click()
            options = self.page.locator("[role=option]")
            options.first.wait_for()
            n = options.count()
            chosen = [options.nth(j).get_attribute("aria-selected") == "true" for j in range(n)]
            target = (chosen.index(True) + 1) % n if True in chosen else 0
            mark(self.page)
            options.nth(target).click()


def time_control(page: Page, kind: str, key: str, n: int) -> list[float]:
    driver, times = Driver(page, kind, key), []
    page.evaluate(OBSERVER)
    page.locator(f".st-key-{key}").first.scroll_into_view_if_needed()
    mark(page)
    settle(page, changed=False)
    for _ in range(n):
        driver.act()
        times.append(settle(page))
    print(f"  {key} ({kind}): p50 {np.percentile(times, 50):.0f} ms, p95 {np.percentile(times, 95):.0f} ms", flush=True)
    return times


def open_quiet(page: Page, url: str) -> float:
    """Navigate; milliseconds from navigation start until the main area has been quiet for QUIET_MS."""
    page.goto(url)
    wait_idle(page)
    page.evaluate(OBSERVER)
    page.evaluate("() => { window.__bench.t0 = 0; }")
    page.wait_for_function(SETTLED, arg=True, timeout=60_000, polling=20)
    return page.evaluate("() => window.__bench.last")  # performance.now() counts from navigation start


def summary(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def run(n: int, only: list[str] | None = None) -> str:
    rows, loads = [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        control = Server(script="bench/control_app.py")
        open_quiet(page, control.url)
        ctrl = summary(time_control(page, "slider", "x", n))
        control.stop()

        app = Server()
        page.goto(app.url)
        page.get_by_role("heading", level=1).wait_for()
        cold_start = time.perf_counter() - app.started
        wait_idle(page)
        rss_home = peak_rss_mb(app.proc.pid)
        pages = [info for info in course.all_pages() if not only or info.id in only]
        for info in pages:  # warm the server: every page visited once
            page.goto(f"{app.url}/{info.id}")
            wait_idle(page)
        for info in pages:
            fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
            loads[info.id] = open_quiet(fresh, f"{app.url}/{info.id}") / 1000
            print(f"{info.id}: first visit {loads[info.id]:.2f} s", flush=True)
            for kind, key in controls(fresh):
                try:
                    rows.append((info.id, kind, key, *summary(time_control(fresh, kind, key, n))))
                except Exception as err:  # a control that never settles is reported, not hidden
                    print(f"  {key}: {type(err).__name__}: {str(err)[:120]}", flush=True)
                    rows.append((info.id, kind, key, float("nan"), float("nan")))
            fresh.close()
        rss_all = peak_rss_mb(app.proc.pid)
        app.stop()
        browser.close()

    ok = [r for r in rows if np.isfinite(r[4])]
    worst = max((r[4] / ctrl[1] for r in ok), default=float("nan"))
    lines = [
        f"Measured {date.today()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, headless Chromium at 1400 × 1000; {n} interactions per control; clock: "
        f"input event → last DOM change in the main area (then {QUIET_MS} ms quiet).",
        "",
        f"- Cold start (process start → home page drawn): **{cold_start:.1f} s**",
        f"- Server peak RSS after the home page: **{rss_home:.0f} MB**; after visiting every page: **{rss_all:.0f} MB**",
        f"- Control app (bare slider → text): p50 **{ctrl[0]:.0f} ms**, p95 **{ctrl[1]:.0f} ms**",
        f"- Controls timed: **{len(rows)}** on {len(pages)} pages; worst p95 / control p95: **{worst:.2f}**",
        "",
        "| page | first visit, warm server (s) | control | p50 (ms) | p95 (ms) | p95 / control p95 |",
        "|---|---|---|---|---|---|",
    ]
    for page_id, kind, key, p50, p95 in rows:
        lines.append(
            f"| {page_id} | {loads[page_id]:.2f} | `{key}` ({kind}) | {p50:.0f} | {p95:.0f} | {p95 / ctrl[1]:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20, help="interactions per control (at least 20 for the README)")
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
