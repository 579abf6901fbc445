"""Work ahead of a click (ui/ahead.py): done in the background once, bounded, and a failure stops nothing."""

import threading

from models import charlm
from tests.apptest import run_page
from ui import ahead
from ui.lessons import gates as gates_lesson
from ui.lessons import markov as markov_lesson


def test_work_is_done_in_the_background_once_per_key():
    calls = []
    assert ahead.later(("test", "once"), lambda: calls.append(threading.current_thread().name))
    assert not ahead.later(("test", "once"), lambda: calls.append("again"))  # waiting or done: not again
    ahead.wait()
    assert calls == ["ahead"] and ahead.done(("test", "once"))
    assert not ahead.later(("test", "once"), lambda: calls.append("again"))
    ahead.wait()
    assert calls == ["ahead"]


def test_a_failure_is_kept_to_itself_and_a_full_queue_drops_work():
    release, ran = threading.Event(), []
    assert ahead.later(("test", "block"), release.wait)  # the worker waits here while the queue fills
    queued = [ahead.later(("test", "fill", i), lambda i=i: ran.append(i)) for i in range(ahead.QUEUED + 4)]
    assert ahead.later(("test", "fail"), lambda: 1 / 0) is False  # full
    release.set()
    ahead.wait()
    assert sum(queued) >= ahead.QUEUED - 1 and not all(queued)  # bounded: later work was dropped
    assert ran == [i for i, q in enumerate(queued) if q]
    assert ahead.later(("test", "fail", 2), lambda: 1 / 0)
    assert ahead.later(("test", "after"), lambda: ran.append("after"))
    ahead.wait()
    assert ran[-1] == "after" and ahead.done(("test", "fail", 2))


def test_markov_computes_the_other_models_views_of_the_text_ahead():
    at = run_page("pages/11_markov.py")
    assert not at.exception
    ahead.wait()
    s, state = markov_lesson.DEFAULT, at.session_state
    view = (s, state["pos"], state["temperature"], state["seed"], "en")
    assert [ahead.done(("markov", k, *view)) for k in ("lstm", "gru", "rnn")] == [False, True, True]


def test_gates_computes_the_other_models_views_of_the_text_ahead():
    at = run_page("pages/12_gates.py", unit="200")
    assert not at.exception
    ahead.wait()
    # the GRU's views for the unit its run will have (it has fewer units than the LSTM)
    unit = min(200, charlm.HIDDEN["gru"] - 1)
    assert ahead.done(("gates", "gru", gates_lesson.DEFAULT, unit, "h", "none", "en"))  # the LSTM's c: the GRU's h
    assert not ahead.done(("gates", "lstm", gates_lesson.DEFAULT, 200, "c", "none", "en"))
