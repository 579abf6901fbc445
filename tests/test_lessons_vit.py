"""The Vision Transformer page's sentences, checked against the shipped model at the views they name."""

import numpy as np

from models import data
from ui import vitmodel
from ui.lessons import vit as lesson

UNSURE = 0.6  # the page warns below this top probability


def test_digits_guide_a_sure_right_a_sure_wrong_and_an_unsure_digit():
    assert lesson.DIGITS.steps == ({"source": "heldout", "index": 0}, {"index": 119}, {"index": 22})
    f = lesson.digits_facts()
    assert f["sure_true"] == 3 and f["sure_p"] > 85 and lesson.verdict(0)["pred"] == 3
    assert f["wrong_true"] == f["sure_true"] and f["wrong_pred"] != f["wrong_true"]  # "also a 3, but ..."
    assert abs(f["wrong_p"] - f["sure_p"]) < 5  # "just as sure"
    assert f["unsure_p"] < UNSURE * 100  # the page's warning shows


def test_strokes_question_layer_1_looks_at_the_ink_on_digit_0_and_nearly_every_digit():
    q = lesson.STROKES
    assert q.answer == "ink" and q.view == {"source": "heldout", "index": 0, "layer": 1, "head": "mean"}
    s = vitmodel.ink_share(data.heldout()[0][0])
    assert s["layers"][0] > 1.5 * s["fraction"]
    f = lesson.strokes_facts()
    assert f["all"] > 99 and f["n"] == data.N_TEST


def test_ink_patches_are_the_patches_with_dark_pixels():
    img = np.zeros((28, 28))
    img[5, 9] = 1.0  # row 5, column 9: patch row 1, patch column 2 -> patch 1 * 7 + 2
    ink = vitmodel.ink_patches(img, 4)
    assert ink.sum() == 1 and ink[9]


def test_layers_guide_layers_1_and_3_gather_the_strokes_and_layer_2_the_background():
    assert lesson.LAYERS.steps[1:] == ({"layer": 2}, {"layer": 3})
    f = lesson.layers_facts()
    assert f["l1"] > f["frac"] and f["l3"] > f["frac"] and f["l2"] < f["frac"]
    assert f["l2"] < 50  # "mostly on the background"
    assert f["a1"] > 95 and f["a3"] > 95 and f["a2"] < 50


def test_positions_guide_neighbours_in_the_row_and_the_corners_alike():
    assert lesson.POSITIONS.steps == ({"patch": 25}, {"patch": 4}, {"patch": 1})
    assert sorted(lesson.most_similar(25, 2)) == [24, 26]  # left and right of the centre
    assert sorted(lesson.most_similar(4, 2)) == [3, 5]
    assert sorted(lesson.most_similar(1, 3)) == [7, 43, 49]  # the other corners
    f = lesson.positions_facts()
    sim = vitmodel.position_similarity()
    assert f["corner_sim"] > np.median(sim)  # "alike": more than a typical pair
    ink = np.stack([vitmodel.ink_patches(img, 4) for img in data.heldout()[0]])
    assert not ink[:, [0, 6, 42, 48]].any()  # "corners are blank in every digit" (every held-out one)


def test_every_layer_and_head_grid_draws_in_both_languages_with_its_colour_bar():
    from tests.apptest import run_page

    for lang in ("en", "ko"):
        at = run_page("pages/25_vit.py", all_heads="true", lang=lang)
        assert not at.exception, [e.value for e in at.exception]


def test_a_digits_charts_are_the_blank_charts_refilled_exactly_as_building_them_would_draw_them():
    """The page draws each digit's charts as its blank ones with the digit's numbers (views.replaced): the same
    charts as the figures built for that digit, for the digit chosen and the ones either side of it, which the
    browser holds so that a step of the index shows them at once."""
    from figures import vit as fig
    from models.vit import Config
    from tests.apptest import numbers, run_page, views
    from ui import shell
    from ui import views as ui_views
    from ui.i18n import catalog

    index, layer, head = 22, 2, "3"
    at = run_page("pages/25_vit.py", index=str(index), layer=str(layer), head=head)
    assert not at.exception
    c = shell.config("vit", Config)
    en = catalog("en")
    t = lambda key, **v: en[f"vit{key}"].format(**v)  # noqa: E731
    weight, hover = t(".weight"), t(".weight") + ": %{z:.3f}"
    shape = dict(patch=c.patch, grid=c.grid, tokens=c.grid**2, layers=c.n_layers, heads=c.n_heads)
    title = t(".cls_attention", layer=layer, head=t(f".head_{head}"))
    keys = ("patches", "tokens", "prediction", "probs", "cls_attention", "rollout")
    for key in keys:
        held = views(at, key)
        assert [c["key"] for c in held["controls"]] == ["index"] and held["current"] == [str(index)]
        assert set(held["views"]) == {"21", "22", "23"}
    for i in (21, 22, 23):
        img = data.heldout()[0][i]
        out = vitmodel.predict(img)
        cls = out["attention"][layer - 1, int(head) - 1][0, 1:].reshape(c.grid, c.grid)
        built = {
            "patches": fig.patch_grid(img, c.patch, title=t(".input")),
            "tokens": fig.token_strip(vitmodel.patches(img), title=t(".tokens", **shape)),
            "probs": fig.class_probs(out["probs"], t(".digit"), t(".probability")),
            "cls_attention": fig.overlay(img, cls, title, weight, hover),
            "rollout": fig.overlay(img, out["rollout"][0, 1:].reshape(c.grid, c.grid), t(".rollout"), weight, hover),
        }
        for key, figure in built.items():
            drawn, anew = views(at, key)["views"][str(i)], ui_views.figure(figure)
            assert drawn["layout"] == anew["layout"], key
            for ours, theirs in zip(drawn["data"], anew["data"], strict=True):
                for field in ("x", "y", "z"):
                    if field in theirs:
                        np.testing.assert_allclose(numbers(ours.pop(field)), numbers(theirs.pop(field)), rtol=1e-6)
                assert ours == theirs, key
        p = out["probs"]
        heading = t(".prediction", digit=int(np.argmax(p)), p=p.max() * 100)
        assert views(at, "prediction")["views"][str(i)] == {"kind": "text", "text": heading, "role": "heading"}
    # the first digit has no digit before it
    first = run_page("pages/25_vit.py")
    assert set(views(first, "probs")["views"]) == {"0", "1"}
