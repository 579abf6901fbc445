"""Measure the app as a user meets it: `.venv/bin/python -m bench.benchmark [--runs 3]` (after scripts/setup-dev.sh).

The clock of an interaction runs from the input event (a key press on a slider, a click on a
segmented control's or a select box's option) until the page's main area stops changing: the time
of the last DOM mutation there, once 300 ms have passed with none. Both ends are read in the page
(`performance.now()`), so Playwright's own round trips are not counted. Every slider, segmented
control and select box of every page is timed (the sidebar's and the lessons' answers aside), with
p50 and p95 over N interactions, beside a control app (a bare slider updating a text) timed the same
way in the same run, with the script runs each move asked for (the messages the page sends; none for a control that switches views
in the browser, ui/views.py), and beside the same control app with the one server setting the app
makes (Nagle's algorithm off, ui/network.py). Also: cold start (process start → home page drawn), each page's first
visit on a warm server in a new browser (navigation → main area quiet; beside a bare slider app's and
a bare one-chart app's, the floor that Streamlit's and Plotly's code loading sets) and opened from the
sidebar of the loaded app, and the server's peak RSS (VmHWM) after the home page and after every page.
With --runs N everything is measured N times on fresh servers and each figure is the median with its
range. Writes bench/RESULTS.md and the table between the markers in README.md.
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

from tests.e2e.browser import CHROMIUM_ARGS, COUNT_RUNS, ROOT, SENDS, Server, chromium_path, wait_idle
from ui import course

QUIET_MS = 300
TIMEOUT_MS = 20_000
SKIP = re.compile(r"^(lang|present|answer_.*|_.*)$")  # the sidebar's, the lessons' answers, internal (_) ones
README = ROOT / "README.md"
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Records the time of every DOM change in the main area, and the moment of the input event after a mark.
OBSERVER = """
() => {
  if (window.__bench) return;
  const main = document.querySelector('[data-testid=stMain]') || document.body;
  window.__bench = {last: performance.now(), seen: performance.now(), t0: 0, armed: false, screen: false, changes: []};
  // `last`: the last change in the main area (its quiet ends the wait). `shown()`: the last change the page
  // shows, the clock's end. A change inside a part of the page kept out of sight (visibility hidden: the gates
  // page's other model, whose charts are drawn ahead there for a click on it) is not one, as a chart drawn
  // ahead off the page (outside the main area) is not. Which changes the page shows is read once, when the
  // clock is read (after the quiet): reading it at each change made the browser work out the page's style and
  // layout in the middle of the run it was timing (every page's controls were slower for it).
  // `seen`, while a page opens (screen): the last change the student can see, in the window's first screen.
  // A chart below it, drawn later (ui/views.py's held charts), moves `last` but not `seen`.
  // (a change inside a chart's element counts where the element's box is in the window: one box read per
  // element and batch of changes, rather than one per changed node of a chart)
  const element = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return el && (el.closest('.views, .computed') || el);
  };
  const visible = (el, boxes) => {
    if (!el || !el.isConnected) return false;
    if (!boxes.has(el)) {
      const r = el.getBoundingClientRect();
      const inWindow = r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      boxes.set(el, inWindow && el.checkVisibility({visibilityProperty: true}));
    }
    return boxes.get(el);
  };
  new MutationObserver((records) => {
    const b = window.__bench, now = performance.now();
    b.last = now;
    b.changes.push([now, records]);  // kept as they come: nothing read while the page changes
    if (b.changes.length > 5000) b.changes.splice(0, 1000);
    if (!b.screen) b.seen = now;
    else {
      const boxes = new Map();
      if (records.some((m) => visible(element(m.target), boxes))) b.seen = now;
    }
  }).observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  // an element since taken out of the page does not count (where it was is not known now): its removal does, a
  // change in its parent
  const shown = (el) => Boolean(el && el.isConnected && el.checkVisibility({visibilityProperty: true}));
  window.__bench.shown = () => {
    const b = window.__bench;
    for (let i = b.changes.length - 1; i >= 0 && b.changes[i][0] > b.t0; i--) {
      const seen = new Map(), els = b.changes[i][1].map((m) => element(m.target));
      if (els.some((el) => (seen.has(el) ? seen.get(el) : seen.set(el, shown(el)).get(el)))) return b.changes[i][0];
    }
    return b.t0;
  };
  // The clock starts at the input event itself (the first key press or pointer press after the mark), not
  // at the mark: Playwright's click first waits for the target to be stable (two animation frames) and
  // hit-tests it, 13-27 ms measured, which no student waits through.
  for (const type of ['keydown', 'pointerdown']) {
    window.addEventListener(type, (e) => {
      const b = window.__bench;
      if (!b.armed) return;
      b.armed = false;
      b.t0 = Math.min(e.timeStamp, performance.now());
      b.last = b.seen = b.t0;
      b.changes = [];
    }, true);
  }
}
"""
# Quiet, and every element drawn: an element whose code the browser is still fetching (Streamlit shows a
# skeleton) or a views element (ui/views.py) waiting for Plotly's code changes nothing in the page while it
# waits, so quiet alone could stop the clock before the chart is there (it did: a page ready in 0.4 s whose
# charts came 0.5 s later). A views element marks what it shows (data-shown) once drawn. And every run the page
# asked for has answered (window.__answered, tests/e2e/browser.py's SENDS): a run the server had not begun when the
# control's own change went quiet would otherwise stop the clock before it (the script state changes only when
# the server's answer arrives).
SETTLED = f"""
(changed) => {{
  const b = window.__bench, now = performance.now();
  const answered = !window.__answered || window.__answered();
  const running = document.querySelector('[data-testid=stApp][data-test-script-state=running]');
  const waiting = [...document.querySelectorAll('[data-testid=stMain] .views')]
    .some(v => !v.hasAttribute('data-shown') || v.querySelector('.views-wait'));
  const loading = document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]');
  return (!changed || b.last > b.t0) && now - b.last >= {QUIET_MS} && !running && !waiting && !loading && answered;
}}
"""


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def settle(page: Page, changed: bool = True, timeout_ms: int = TIMEOUT_MS) -> float:
    """Wait for the main area to be quiet (after a change, if asked); milliseconds from the mark to the last change."""
    page.wait_for_function(SETTLED, arg=changed, timeout=timeout_ms, polling=20)
    return page.evaluate("() => window.__bench.shown() - window.__bench.t0")


def mark(page: Page) -> None:
    """Start the clock now, and again at the next input event (the key press or click that follows)."""
    page.evaluate(
        "() => { const b = window.__bench; b.t0 = performance.now(); b.last = b.seen = b.t0; b.changes = [];"
        " b.armed = true; }"
    )


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


def reveal(page: Page, key: str) -> None:
    """Bring a control out of sight into view: one in a section that another control's choice hides (the gates
    page's other model) is shown by clicking, in turn, the choices of the segmented controls in view."""
    target = page.locator(f".st-key-{key}").first
    for kind, other in controls(page):
        if target.is_visible():
            return
        buttons = page.locator(f".st-key-{other} button")
        if kind != "segmented" or other == key or not buttons.first.is_visible():
            continue
        for j in range(buttons.count()):
            mark(page)
            buttons.nth(j).click()
            settle(page, changed=False)
            if target.is_visible():
                return
    if not target.is_visible():
        raise RuntimeError(f"{key}: no choice on the page shows it")


