"""The gates page's sentences, checked against the shipped models at the views they name."""

import re

import numpy as np
import pytest

from models import charlm
from tests.apptest import numbers, run_page, views
from ui import seqmodels, shell
from ui.lessons import gates as lesson

S = lesson.DEFAULT


def internals(kind: str) -> dict[str, np.ndarray]:
    return seqmodels.analyse(kind, S)["internals"]


def inside_quotes() -> np.ndarray:
    return charlm.text_features(S)["inside_quotes"].numpy().astype(bool)


def test_the_quote_units_are_the_cards_readable_units():
    for kind, unit in lesson.QUOTE_UNIT.items():
        assert shell.load(seqmodels.CHAR_MODELS[kind])[1]["metrics"]["readable_units"]["inside_quotes"]["unit"] == unit


def test_heatmap_guide_and_caption_the_darkest_forget_columns_are_the_line_ends():
    assert lesson.HEATMAP.steps[0] == {"text": S, "model": "lstm", "internal": "f"}
    assert [step["internal"] for step in lesson.HEATMAP.steps[1:]] == ["c", "h"]
    assert all(step["model"] == "lstm" for step in lesson.HEATMAP.steps)  # the LSTM's section, whichever is shown
    f = internals("lstm")["f"].mean(1)  # how much all units keep, per character
    darkest = np.argsort(f)[:3]
    assert S[darkest[0]] == "\n"
    assert {i for i, c in enumerate(S) if c == "\n"} <= set(darkest.tolist())


def test_heatmap_guide_and_captions_the_cell_runs_beyond_one_h_and_the_candidates_do_not():
    out = internals("lstm")
    assert np.abs(out["c"]).max() > 5 and np.percentile(np.abs(out["c"]), 99) > 1
    for name in ("h", "g"):
        assert np.abs(out[name]).max() < 1
    assert np.abs(internals("gru")["n"]).max() <= 1


def test_unit_guide_lstm_unit_0_is_red_inside_every_quotation_and_mostly_blue_outside():
    assert lesson.UNIT.steps[0] == {"text": S, "model": "lstm", "internal": "c", "unit": 0, "feature": "none"}
    assert lesson.UNIT.steps[1] == {"model": "lstm", "feature": "inside_quotes"}
    c, inside = internals("lstm")["c"][:, 0], inside_quotes()
    assert inside.sum() >= 10
    assert (c[inside] > 0).all()
    assert (c[~inside] < 0).mean() > 0.7
    assert np.corrcoef(c, inside)[0, 1] > 0.6  # it follows the dotted line


def test_unit_guide_the_gru_s_quote_unit_runs_the_other_way():
    # the GRU's own settings (its section's): its hidden state, its unit 21, beside the same feature
    assert lesson.UNIT.steps[2] == {"model": "gru", "gru_internal": "h", "gru_unit": 21, "gru_feature": "inside_quotes"}
    h, inside = internals("gru")["h"][:, 21], inside_quotes()
    assert h[inside].mean() < h[~inside].mean()
    assert np.corrcoef(h, inside)[0, 1] < -0.6


def test_forget_question_the_quote_unit_wipes_its_cell_on_every_quote_mark():
    assert lesson.FORGET.answer == "wipe"
    assert lesson.FORGET.view == {"text": S, "model": "lstm", "internal": "f", "unit": 0, "feature": "inside_quotes"}
    facts = lesson.forget_facts()
    assert facts["n"] == S.count('"') == 4
    assert facts["max_q"] < 0.05
    assert facts["inside"] > 0.8


@pytest.mark.parametrize("unit", [1, 2, 3])
def test_forget_question_other_units_do_not_wipe_at_every_quote(unit):
    # the answer is about the quote unit, not about every unit: the question can be wrong
    assert lesson.forget_facts(unit=unit)["max_q"] > 0.05


PREFIX = {"lstm": "", "gru": "gru_"}  # the page's settings and places of the GRU's section have its name before them


def conveyor_traces(model: str, unit: int) -> dict[str, np.ndarray]:
    """The gates page's conveyor-belt figure for this model's unit, as drawn, by trace name."""
    at = run_page("pages/12_gates.py", **{f"{PREFIX[model]}unit": str(unit)})
    return {t["name"]: numbers(t["y"]) for t in views(at, f"{PREFIX[model]}conveyor")["views"][str(unit)]["data"]}


def test_one_run_draws_both_models_belts_each_at_its_own_unit():
    """Both models' sections are drawn (the model is switched in the browser), each belt at its model's unit."""
    at = run_page("pages/12_gates.py", unit="5", gru_unit="280")
    for kind, unit in (("lstm", 5), ("gru", 280)):
        sent = views(at, f"{PREFIX[kind]}conveyor")
        assert [c["key"] for c in sent["controls"]] == [f"{PREFIX[kind]}unit"] and sent["current"] == [str(unit)]
        drawn = sent["views"][str(unit)]
        assert re.match(rf"Unit {unit}\b", drawn["layout"]["title"]["text"])
        belt = seqmodels.belt(kind, S, unit)
        np.testing.assert_allclose(numbers(drawn["data"][-1]["y"]), belt["c" if kind == "lstm" else "h"], atol=1e-6)


def previous(state: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], state[:-1]])  # both cells start from a zero state


def test_the_conveyor_belt_plots_c_t_as_f_t_c_prev_plus_i_t_g_t_from_the_lstm_s_own_internals():
    unit = 0
    drawn = conveyor_traces("lstm", unit)
    f, i, g, c, h = (internals("lstm")[n][:, unit].astype(np.float64) for n in ("f", "i", "g", "c", "h"))
    assert np.allclose(drawn["cell state cₜ"], c, atol=1e-6)  # the red line is the model's own c_t ...
    assert np.allclose(drawn["cell state cₜ"], f * previous(c) + i * g, atol=1e-5)  # ... and equals the equation
    assert np.allclose(drawn["kept: fₜ ⊙ cₜ₋₁"], f * previous(c), atol=1e-6)
    assert np.allclose(drawn["written: iₜ ⊙ gₜ"], i * g, atol=1e-6)
    for name, values in (("forget gate f", f), ("input gate i", i), ("candidate g", g), ("hidden state h", h)):
        assert np.allclose(drawn[name], values, atol=1e-6)


def test_the_gru_belt_plots_h_t_as_z_t_h_prev_plus_one_minus_z_t_n_t_from_its_own_internals():
    unit = lesson.QUOTE_UNIT["gru"]
    drawn = conveyor_traces("gru", unit)
    z, n, h = (internals("gru")[k][:, unit].astype(np.float64) for k in ("z", "n", "h"))
    assert np.allclose(drawn["hidden state hₜ"], h, atol=1e-6)
    assert np.allclose(drawn["hidden state hₜ"], z * previous(h) + (1 - z) * n, atol=1e-5)
    assert np.allclose(drawn["kept: zₜ ⊙ hₜ₋₁"], z * previous(h), atol=1e-6)
    assert np.allclose(drawn["written: (1 − zₜ) ⊙ nₜ"], (1 - z) * n, atol=1e-6)
