"""The NADE page's sentences, checked on the shipped NADE; completions are read by the ViT."""

import numpy as np
import pytest
import torch

from figures import nade as fig
from models import data
from tests.apptest import chart, run_page
from ui import i18n, pixelmodels, shell, views, vitmodel
from ui.lessons import nade as lesson


def read(images: np.ndarray) -> np.ndarray:
    return np.array([vitmodel.predict(im.reshape(28, 28).astype(np.float32))["probs"].argmax() for im in images])


def test_generate_guide_blank_paper_then_each_factor_reads_the_ink_above():
    assert all(s["seed"] == 0 for s in lesson.GENERATE.steps)
    x, p = pixelmodels.trajectory(0)
    v = lesson.generate_values(0)
    first = v["first"] - 1
    assert x[:first].sum() == 0 and x[first] == 1
    assert 0 < first < lesson.GENERATE.steps[0]["step"] + 10  # the first step stops near the first ink
    assert v["before"] == pytest.approx(p[:first].max()) and v["before"] < 0.01
    assert v["below_ink"] > 0.5 > 0.05 > v["no_ink"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_complete_guide_few_rows_many_digits_fourteen_rows_the_same_three(seed):
    x, labels = data.heldout(binarised=True)
    few, many = lesson.COMPLETE.steps
    assert few["index"] == many["index"] == 0 and labels[0] == 3
    digit = x[0].reshape(-1)
    guesses = read(pixelmodels.completions(digit[: few["rows"] * data.SIDE], seed))
    finished = read(pixelmodels.completions(digit[: many["rows"] * data.SIDE], seed))
    assert len(set(guesses)) >= 3
    assert set(finished) == {3}


def counting_sigmoid(monkeypatch) -> list[int]:
    calls = [0]
    real = torch.sigmoid

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(torch, "sigmoid", counted)
    return calls


def test_evaluate_question_sampling_is_784_steps_evaluating_one_pass(monkeypatch):
    assert lesson.EVALUATE.answer == "one" and lesson.EVALUATE.view == {"timed": True}
    assert lesson.evaluate_facts() == {"n": 784}
    model, _ = shell.load("nade")
    calls = counting_sigmoid(monkeypatch)
    x, p = model.sample(1, torch.Generator().manual_seed(0))
    sampled = calls[0]
    calls[0] = 0
    with torch.no_grad():
        out = model(x)
    assert sampled == 2 * lesson.PIXELS  # hidden layer and output, once per pixel, in a loop
    assert calls[0] == 1  # one hidden-layer pass over all pixels at once
    # the one pass gives the very probabilities sampling computed one at a time
    np.testing.assert_allclose(torch.sigmoid(out.logits).numpy(), p.numpy(), atol=1e-5)


def test_the_timing_waits_for_the_student():
    at = run_page("pages/32_nade.py")
    assert not at.metric  # nothing measured before the prediction
    at.button(key="measure_first").click().run()
    assert len(at.metric) == 3 and at.query_params["timed"] == "true"


@pytest.mark.parametrize(("lang", "index"), [("en", 0), ("ko", 17)])
def test_the_likelihood_histogram_drawn_is_the_one_built_for_that_digit(lang, index):
    """Each digit's histogram is one chart with its lines moved: it must be the figure built for that digit."""
    drawn = chart(run_page("pages/32_nade.py", lang=lang, index=str(index)), "nll_hist")
    x = data.heldout(binarised=True)[0][index].reshape(-1)
    nll = -pixelmodels.log_likelihood("nade", x).sum()
    indep = -pixelmodels.log_likelihood("pixel_independent", x).sum()
    t = i18n.words("nade", lang)
    markers = {t(".this_digit"): nll, t(".independent"): indep}
    built = fig.nll_histogram(pixelmodels.heldout_nll("nade"), markers, t(".nll_axis"), t(".count_axis"))
    assert drawn == views.figure(built)
    assert [s["x0"] for s in drawn["layout"]["shapes"]] == pytest.approx([nll, indep])
