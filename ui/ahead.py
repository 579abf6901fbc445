"""Work ahead of a student's click: what their likely next choice needs, computed in the background once a run
has drawn what they chose, so that the click finds it in the caches.

A page names each piece of work by a key; work already done or waiting is not queued again, so a page can ask
for it in every run. One thread does it all, one piece at a time at a lower priority than the runs, and at
most QUEUED pieces wait (later ones are dropped: the click then computes them itself, as without this).
Markov's first click on another model ran the script for 115-175 ms (the model over the text, its chart and a
sampled continuation), against 10-15 ms once cached.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, MutableMapping
from decimal import Decimal

QUEUED = 16
DONE = 256  # keys remembered as done (the oldest forgotten): their results are in bounded caches anyway

_log = logging.getLogger(__name__)
_queue: queue.Queue[tuple[Hashable, Callable[[], object]]] = queue.Queue(QUEUED)
_lock = threading.Lock()
_waiting: set[Hashable] = set()
_done: OrderedDict[Hashable, None] = OrderedDict()
_worker: threading.Thread | None = None
_stopping = False


def later(key: Hashable, work: Callable[[], object]) -> bool:
    """Queue `work` under `key` unless that key is done or waiting; True if queued."""
    global _worker
    with _lock:
        if _stopping or key in _done or key in _waiting:
            return False
        try:
            _queue.put_nowait((key, work))
        except queue.Full:
            return False
        _waiting.add(key)
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_run, name="ahead", daemon=True)
            _worker.start()
    return True


def following(state: MutableMapping, key: str, value: float, step: float, lo: float, hi: float) -> float | None:
    """The value a slider's next arrow press would give, in the direction its last move went, where that move
    was one step (an arrow key); None after a jump (a drag, a typed address), which says nothing of the next
    value, after a run that did not move it, and at the end of its range. The first run counts as a step up.
    `state` (the session's) keeps the value under `key` for the next run. A float is rounded to the step's
    decimals, as the slider writes it, so that it names the same cache entry as the press will."""
    before = state.get(key)
    state[key] = value
    if before is None:
        before = value - step
    if value == before or abs(value - before) > step * 1.5:
        return None
    places = max(0, -int(Decimal(str(step)).as_tuple().exponent))
    nxt = round(value + (step if value > before else -step), places)
    if not places:
        nxt = int(nxt)
    return nxt if lo <= nxt <= hi else None


def done(key: Hashable) -> bool:
    """Whether the work under `key` has been done (and not yet forgotten)."""
    with _lock:
        return key in _done


def wait() -> None:
    """Until every queued piece of work is done (tests)."""
    _queue.join()


def _run() -> None:
    with contextlib.suppress(Exception):  # Linux: a thread is a task with its own niceness
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    while True:
        key, work = _queue.get()
        try:
            if not _stopping:
                work()
        except Exception:  # the click computes it itself, and shows any error there
            _log.debug("work ahead for %r failed", key, exc_info=True)
        finally:
            with _lock:
                _waiting.discard(key)
                _done[key] = None
                while len(_done) > DONE:
                    _done.popitem(last=False)
            _queue.task_done()


@atexit.register
def _stop() -> None:
    """At exit, the piece under way finishes and nothing waiting starts: a daemon thread still inside torch
    while the interpreter shuts down aborts the process ("terminate called without an active exception")."""
    global _stopping
    with _lock:
        _stopping = True
        worker = _worker
    if worker is not None and worker.is_alive():
        with contextlib.suppress(Exception):
            _queue.join()  # what waits is skipped; at most the piece under way is waited for
