"""Figure builders, built from tiny inputs."""

import numpy as np
import pytest

from figures import common, distributions, nade


def test_tile_lays_images_out_with_gaps():
    out = common.tile(np.ones((3, 2, 2)), cols=2, gap=1)
    assert out.shape == (5, 5)
    assert np.isnan(out[2]).all() and np.isnan(out[:, 2]).all()
    assert np.nansum(out) == 12


def test_image_grid_is_one_heatmap():
    fig = common.image_grid(np.zeros((5, 28, 28)), cols=5, title="t")
    assert len(fig.data) == 1 and fig.data[0].type == "heatmap"
    assert tuple(fig.layout.yaxis.range) == (27.5, -0.5)  # row 0 at the top


def test_outcome_bars_carry_probabilities_and_frequencies():
    fig = distributions.outcome_bars(["0", "1"], np.array([0.7, 0.3]), np.array([0.6, 0.4]), ("p", "f"), "")
    assert [tr.name for tr in fig.data] == ["p", "f"]
    assert list(fig.data[1].y) == [0.6, 0.4]


def test_param_growth_has_a_line_per_model():
    n = np.arange(1, 5)
    fig = distributions.param_growth(n, {"a": n * 1.0, "b": n * 2.0}, "x", "y", marker=3)
    assert [tr.name for tr in fig.data] == ["a", "b"]


def test_joint_table_shows_values():
    fig = distributions.joint_table(np.array([[0.1, 0.2], [0.3, 0.4]]), ["x0", "x1"], ["y0", "y1"], "t")
    assert fig.data[0].z.shape == (2, 2) and list(fig.data[0].y) == ["x0", "x1"]


def test_generation_masks_what_is_not_drawn_yet():
    x, p, future = np.ones(784), np.full(784, 0.5), np.full(784, 0.2)
    fig = nade.generation(x, p, future, step=100, titles=("a", "b", "c"))
    drawn, probs, rest = (np.asarray(tr.z).reshape(-1) for tr in fig.data)
    assert np.isfinite(drawn[:100]).all() and np.isnan(drawn[100:]).all()
    assert np.isnan(rest[:100]).all() and np.allclose(rest[100:], 0.2)
    assert len(fig.layout.shapes) == 3  # the current pixel, marked on each map


def test_completions_and_histogram():
    fig = nade.completions(np.zeros(784), np.ones((6, 784)), rows=14)
    assert np.asarray(fig.data[0].z).shape[1] == 7 * 28 + 6 * 2
    hist = nade.nll_histogram(np.arange(10.0), {"this": 3.0, "other": 5.0}, "x", "y")
    assert len(hist.layout.shapes) == 2


def test_mle_figures():
    from figures import mle as fig

    values = np.arange(4)
    dist = fig.distributions(values, np.full(4, 0.25), np.array([0.5, 0, 0.5, 0]), np.full(4, 0.25), ("a", "b", "c"))
    assert [tr.type for tr in dist.data] == ["bar", "bar", "scatter"]
    curves = fig.curves(values, {"train": values * 1.0, "test": values * 2.0}, ("H", 1.5), "x", "y", marker=2)
    assert len(curves.data) == 2 and len(curves.layout.shapes) == 2  # entropy floor and marker
    kl = fig.kl_fits(np.arange(3.0), np.ones(3), {"f": np.ones(3), "r": np.zeros(3)}, "p")
    assert [tr.name for tr in kl.data] == ["p", "f", "r"]


def test_latent_map_has_a_trace_per_digit_with_indices():
    from figures import vae as fig

    codes = np.random.default_rng(0).normal(size=(30, 2))
    labels = np.arange(30) % 10
    out = fig.latent_map(codes, labels, marker=(0.5, 0.5), ellipse=(np.zeros(2), np.ones(2)))
    assert len(out.data) == 11  # ten digits and the marker
    assert sorted(np.concatenate([tr.customdata for tr in out.data[:10]]).tolist()) == list(range(30))
    assert out.layout.shapes[0].x1 == 2.0  # the ellipse reaches two standard deviations


def test_vit_figures():
    from figures import vit as fig

    img = np.zeros((28, 28))
    grid = fig.patch_grid(img, 4)
    lines, numbers = grid.data[1], grid.data[2]
    assert sum(v is None for v in lines.x) == 2 * 6  # six inner edges each way
    assert list(numbers.text[:2]) == ["1", "2"] and len(numbers.text) == 49
    assert np.asarray(fig.token_strip(np.ones((49, 4, 4))).data[0].z).shape == (2 * 5 - 1, 25 * 5 - 1)
    bars = fig.class_probs(np.eye(10)[3], "d", "p")
    assert bars.data[0].marker.color[3] != bars.data[0].marker.color[0]  # the predicted class stands out
    over = fig.overlay(img, np.arange(49.0).reshape(7, 7))
    assert np.asarray(over.data[1].z).shape == (28, 28) and over.data[1].z[27][27] == 48
    heads = fig.head_grid(np.ones((2, 3, 7, 7)), ["a", "b"], ["x", "y", "z"])
    assert len(heads.data) == 1 and np.asarray(heads.data[0].z).shape == (2 * 8 - 1, 3 * 8 - 1)
    assert len(heads.layout.annotations) == 2 + 3
    assert np.asarray(fig.similarity(np.eye(49), "t", "p").data[0].z).shape == (49, 49)
    assert np.asarray(fig.confusion(np.eye(10, dtype=int) * 100, "p", "t").data[0].z).trace() == 1000


def test_painted_text_escapes_html_and_colours_each_character():
    from figures.sequence import painted

    html = painted("<b>\n", np.array([1.0, -1.0, 0.0, 0.5]), -1.0, 1.0)
    assert "<b>" not in html.replace("<br>", "") and "&lt;" in html and "&gt;" in html
    assert html.count("<span") == 4
    assert "rgba(228,87,86,1.00)" in html and "rgba(76,120,168,1.00)" in html


def test_sequence_labels_make_invisible_characters_visible():
    from figures.sequence import label, positions

    assert [label(c) for c in " \n\t\x07a"] == ["␣", "↵", "⇥", "U+0007", "a"]
    assert positions("aa") == ["1·a", "2·a"]


def test_next_char_figure_shows_bits_saved():
    from figures.sequence import next_char

    probs = {"bigram": np.array([0.5, 0.25]), "lstm": np.array([0.5, 1.0])}
    fig = next_char("abc", probs, {"bigram": "b", "lstm": "l"}, "p", "bits", "saved")
    saved = fig.data[-1].y
    assert list(saved) == pytest.approx([0.0, 2.0])


def test_attention_map_leaves_masked_cells_empty():
    from figures.attention import attention_map

    w = np.full((3, 3), 1 / 3)
    fig = attention_map(w, ["a", "b", "c"], ["a", "b", "c"], "t", "x", "y", allowed=np.tri(3, dtype=bool))
    z = np.array(fig.data[0].z, dtype=float)
    assert np.isnan(z[0, 1]) and np.isnan(z[1, 2]) and z[2, 0] == pytest.approx(1 / 3)


def test_gradient_norms_plot_distance_backwards():
    from figures.sequence import gradient_norms

    fig = gradient_norms({"rnn": np.array([1e-3, 1e-1, 1.0])}, {"rnn": "RNN"}, "d", "g")
    assert list(fig.data[0].x) == [2, 1, 0]
    assert fig.layout.yaxis.type == "log"
