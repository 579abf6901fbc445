"""The NADE page's sentences, checked on the shipped NADE; completions are read by the ViT."""

import html
import json

import numpy as np
import pytest
import torch

from figures import common
from figures import nade as fig
from models import data
from tests.apptest import run_page
from tests.apptest import views as element
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
def test_a_digits_views_drawn_are_the_ones_built_for_it_and_for_the_digits_beside_it(lang, index):
    """Each digit's histogram is one chart with its lines moved: it must be the figure built for that digit; its
    sentence, completions and pixel contributions too. The browser holds those of the digits either side (a
    step of the index shows them at once): each is that digit's own."""
    at = run_page("pages/32_nade.py", lang=lang, index=str(index))
    assert not at.exception
    near = [i for i in (index - 1, index, index + 1) if i >= 0]
    t = i18n.words("nade", lang)
    heldout = pixelmodels.heldout_nll("nade")
    for key in ("completions", "nll_sentence", "nll_hist", "contributions"):
        held = element(at, key)
        assert [c["key"] for c in held["controls"]] == ["index"] and held["current"] == [str(index)]
        assert set(held["views"]) == {str(i) for i in near}
    for i in near:
        x = data.heldout(binarised=True)[0][i].reshape(-1)
        nll = -pixelmodels.log_likelihood("nade", x).sum()
        indep = -pixelmodels.log_likelihood("pixel_independent", x).sum()
        markers = {t(".this_digit"): nll, t(".independent"): indep}
        built = fig.nll_histogram(heldout, markers, t(".nll_axis"), t(".count_axis"))
        drawn = element(at, "nll_hist")["views"][str(i)]
        assert drawn == views.figure(built)
        assert [s["x0"] for s in drawn["layout"]["shapes"]] == pytest.approx([nll, indep])
        sentence = t(".nll", nll=nll, bits=nll / np.log(2), indep=indep, pct=(heldout < nll).mean() * 100)
        bold = sentence.split("**")
        assert element(at, "nll_sentence")["views"][str(i)]["html"] == (
            f"<p>{html.escape(bold[0])}<strong>{html.escape(bold[1])}</strong>{html.escape(bold[2])}</p>"
        )
        rows = 14  # the page's default
        kept = np.where(np.arange(784) < rows * data.SIDE, x, 0.0)
        completed = fig.completions(kept, pixelmodels.completions(x[: rows * data.SIDE], 0), rows)
        assert element(at, "completions")["views"][str(i)] == json.loads(json.dumps(views.figure(completed)))
        per_pixel = pixelmodels.log_likelihood("nade", x)
        image = common.image(
            -per_pixel.reshape(data.SIDE, data.SIDE),
            colorscale="Reds",
            zmax=float(max(1.0, -per_pixel.min())),
            title=t(".contributions"),
            hover=t(".hover_pixel"),
            height=340,
        )
        assert element(at, "contributions")["views"][str(i)] == json.loads(json.dumps(views.figure(image)))