def time_control(page: Page, kind: str, key: str, n: int) -> tuple[list[float], int]:
    """n interactions with one control: their times, and how many script runs they started."""
    reveal(page, key)
    driver, times = Driver(page, kind, key), []
    page.evaluate(OBSERVER)
    page.locator(f".st-key-{key}").first.scroll_into_view_if_needed()
    mark(page)
    settle(page, changed=False)
    page.evaluate(COUNT_RUNS)  # the runs this control's moves ask for (the page made by fresh() counts them)
    for _ in range(n):
        driver.act()
        times.append(settle(page))
    runs = page.evaluate("() => window.__runs")
    print(
        f"  {key} ({kind}): p50 {np.percentile(times, 50):.0f} ms, p95 {np.percentile(times, 95):.0f} ms, {runs} runs",
        flush=True,
    )
    return times, runs


def open_quiet(page: Page, url: str) -> float:
    """Navigate; milliseconds from navigation start until the main area has been quiet for QUIET_MS."""
    return open_screens(page, url)[1]


def open_screens(page: Page, url: str) -> tuple[float, float]:
    """Navigate; milliseconds from navigation start until the last change in the first screen, and until the
    last change anywhere in the main area (then QUIET_MS quiet, every element drawn)."""
    page.goto(url)
    page.evaluate(OBSERVER)  # at the load event: the main area (or, before it is drawn, the page) from then on
    page.evaluate("() => { const b = window.__bench; b.t0 = 0; b.screen = true; }")
    wait_idle(page)
    page.wait_for_function(SETTLED, arg=True, timeout=60_000, polling=20)
    return page.evaluate("() => { const b = window.__bench; b.screen = false; return [b.seen, b.shown()]; }")


def open_from_sidebar(page: Page, page_id: str) -> float:
    """Click a page's link in the sidebar (the app already loaded); milliseconds until its main area is quiet."""
    return open_from_sidebar_screens(page, page_id)[1]


