"""Work ahead of a click (ui/ahead.py): done in the background once, bounded, and a failure stops nothing."""

import threading

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
    at = run_page("pages/11_markov.py", seed="17")  # a view no other test computes ahead
    assert not at.exception
    ahead.wait()
    s, state = markov_lesson.DEFAULT, at.session_state
    view = (s, state["temperature"], state["seed"], "en")
    assert [ahead.done(("markov", k, *view)) for k in ("lstm", "gru", "rnn")] == [False, True, True]


def test_a_step_of_a_gates_unit_computes_the_next_units_views_ahead_for_its_own_model():
    at = run_page("pages/12_gates.py", gru_unit="7")
    at.slider(key="gru_unit").set_value(8).run()
    assert not at.exception
    ahead.wait()
    # a step up: the GRU's unit 9 (its output shown), in the background; the LSTM's slider did not move, so its
    # next unit is the one after its first run's (which counts as a step up from 0), not one further
    assert ahead.done(("gates-unit", "gru", gates_lesson.DEFAULT, 9, "h", "none", "en"))
    assert ahead.done(("gates-unit", "lstm", gates_lesson.DEFAULT, 1, "c", "none", "en"))
    assert not ahead.done(("gates-unit", "lstm", gates_lesson.DEFAULT, 2, "c", "none", "en"))


def test_following_is_the_next_arrow_press_after_a_step_of_one_and_nothing_after_a_jump_or_no_move():
    state = {}
    assert ahead.following(state, "k", 5, 1, 0, 10) == 6  # the first run counts as a step up
    assert ahead.following(state, "k", 4, 1, 0, 10) == 3  # a step down: the one below
    assert ahead.following(state, "k", 4, 1, 0, 10) is None  # another control's run
    assert ahead.following(state, "k", 9, 1, 0, 10) is None  # a jump
    assert ahead.following(state, "k", 10, 1, 0, 10) is None  # the end of the range
    assert ahead.following(state, "k", 9, 1, 0, 10) == 8
    # floats come rounded to the step, as the slider writes them, whatever the sum's last digit
    assert ahead.following(state, "w", 0.6, 0.01, 0.05, 0.95) == 0.61
    assert ahead.following(state, "w", 0.6000000000000001 + 0.01, 0.01, 0.05, 0.95) == 0.62
    assert ahead.following(state, "s", 7.9, 0.1, 0.0, 8.0) == 8.0
    assert ahead.following(state, "s", 8.0, 0.1, 0.0, 8.0) is None


def test_mle_computes_the_kl_fits_of_the_next_value_of_the_slider_being_stepped():
    at = run_page("pages/33_mle.py", sep="5.0", weight="0.6")
    assert not at.exception
    at.slider(key="weight").set_value(0.59).run()
    ahead.wait()
    assert ahead.done(("mle-kl", 5.0, 0.58, "en"))
    assert not ahead.done(("mle-kl", 5.1, 0.59, "en"))  # the separation did not move
    at.slider(key="sep").set_value(5.1).run()
    ahead.wait()
    assert ahead.done(("mle-kl", 5.2, 0.59, "en"))


def test_nade_completes_the_held_digits_for_the_next_number_of_rows():
    import hashlib

    import numpy as np

    from models import data

    images = data.heldout(binarised=True)[0]
    digits = hashlib.md5(np.stack([images[i].reshape(-1) for i in (3, 4, 2)]).tobytes()).hexdigest()
    at = run_page("pages/32_nade.py", rows="10", index="3")
    assert not at.exception
    at.slider(key="rows").set_value(11).run()
    ahead.wait()
    assert ahead.done(("nade-rows", digits, 12, 0))
    at.slider(key="rows").set_value(20).run()
    ahead.wait()
    assert not ahead.done(("nade-rows", digits, 21, 0))  # a jump
    assert not ahead.done(("nade-rows", digits, 19, 0))
