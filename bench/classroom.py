"""A whole class on one server, at the protocol level: `.venv/bin/python -m bench.classroom`.

    .venv/bin/python -m bench.classroom [--students 1 10 30 60] [--burst 30] [--soak 1000] [--soak-gc on|off]
                                        [--gc-off 30 60] [--duration 60] [--url http://127.0.0.1:PORT]
                                        [--replicas N]

Each simulated student is a websocket client (bench/streamlit_client.py), not a browser, so the CPU
measured is the server's. Students are spread over the pages of ui/course.py; all of them open their
page at once (the "opens" column), then each moves a control of its page (a slider; a number input on
the pages that have no slider) every 2–4 s (seeded) for `--duration` seconds, with values both new and
recently used. The clock of a move runs from sending the BackMsg until the server's `script_finished`.
Every move is checked: some element the student sees (a chart, a text, a table...) must differ from
before it, so no move is a cache no-op; the address the app writes must hold the new value; an
exception element, a timeout or a dropped connection is an error. The burst: N students on their
pages, all pressing at the same moment, `--burst-rounds` times, 5 s apart.

Per run: p50/p95/max latency, errors, the server's CPU (cores used on average over the run, from
/proc/<pid>/stat), the server's peak RSS during the run (VmHWM, reset at the start of the run through
/proc/<pid>/clear_refs), the CPU of this process (the clients) and of everything else on the machine
(/proc/stat), since other work on the same cores shows up in the latencies.

Without --url every run gets a fresh server (tests.e2e.browser.Server, 127.0.0.1, a free port), warmed
by one visit of every page; the runs listed in --gc-off and the bursts are repeated on a server started
with STREAMLIT_RUNNER_POST_SCRIPT_GC=false (`--runner.postScriptGC false`). With --url (127.0.0.1 or
localhost only) everything runs against that server, whose process is found by its port. With
--replicas N every run starts `scripts/serve-replicas.sh N PORT` (N app processes behind Debian's nginx,
as a teacher would run it), warms each replica directly, and talks to nginx: the server CPU is then the
replicas' sum and the peak RSS the largest replica's.

The soak: `--soak` interactions across every page on one server by `--soak-clients` clients (each
revisits the pages in turn, a new session every third page), then the server's RSS before, during and
after. Then a leak check on every page: two clients with different addresses (one in English, one in
Korean, different values) move controls at the same moments; each must only ever get its own values
back (the address the app writes, the controls it draws), and a fresh client opening each one's final
address must see exactly the same view.

Prints a Markdown report and writes it to bench/CLASSROOM.md. Everything stops by itself: counts and
durations are bounded, each run has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import math
import os
import platform
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import streamlit
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.streamlit_client import StreamlitClient
from tests.e2e.browser import ROOT, Server, free_port
from ui import course

OUT = ROOT / "bench" / "CLASSROOM.md"
PAGES = [p.id for p in course.all_pages()]
SKIP = re.compile(r"^(lang|present|answer_.*)$")  # the sidebar's settings and the lessons' answers
RUN_TIMEOUT = 60.0
TICK = os.sysconf("SC_CLK_TCK")
FRAGMENT_DONE = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
GC_OFF = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}


# ---- the server process, as /proc sees it -------------------------------------------------------


class Proc:
    """CPU time and memory of one process (the server), read from /proc."""

    def __init__(self, pid: int | None):
        self.pid = pid

    def cpu(self) -> float:
        """User + system seconds so far (every thread)."""
        if self.pid is None:
            return math.nan
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)

    def _status(self, name: str) -> float:
        if self.pid is None:
            return math.nan
        m = re.search(rf"^{name}:\s+(\d+) kB", Path(f"/proc/{self.pid}/status").read_text(), re.M)
        return int(m.group(1)) / 1024

    def rss(self) -> float:
        return self._status("VmRSS")

    def hwm(self) -> float:
        return self._status("VmHWM")

    def reset_hwm(self) -> bool:
        """Start a new peak (VmHWM) from the current RSS; False when the kernel does not allow it."""
        if self.pid is None:
            return False
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False


def machine_busy() -> float:
    """Seconds of CPU the whole machine has spent busy (all cores), from /proc/stat."""
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / TICK  # everything but idle and iowait


def pid_listening_on(port: int) -> int | None:
    """The process that listens on a local TCP port (one of this user's), or None."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if int(f[1].rsplit(":", 1)[1], 16) == port and f[3] == "0A":  # LISTEN
                inodes.add(f"socket:[{f[9]}]")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


class Meter:
    """The server's peak RSS since the meter was made; CPU of the server, this process and the machine, summed
    over the windows measured (`with meter:`)."""

    def __init__(self, server: Proc):
        self.server = server
        self.hwm_reset = server.reset_hwm()
        self.wall = self.server_cpu = self.client_cpu = self.machine_cpu = 0.0

    def __enter__(self) -> Meter:
        self.t0, self.s0, self.c0, self.m0 = time.perf_counter(), self.server.cpu(), time.process_time(), machine_busy()
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.perf_counter() - self.t0
        self.server_cpu += self.server.cpu() - self.s0
        self.client_cpu += time.process_time() - self.c0
        self.machine_cpu += machine_busy() - self.m0

    @property
    def server_cores(self) -> float:
        return self.server_cpu / self.wall

    @property
    def client_cores(self) -> float:
        return self.client_cpu / self.wall

    @property
    def other_cores(self) -> float:
        server = 0.0 if math.isnan(self.server_cpu) else self.server_cpu
        return (self.machine_cpu - self.client_cpu - server) / self.wall

    @property
    def peak_rss(self) -> float:
        return self.server.hwm()


# ---- servers ------------------------------------------------------------------------------------


class Procs:
    """Several server processes (replicas) read as one: CPU summed, memory of the largest (the limit is per
    process)."""

    def __init__(self, pids: list[int]):
        self.procs = [Proc(p) for p in pids]
        self.pid = pids[0]

    def cpu(self) -> float:
        return sum(p.cpu() for p in self.procs)

    def rss(self) -> float:
        return max(p.rss() for p in self.procs)

    def hwm(self) -> float:
        return max(p.hwm() for p in self.procs)

    def reset_hwm(self) -> bool:
        return all([p.reset_hwm() for p in self.procs])


class Replicas:
    """`scripts/serve-replicas.sh N PORT`: N app processes behind Debian's nginx, as a teacher would run it."""

    def __init__(self, n: int, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.run_dir = ROOT / ".run" / f"bench-replicas-{self.port}"
        self.proc = subprocess.Popen(
            ["bash", "scripts/serve-replicas.sh", str(n), str(self.port)],
            cwd=ROOT,
            env={**os.environ, **(env or {}), "RUN_DIR": str(self.run_dir)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.perf_counter() + 180
        while time.perf_counter() < deadline:
            listed = self.run_dir / "replicas.txt"
            lines = listed.read_text().split("\n") if listed.exists() else []
            self.replicas = [tuple(int(v) for v in line.split()) for line in lines if line.strip()]
            if len(self.replicas) == n and _healthy(self.url):
                return
            if self.proc.poll() is not None:
                raise RuntimeError("serve-replicas.sh stopped")
            time.sleep(0.5)
        raise TimeoutError("the replicas did not become healthy")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


class Target:
    """The server a run talks to: one started here (stopped at the end), N replicas behind nginx started
    here, or one given by --url."""

    def __init__(self, url: str | None = None, env: dict | None = None, replicas: int = 0):
        self.server = None
        self.log: collections.deque[str] = collections.deque(maxlen=200)
        self.direct: list[str] = []  # each replica's own address, to warm them all
        if replicas:
            self.server = Replicas(replicas, env)
            self.url = self.server.url
            self.direct = [f"http://127.0.0.1:{port}" for port, _ in self.server.replicas]
            self.proc = Procs([pid for _, pid in self.server.replicas])
            return
        if url is None:
            self.server = Server(env=env)
            self.url, pid = self.server.url, self.server.proc.pid
            # Server() pipes the process's output: drain it, or a full pipe would block the server.
            threading.Thread(target=self._drain, daemon=True).start()
        else:
            parts = urllib.parse.urlsplit(url)
            if parts.hostname not in ("127.0.0.1", "localhost"):
                raise SystemExit("--url must be a local server (127.0.0.1 or localhost)")
            self.url = url.rstrip("/")
            pid = pid_listening_on(parts.port or 80)
        self.proc = Proc(pid)

    def _drain(self) -> None:
        for line in self.server.proc.stdout:
            self.log.append(line.rstrip())

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


# ---- what a page offers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    key: str
    kind: str
    lo: float
    hi: float
    step: float
    is_int: bool
    default: float  # the value drawn when the page opens at a bare address

    @property
    def steps(self) -> int:
        return int(round((self.hi - self.lo) / self.step))

    def value(self, k: int) -> float:
        v = self.lo + k * self.step
        return int(round(v)) if self.is_int else round(v, 6)


async def survey(url: str) -> dict[str, list[Control]]:
    """Open every page once at its bare address (warming the server): the controls each page offers."""
    found = {}
    async with StreamlitClient(url, timeout=RUN_TIMEOUT * 2) as c:
        for page in PAGES:
            run = await c.open(page)
            if run.exceptions:
                raise RuntimeError(f"{page}: {run.exceptions}")
            ws = [w for w in c.controls() if w.key and not SKIP.match(w.key)]
            sliders = [w for w in ws if w.kind == "slider"]
            found[page] = [Control(w.key, w.kind, w.lo, w.hi, w.step, w.is_int, w.value) for w in (sliders or ws)]
    return found


def address_holds(client: StreamlitClient, ctrl: Control, value: float) -> bool:
    """The address the app wrote keeps the value (a default is left out of it)."""
    raw = client.param(ctrl.key)
    if raw is None:
        return math.isclose(value, ctrl.default, abs_tol=1e-9)
    return math.isclose(float(raw), value, abs_tol=1e-9)


# ---- a student ----------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    changed: int = 0
    chart_changed: int = 0
    recent: int = 0
    errors: collections.Counter = field(default_factory=collections.Counter)
    examples: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)  # (seconds, "page key=value"), the 5 slowest

    def took(self, seconds: float, what: str) -> None:
        self.latencies.append(seconds)
        self.slowest = sorted([*self.slowest, (seconds, what)], reverse=True)[:5]

    def error(self, kind: str, detail: str = "") -> None:
        self.errors[kind] += 1
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {detail}"[:300])

    def merge(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.opens += other.opens
        self.changed += other.changed
        self.chart_changed += other.chart_changed
        self.recent += other.recent
        self.errors += other.errors
        self.examples += other.examples[: max(0, 5 - len(self.examples))]
        self.slowest = sorted([*self.slowest, *other.slowest], reverse=True)[:5]


class Student:
    def __init__(self, url: str, page: str, controls: list[Control], rng: random.Random, tally: Tally):
        self.url, self.page, self.controls, self.rng, self.tally = url, page, controls, rng, tally
        self.client: StreamlitClient | None = None
        self.used: dict[tuple[str, str], list[float]] = {}  # (page, key) -> values this student gave it

    async def open(self, page: str | None = None, query: str = "", new_session: bool = True) -> None:
        if page is not None:
            self.page = page
        if new_session or self.client is None:
            await self.close()
            self.client = StreamlitClient(self.url, timeout=RUN_TIMEOUT)
            await self.client.connect()
        run = await self.client.open(self.page, query)
        self.tally.opens.append(run.latency)
        if run.exceptions:
            self.tally.error("exception", f"{self.page}: {run.exceptions[0]}")

    async def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):  # a dead connection is closed already
                await self.client.close()
            self.client = None

    def choose(self) -> tuple[Control, float, bool] | None:
        """A control drawn now and a value for it: a recently used one (40%) or a new one, never the current."""
        drawn = {w.key: w for w in self.client.controls()}
        live = [c for c in self.controls if c.key in drawn]
        if not live:
            return None
        ctrl = self.rng.choice(live)
        current = drawn[ctrl.key].value
        used = self.used.setdefault((self.page, ctrl.key), [])
        recent = [v for v in dict.fromkeys(reversed(used[-6:])) if v != current]
        if recent and self.rng.random() < 0.4:
            return ctrl, self.rng.choice(recent), True
        seen = set(used)
        for _ in range(40):
            v = ctrl.value(self.rng.randint(0, ctrl.steps))
            if v != current and v not in seen:
                return ctrl, v, False
        others = [ctrl.value(k) for k in range(min(ctrl.steps, 1000) + 1) if ctrl.value(k) != current]
        return ctrl, self.rng.choice(others), False

    async def move(self) -> bool:
        """One move, timed and checked; False when the connection had to be opened again."""
        if not self.controls:  # every control of this page switches views in the browser: nothing to send
            return True
        chosen = self.choose()
        if chosen is None:
            self.tally.error("no control drawn", self.page)
            return True
        ctrl, value, recent = chosen
        try:
            run = await self.client.set(self.client.widget(ctrl.key), value)
        except Exception as exc:  # noqa: BLE001 - every failure is counted, then the student reloads
            self.tally.error(type(exc).__name__, f"{self.page} {ctrl.key}={value}: {exc}")
            try:
                await self.open()
            except Exception as again:  # noqa: BLE001
                self.tally.error(type(again).__name__, f"reopening {self.page}: {again}")
            return False
        self.used.setdefault((self.page, ctrl.key), []).append(value)
        self.tally.took(
            run.latency, f"{self.page} {ctrl.key}={value}{' (fragment)' if run.status == FRAGMENT_DONE else ''}"
        )
        self.tally.recent += recent
        if run.exceptions:
            self.tally.error("exception", f"{self.page} {ctrl.key}={value}: {run.exceptions[0]}")
        if run.changed_view:
            self.tally.changed += 1
            self.tally.chart_changed += run.changed_chart
        else:
            self.tally.error("view unchanged", f"{self.page} {ctrl.key}={value}")
        if not address_holds(self.client, ctrl, value):
            self.tally.error("address", f"{self.page} {ctrl.key}={value} but ?{self.client.query_string}")
        return True


def spread(n: int, rng: random.Random) -> list[str]:
    """N students over the pages: every page before any page twice, in a seeded order."""
    order = PAGES[:]
    rng.shuffle(order)
    return [order[i % len(order)] for i in range(n)]


async def open_all(url: str, n: int, found: dict, seed: int, tally: Tally) -> list[Student]:
    rng = random.Random(seed)
    students = [
        Student(url, page, found[page], random.Random(seed * 1000 + i), tally) for i, page in enumerate(spread(n, rng))
    ]
    results = await asyncio.gather(*(s.open() for s in students), return_exceptions=True)
    for s, r in zip(students, results, strict=True):
        if isinstance(r, BaseException):
            tally.error(type(r).__name__, f"opening {s.page}: {r}")
    return [s for s, r in zip(students, results, strict=True) if not isinstance(r, BaseException)]


async def class_run(target: Target, n: int, duration: float, found: dict, seed: int) -> dict:
    """N students open their pages at once, then each moves a control every 2–4 s for `duration` s."""
    tally, meter = Tally(), Meter(target.proc)  # the peak RSS counts from here, the opens included
    students = await open_all(target.url, n, found, seed, tally)
    with meter:  # CPU: while the students move
        end = time.perf_counter() + duration

        async def student_loop(s: Student) -> None:
            t = time.perf_counter() + s.rng.uniform(0, 2)  # students do not start in step
            while True:
                t += s.rng.uniform(2, 4)
                if t >= end:
                    return
                await asyncio.sleep(max(0.0, t - time.perf_counter()))
                await s.move()
                t = max(t, time.perf_counter() - 2)  # a slow answer delays the next move, as a student waits

        await asyncio.gather(*(student_loop(s) for s in students))
    await asyncio.gather(*(s.close() for s in students))
    return summary(f"{n} students", n, tally, meter)


async def burst_run(target: Target, n: int, rounds: int, found: dict, seed: int) -> dict:
    """N students on their pages press at the same moment, `rounds` times, 5 s apart."""
    tally, meter = Tally(), Meter(target.proc)
    students = await open_all(target.url, n, found, seed + 7, tally)
    await asyncio.sleep(2)
    for r in range(rounds):
        if r:
            await asyncio.sleep(5)
        with meter:  # CPU: from the presses until the last answer
            await asyncio.gather(*(s.move() for s in students))
    await asyncio.gather(*(s.close() for s in students))
    return summary(f"burst of {n} (×{rounds})", n, tally, meter)


def summary(name: str, n: int, tally: Tally, meter: Meter) -> dict:
    lat = np.array(tally.latencies) * 1000
    pct = (lambda q: float(np.percentile(lat, q))) if len(lat) else (lambda q: math.nan)
    row = {
        "name": name,
        "n": n,
        "moves": len(lat),
        "p50": pct(50),
        "p95": pct(95),
        "max": float(lat.max()) if len(lat) else math.nan,
        "open_p95": float(np.percentile(tally.opens, 95)) if tally.opens else math.nan,
        "open_max": max(tally.opens) if tally.opens else math.nan,
        "changed": tally.changed,
        "chart_changed": tally.chart_changed,
        "recent": tally.recent,
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "examples": tally.examples,
        "server_cores": meter.server_cores,
        "client_cores": meter.client_cores,
        "other_cores": meter.other_cores,
        "peak_rss": meter.peak_rss,
        "wall": meter.wall,
        "slowest": tally.slowest,
    }
    print(
        f"  {name}: {row['moves']} moves, p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, max {row['max']:.0f} ms, "
        f"opens p95 {row['open_p95']:.2f} s, changed {row['changed']}/{row['moves']}, errors {row['errors']} "
        f"{row['error_kinds'] or ''}, server {row['server_cores']:.2f} cores, clients {row['client_cores']:.2f}, "
        f"other {row['other_cores']:.2f}, peak RSS {row['peak_rss']:.0f} MB",
        flush=True,
    )
    for e in tally.examples:
        print(f"    e.g. {e}", flush=True)
    if tally.slowest:
        print("    slowest: " + "; ".join(f"{what} {t * 1000:.0f} ms" for t, what in tally.slowest), flush=True)
    return row


# ---- the soak and the leak check ----------------------------------------------------------------


async def soak(target: Target, total: int, n_clients: int, found: dict, seed: int) -> dict:
    """`total` moves over every page by n_clients clients; the server's RSS as it goes."""
    tally = Tally()
    proc = target.proc
    rss_before = proc.rss()
    done = 0
    timeline = [(0, rss_before)]
    opens = 0

    async def client_loop(i: int) -> None:
        nonlocal done, opens
        rng = random.Random(seed * 7919 + i)
        s = Student(target.url, PAGES[i % len(PAGES)], found[PAGES[i % len(PAGES)]], rng, tally)
        visit = 0
        try:
            while done < total:
                page = PAGES[(i * 5 + visit) % len(PAGES)]
                s.controls = found[page]
                await s.open(page, new_session=visit % 3 == 0)
                opens += 1
                visit += 1
                for _ in range(rng.randint(3, 8)):
                    if done >= total:
                        break
                    done += 1
                    await s.move()
                    if done % 100 == 0:
                        timeline.append((done, proc.rss()))
                    await asyncio.sleep(rng.uniform(0.05, 0.3))
        finally:
            await s.close()

    meter = Meter(proc)
    with meter:
        await asyncio.gather(*(client_loop(i) for i in range(n_clients)))
    rss_after = proc.rss()
    await asyncio.sleep(5)
    rss_closed = proc.rss()
    row = summary(f"soak: {total} moves, {n_clients} clients", n_clients, tally, meter)
    row.update(
        opens=opens,
        rss_before=rss_before,
        rss_after=rss_after,
        rss_closed=rss_closed,
        timeline=timeline,
        pages=len(PAGES),
    )
    print(
        f"  RSS before {rss_before:.0f} MB, after {rss_after:.0f} MB (+{rss_after - rss_before:.0f}), "
        f"5 s after the clients left {rss_closed:.0f} MB; every 100 moves: "
        + ", ".join(f"{m:.0f}" for _, m in timeline),
        flush=True,
    )
    return row


async def leak_check(target: Target, found: dict, rounds: int, seed: int) -> dict:
    """On every page two clients, different addresses (and languages), move controls at the same moments.

    Each must only get its own values back: the address the app writes and the values of the controls it
    draws. At the end a fresh client opens each one's final address and must see exactly the same view.
    """
    rng = random.Random(seed + 99)
    checks, problems, stale, apart = 0, [], [], 0

    def differing(c: StreamlitClient, fresh: StreamlitClient) -> list[str]:
        mine, theirs = c.content(), fresh.content()
        return [f"{k} at {'.'.join(map(str, p))}" for p, (k, h) in sorted(mine.items()) if theirs.get(p) != (k, h)] + [
            f"{k} at {'.'.join(map(str, p))} (missing)" for p, (k, _) in sorted(theirs.items()) if p not in mine
        ]

    def own_values(c: StreamlitClient, mine: dict[str, float], who: str, page: str) -> None:
        nonlocal checks
        for key, v in mine.items():
            checks += 1
            raw = c.param(key)
            if raw is None and math.isclose(v, defaults[key], abs_tol=1e-9):
                pass  # a default is left out of the address
            elif raw is None or not math.isclose(float(raw), v, abs_tol=1e-9):
                problems.append(f"{page} {who}: address has {key}={raw}, its own value is {v}")
            drawn = [w for w in c.controls() if w.key == key]
            if drawn and not math.isclose(drawn[0].value, v, abs_tol=1e-9):
                problems.append(f"{page} {who}: control {key} drawn at {drawn[0].value}, its own value is {v}")

    for page in PAGES:
        ctrls = found[page]
        if not ctrls:  # its controls switch views in the browser: the server never sees them move
            continue
        # Disjoint values for A and B; A's first one is not the default, so its address has something to leak.
        pools = {}
        for c in ctrls:
            values = [c.value(k) for k in range(min(c.steps, 2000) + 1)]
            rng.shuffle(values)
            values.sort(key=lambda v: math.isclose(v, c.default, abs_tol=1e-9))
            pools[c.key] = (values[0::2], values[1::2])
        first = max(ctrls, key=lambda c: min(len(pools[c.key][0]), len(pools[c.key][1])))
        a_vals = {first.key: pools[first.key][0][0]}
        b_vals = {first.key: pools[first.key][1][0]}
        defaults = {c.key: c.default for c in ctrls}
        a, b = StreamlitClient(target.url), StreamlitClient(target.url)
        await asyncio.gather(a.connect(), b.connect())
        try:
            await asyncio.gather(
                a.open(page, urllib.parse.urlencode(a_vals)),
                b.open(page, urllib.parse.urlencode({"lang": "ko", **b_vals})),
            )
            own_values(a, a_vals, "A", page)
            own_values(b, b_vals, "B", page)
            for r in range(rounds):
                moves = []
                for c, vals, side in ((a, a_vals, 0), (b, b_vals, 1)):
                    drawn = {w.key for w in c.controls()}
                    live = [x for x in ctrls if x.key in drawn and len(pools[x.key][side]) > 1]
                    if not live:
                        continue
                    ctrl = live[r % len(live)]
                    pool = pools[ctrl.key][side]
                    v = pool[1 + rng.randrange(len(pool) - 1)]
                    if v == vals.get(ctrl.key):
                        v = pool[0]
                    vals[ctrl.key] = v
                    moves.append(c.set(c.widget(ctrl.key), v))
                await asyncio.gather(*moves)
                own_values(a, a_vals, "A", page)
                own_values(b, b_vals, "B", page)
            if b.param("lang") != "ko" or a.param("lang") not in (None, "en"):
                problems.append(f"{page}: languages A={a.param('lang')} B={b.param('lang')}")
            for who, c in (("A", a), ("B", b)):
                async with StreamlitClient(target.url) as fresh:
                    await fresh.open(page, c.query_string)
                    # Fragment reruns redraw only their fragment: another fragment that reads the moved value
                    # keeps its old drawing until the page runs again. Noted, then the whole page is rerun.
                    diff = differing(c, fresh)
                    if diff:
                        stale.append(f"{page} ({who}, ?{c.query_string}): {', '.join(diff)}")
                    await c.rerun()
                    checks += 1
                    diff = differing(c, fresh)
                    if diff:
                        problems.append(f"{page} {who}: a fresh client at ?{c.query_string} sees other {diff}")
            apart += a.content() != b.content()  # so comparing with a fresh client can tell them apart
        finally:
            await asyncio.gather(a.close(), b.close())
    print(
        f"  leak check: {len(PAGES)} pages, {checks} checks, {len(problems)} problems, views apart on {apart}",
        flush=True,
    )
    for p in problems[:10]:
        print(f"    {p}", flush=True)
    for p in stale[:10]:
        print(f"    stale until a full rerun: {p}", flush=True)
    return {
        "pages": len(PAGES),
        "checks": checks,
        "problems": problems,
        "rounds": rounds,
        "stale": stale,
        "apart": apart,
    }


# ---- the report ---------------------------------------------------------------------------------


def fmt(x: float, spec: str = ".0f") -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def table(rows: list[dict], base_p95: dict[str, float]) -> list[str]:
    out = [
        "| server | run | moves | p50 ms | p95 ms | max ms | p95 ÷ 1 student | opens p95 s | view changed"
        " | errors | server CPU (cores) | peak RSS MB | clients' CPU | other CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        base = base_p95.get(r["gc"]) or base_p95.get("on")
        ratio = f"{r['p95'] / base:.1f}×" if base and not r["name"].startswith("burst") else "–"
        out.append(
            f"| {r['gc']} | {r['name']} | {r['moves']} | {fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['max'])} | {ratio}"
            f" | {fmt(r['open_p95'], '.2f')} | {r['changed']}/{r['moves']} | {r['errors']}"
            f" | {fmt(r['server_cores'], '.2f')} | {fmt(r['peak_rss'])} | {fmt(r['client_cores'], '.2f')}"
            f" | {fmt(r['other_cores'], '.2f')} |"
        )
    return out


def report(args, rows: list[dict], soak_row: dict | None, leak: dict | None, notes: list[str]) -> str:
    cpu = ""
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    base_p95 = {r["gc"]: r["p95"] for r in rows if r["n"] == 1 and not r["name"].startswith("burst")}
    lines = [
        "# A whole class on one server",
        "",
        f"`{' '.join(['.venv/bin/python -m bench.classroom', *sys.argv[1:]])}` on {datetime.now():%Y-%m-%d %H:%M}:"
        f" {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, Streamlit {streamlit.__version__}."
        f" Students move a control every 2–4 s for {args.duration:.0f} s; latency is from sending the BackMsg"
        " until `script_finished`. *server*: `on` is Streamlit's default (`runner.postScriptGC` true, a full"
        " `gc.collect(2)` after every run), `off` is `--runner.postScriptGC false`. *view changed*: moves after"
        " which some element the student sees differed. *server CPU*: cores the server process used on average while"
        " the students moved (for a burst: from the presses until the last answer), from /proc/<pid>/stat."
        " *peak RSS*: the server's VmHWM from the moment the students began opening their pages (each run on a"
        " fresh server warmed by one visit of every page, unless --url). *other CPU*: cores the rest of the machine"
        " used meanwhile (not the server, not these clients); when it is high, other work shared the two cores.",
        "",
        *(table(rows, base_p95) if rows else ["(no class runs)"]),
        "",
    ]
    kinds = collections.Counter()
    for r in rows:
        kinds.update(r["error_kinds"])
    if kinds:
        lines += ["Errors by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()), ""]
    if rows:
        lines += ["Slowest moves per run:", ""]
        lines += [
            f"- {r['gc']}, {r['name']}: " + "; ".join(f"{what} {t * 1000:.0f} ms" for t, what in r["slowest"][:3])
            for r in rows
        ]
        lines.append("")
    if soak_row:
        s = soak_row
        lines += [
            "## Soak",
            "",
            f"{s['moves']} moves by {s['n']} clients over all {s['pages']} pages ({s['opens']} page opens, a new"
            f" session every third) on one server (postScriptGC {s.get('gc', 'on')}): p50 {fmt(s['p50'])} ms, p95 {fmt(s['p95'])} ms, max"
            f" {fmt(s['max'])} ms, view changed {s['changed']}/{s['moves']}, errors {s['errors']}"
            f"{' ' + str(s['error_kinds']) if s['error_kinds'] else ''}, {fmt(s['wall'])} s.",
            "",
            "| RSS before (warm) | after the moves | growth | 5 s after the clients left | peak |",
            "|---:|---:|---:|---:|---:|",
            f"| {fmt(s['rss_before'])} MB | {fmt(s['rss_after'])} MB | {s['rss_after'] - s['rss_before']:+.0f} MB"
            f" | {fmt(s['rss_closed'])} MB | {fmt(s['peak_rss'])} MB |",
            "",
            "RSS every 100 moves (MB): " + ", ".join(f"{m:.0f}" for _, m in s["timeline"]),
            "",
            "Slowest moves: " + "; ".join(f"{what} {t * 1000:.0f} ms" for t, what in s["slowest"]) + ".",
            "",
        ]
    if leak:
        lines += [
            "## Leak check",
            "",
            f"On each of {leak['pages']} pages two clients with different addresses (English; Korean) moved"
            f" controls at the same moments ({leak['rounds']} rounds), with disjoint values: {leak['checks']} checks"
            " that each got only its own values back (the address the app writes, the controls it draws) and"
            " that a fresh client at each one's final address sees the same view (after a full rerun of the"
            f" page): **{len(leak['problems'])} problems**. The two clients' own views differed on {leak['apart']} of"
            f" {leak['pages']} pages, so a view taken from the other session would have shown.",
            "",
            *[f"- {p}" for p in leak["problems"][:20]],
            "",
        ]
        if leak["stale"]:
            lines += [
                "Before that full rerun, these views differed from a fresh client's at the same address: a fragment"
                " rerun redrew only its own fragment, and another fragment that reads the moved value kept its old"
                " drawing (not a leak between sessions; the same happens in a browser):",
                "",
                *[f"- {p}" for p in leak["stale"][:20]],
                "",
            ]
    if notes:
        lines += ["## Notes", "", *[f"- {n}" for n in notes], ""]
    return "\n".join(lines)


async def main_async(args) -> None:
    rows: list[dict] = []
    notes: list[str] = []
    soak_row = leak = None
    found_cache: dict[str, dict] = {}

    async def with_target(gc: str, work):
        env = GC_OFF if gc == "off" else None
        target = Target(args.url, env, args.replicas)
        try:
            if target.direct:  # every replica warmed by one visit of every page, straight to it
                for url in target.direct:
                    found_cache[None] = await survey(url)
            elif args.url not in found_cache or args.url is None:
                found_cache[args.url] = await survey(target.url)  # warms a fresh server: every page once
            return await work(target, found_cache[args.url])
        finally:
            target.stop()

    load = os.getloadavg()
    notes.append(f"Load average when the run started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.")
    plan = [("on", n) for n in args.students]
    if args.replicas and args.url:
        raise SystemExit("--replicas starts its own servers: no --url with it")
    if args.replicas:
        notes.append(
            f"{args.replicas} replicas behind nginx (scripts/serve-replicas.sh): *server CPU* is the replicas' sum,"
            " *peak RSS* the largest replica's (the limit is per process); nginx's own CPU counts as other."
        )
    if args.url is None:
        plan += [("off", n) for n in args.gc_off]
    elif args.gc_off:
        notes.append("--gc-off skipped: the server was given by --url, so its options are its own.")
    for gc, n in plan:
        print(f"{n} students, postScriptGC {gc}", flush=True)
        row = await with_target(gc, lambda t, f, n=n: class_run(t, n, args.duration, f, args.seed))
        rows.append({**row, "gc": gc})
    for gc in ["on"] + (["off"] if args.url is None and args.gc_off else []):
        for n in args.burst:
            print(f"burst of {n}, postScriptGC {gc}", flush=True)
            row = await with_target(gc, lambda t, f, n=n: burst_run(t, n, args.burst_rounds, f, args.seed))
            rows.append({**row, "gc": gc})
    if args.soak:
        print(f"soak of {args.soak} moves", flush=True)

        async def soak_and_leak(t, f):
            s = await soak(t, args.soak, args.soak_clients, f, args.seed)
            lk = await leak_check(t, f, args.leak_rounds, args.seed)
            return s, lk

        soak_row, leak = await with_target(args.soak_gc, soak_and_leak)
        soak_row["gc"] = args.soak_gc
    text = report(args, rows, soak_row, leak, notes)
    print()
    print(text)
    if args.out:
        Path(args.out).write_text(text)
        print(f"written to {args.out}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.classroom", description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, nargs="*", default=[1, 10, 30, 60], help="class sizes to run")
    ap.add_argument("--burst", type=int, nargs="*", default=[30], help="students pressing at the same moment")
    ap.add_argument("--burst-rounds", type=int, default=3)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of moves per class size")
    ap.add_argument("--soak", type=int, default=1000, help="moves in the soak (0: no soak, no leak check)")
    ap.add_argument("--soak-clients", type=int, default=4)
    ap.add_argument("--soak-gc", choices=("on", "off"), default="on", help="postScriptGC of the soak's server")
    ap.add_argument("--leak-rounds", type=int, default=4)
    ap.add_argument(
        "--gc-off",
        type=int,
        nargs="*",
        default=[30, 60],
        help="class sizes (and the bursts) repeated with --runner.postScriptGC false; none: skip",
    )
    ap.add_argument("--url", help="a running server on 127.0.0.1 (default: start one per run)")
    ap.add_argument(
        "--replicas",
        type=int,
        default=0,
        help="start N replicas behind nginx per run (scripts/serve-replicas.sh) instead of one server",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(OUT), help="where to write the Markdown ('' for nowhere)")
    args = ap.parse_args(argv)
    limits = [*args.students, *args.burst, *args.gc_off, args.soak_clients]
    if any(n < 0 or n > 200 for n in limits) or not 0 <= args.soak <= 20_000 or not 0 < args.duration <= 900:
        ap.error("counts are bounded: students ≤ 200, soak ≤ 20000 moves, duration ≤ 900 s")
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