def open_from_sidebar_screens(page: Page, page_id: str) -> tuple[float, float]:
    """Click a page's link in the sidebar (the app already loaded); milliseconds until the last change in its
    first screen, and until its main area is quiet."""
    page.evaluate(OBSERVER)
    link = page.locator(f'[data-testid=stSidebar] a[href="{page_id}"]').first
    mark(page)
    page.evaluate("() => { window.__bench.screen = true; }")
    link.click()
    page.wait_for_url(f"**/{page_id}*")
    last = settle(page, timeout_ms=60_000)
    return page.evaluate("() => { const b = window.__bench; b.screen = false; return b.seen - b.t0; }"), last


def summary(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def fresh(browser) -> Page:
    """A new browser context: an empty cache, as for someone opening a shared link for the first time."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(SENDS)  # COUNT_RUNS counts the runs a control asks for with it
    return context.new_page()


def first_visit(browser, url: str) -> float:
    """Seconds from navigation to a quiet main area, in a new browser context (closed after)."""
    tab = fresh(browser)
    try:
        return open_quiet(tab, url) / 1000
    finally:
        tab.context.close()


def one_run(browser, n: int, only: list[str] | None) -> dict:
    """Everything, once: the controls apps, cold start, first visits, every control, memory."""
    out = {"controls": {}, "visits": {}, "visits_all": {}, "sidebar": {}, "sidebar_all": {}}
    control = Server(script="bench/control_app.py")
    out["bare_visit"] = first_visit(browser, control.url)
    page = fresh(browser)
    open_quiet(page, control.url)
    out["ctrl"] = summary(time_control(page, "slider", "x", n)[0])
    page.context.close()
    control.stop()
    # the same app with the one server setting the app makes (ui/network.py: Nagle's algorithm off)
    control = Server(script="bench/control_app_nodelay.py")
    page = fresh(browser)
    open_quiet(page, control.url)
    out["ctrl_nodelay"] = summary(time_control(page, "slider", "x", n)[0])
    page.context.close()
    control.stop()
    chart = Server(script="bench/plotly_app.py")
    out["chart_visit"] = first_visit(browser, chart.url)
    chart.stop()

    app = Server()
    page = fresh(browser)
    page.goto(app.url)
    page.get_by_role("heading", level=1).wait_for()
    out["cold_start"] = time.perf_counter() - app.started
    wait_idle(page)
    out["rss_home"] = peak_rss_mb(app.proc.pid)
    pages = [info for info in course.all_pages() if not only or info.id in only]
    for info in pages:  # warm the server: every page visited once
        page.goto(f"{app.url}/{info.id}")
        wait_idle(page)
    page.context.close()
    for info in pages:
        tab = fresh(browser)
        seen, last = open_screens(tab, f"{app.url}/{info.id}")
        out["visits"][info.id], out["visits_all"][info.id] = seen / 1000, last / 1000
        print(f"{info.id}: first visit {seen / 1000:.2f} s (first screen), {last / 1000:.2f} s (all)", flush=True)
        for kind, key in controls(tab):
            try:
                times, runs = time_control(tab, kind, key, n)
                out["controls"][(info.id, kind, key)] = (*summary(times), runs / n)
            except Exception as err:  # a control that never settles is reported, not hidden
                print(f"  {key}: {type(err).__name__}: {str(err)[:120]}", flush=True)
                out["controls"][(info.id, kind, key)] = (float("nan"), float("nan"), float("nan"))
        tab.context.close()
    # a student moving through the course: the app loaded once, each page opened from the sidebar
    tab = fresh(browser)
    open_quiet(tab, app.url)
    for info in pages:
        seen, last = open_from_sidebar_screens(tab, info.id)
        out["sidebar"][info.id], out["sidebar_all"][info.id] = seen / 1000, last / 1000
        print(
            f"{info.id}: opened from the sidebar {seen / 1000:.2f} s (first screen), {last / 1000:.2f} s (all)",
            flush=True,
        )
    tab.context.close()
    out["rss_all"] = peak_rss_mb(app.proc.pid)
    app.stop()
    return out


def spread(values: list[float], fmt: str) -> str:
    """The median of the runs, and their range when there is more than one."""
    values = [v for v in values if np.isfinite(v)]
    if not values:
        return "–"
    mid = format(float(np.median(values)), fmt)
    return mid if len(values) == 1 else f"{mid} ({format(min(values), fmt)}–{format(max(values), fmt)})"


def run(n: int, only: list[str] | None = None, runs: int = 1) -> str:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        results = []
        for r in range(runs):
            print(f"run {r + 1} of {runs}", flush=True)
            results.append(one_run(browser, n, only))
        browser.close()

    def each(get):
        return [get(res) for res in results]

    ratios = {
        k: [res["controls"][k][1] / res["ctrl"][1] for res in results if k in res["controls"]]
        for k in results[0]["controls"]
    }
    fixed = {
        k: [res["controls"][k][1] / res["ctrl_nodelay"][1] for res in results if k in res["controls"]]
        for k in results[0]["controls"]
    }
    over_fixed = [sum(res["controls"][k][1] > 2.5 * res["ctrl_nodelay"][1] for k in res["controls"]) for res in results]
    worst = [
        max(
            (v for v in (res["controls"][k][1] / res["ctrl"][1] for k in res["controls"]) if np.isfinite(v)),
            default=float("nan"),
        )
        for res in results
    ]
    over = [sum(res["controls"][k][1] > 2.5 * res["ctrl"][1] for k in res["controls"]) for res in results]
    in_browser = [
        k for k in results[0]["controls"] if all(res["controls"][k][2] == 0 for res in results if k in res["controls"])
    ]
    which = "one run" if runs == 1 else f"median of {runs} runs (min–max), each run with its own control app"
    lines = [
        f"Measured {date.today()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, headless Chromium at 1400 × 1000; {n} interactions per control; clock: "
        f"input event → last DOM change in the main area (then {QUIET_MS} ms quiet); {which}.",
        "",
        f"- Cold start (process start → home page drawn): **{spread(each(lambda r: r['cold_start']), '.1f')} s**",
        f"- Server peak RSS after the home page: **{spread(each(lambda r: r['rss_home']), '.0f')} MB**; after "
        f"visiting every page: **{spread(each(lambda r: r['rss_all']), '.0f')} MB**",
        f"- Control app (bare slider → text): p50 **{spread(each(lambda r: r['ctrl'][0]), '.0f')} ms**, "
        f"p95 **{spread(each(lambda r: r['ctrl'][1]), '.0f')} ms**; the same with the app's socket setting "
        f"(Nagle's algorithm off, ui/network.py): p50 **{spread(each(lambda r: r['ctrl_nodelay'][0]), '.0f')} "
        f"ms**, p95 **{spread(each(lambda r: r['ctrl_nodelay'][1]), '.0f')} ms**",
        f"- First visit in a new browser (empty cache) of a bare Streamlit page: slider app "
        f"**{spread(each(lambda r: r['bare_visit']), '.2f')} s**, one small Plotly chart "
        f"**{spread(each(lambda r: r['chart_visit']), '.2f')} s** (the floor for any page here: Streamlit's "
        "and Plotly's code loading in the browser)",
        f"- Controls timed: **{len(ratios)}** on {len(results[0]['visits'])} pages; worst p95 / control p95: "
        f"**{spread(worst, '.2f')}**; above 2.5 ×: **{spread(over, '.0f')}** (of the control with the socket setting: "
        f"**{spread(over_fixed, '.0f')}**); switching in the browser (no script run): **{len(in_browser)}**",
        "",
        "Pages open (first visit, and from the sidebar): the first screen (the last change a student sees in the "
        f"window, {QUIET_MS} ms quiet after it) / everything drawn (the last change in the main area, charts below "
        "the first screen too).",
        "",
        "| page | first visit, new browser (s): first screen / all | opened from the sidebar (s): first screen / all "
        "| control | script runs per move "
        "| p50 (ms) | p95 (ms) | p95 / control p95 | p95 / p95 of the control with the socket setting |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key in results[0]["controls"]:
        page_id, kind, name = key
        got = [res["controls"][key] for res in results if key in res["controls"]]
        lines.append(
            f"| {page_id} | {spread([r['visits'][page_id] for r in results], '.2f')} / "
            f"{spread([r['visits_all'][page_id] for r in results], '.2f')} "
            f"| {spread([r['sidebar'][page_id] for r in results], '.2f')} / "
            f"{spread([r['sidebar_all'][page_id] for r in results], '.2f')} | `{name}` ({kind}) "
            f"| {spread([g[2] for g in got], '.2f')} | {spread([g[0] for g in got], '.0f')} "
            f"| {spread([g[1] for g in got], '.0f')} | {spread(ratios[key], '.2f')} | {spread(fixed[key], '.2f')} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20, help="interactions per control (at least 20 for the README)")
    parser.add_argument("--pages", nargs="*", help="only these page ids (a quick look: the README is left alone)")
    parser.add_argument("--runs", type=int, default=1, help="whole runs, each on fresh servers (the spread)")
    args = parser.parse_args()
    table = run(args.n, args.pages, args.runs)
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
