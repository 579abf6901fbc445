"""Character models, n-gram baselines and the memory task: contracts, and the shipped weights against their cards."""

import math
import random

import pytest
import torch

from models import charlm, evaluate, hub, memory, ngram
from models.data import text
from models.training import memory as memory_recipe

CHAR_MODELS = ["char_rnn", "char_lstm", "char_gru"]
MEMORY_MODELS = ["memory_rnn", "memory_lstm", "memory_gru", "memory_rnn_curriculum"]


def test_ngram_probabilities_sum_to_one_for_any_history():
    counts = ngram.NGramCounts("abracadabra cadabra", 3)
    for history in ("", "a", "ab", "zz", "ra"):
        total = sum(counts.prob(history, c) for c in counts.vocab) + counts.prob(history, "\x01")
        assert total == pytest.approx(1.0, abs=1e-9), history


def test_bigram_table_rows_are_distributions():
    model, _ = hub.load("bigram")
    assert torch.allclose(model.log_p.exp().sum(1), torch.ones(len(model.config.chars)), atol=1e-5)


def test_encoding_maps_unknown_characters_to_zero_and_lists_them():
    chars = text.training_chars()
    ids = text.encode("a한🙂", chars)
    assert ids[0] > 0 and ids[1] == 0 and ids[2] == 0
    assert text.unknown("a한🙂한", chars) == ["한", "🙂"]


def test_text_features_follow_quotes_brackets_lines_and_words():
    f = charlm.text_features('x "(a)" y\nz')
    assert f["inside_quotes"].tolist()[:8] == [0, 0, 1, 1, 1, 1, 0, 0]  # the closing quote is read: outside
    assert f["bracket_depth"].tolist()[:8] == [0, 0, 0, 1, 1, 0, 0, 0]
    assert f["position_in_line"].tolist()[-2:] == [0, 1]
    assert f["inside_word"].tolist()[:2] == [1, 0]


def test_sampling_is_deterministic_given_a_seed():
    model, _ = hub.load("char_lstm")
    prompt = text.encode("The ", model.config.chars)
    a = charlm.sample(model, prompt, 30, 0.8, seed=3)
    assert a == charlm.sample(model, prompt, 30, 0.8, seed=3)
    assert a != charlm.sample(model, prompt, 30, 0.8, seed=4)
    assert 0 not in a


def test_state_is_carried_across_calls():
    model, _ = hub.load("char_gru")
    ids = text.encode("def f(x): return x", model.config.chars)[None]
    whole = model(ids).logits
    first = model(ids[:, :7])
    second = model(ids[:, 7:], first.state).logits
    assert torch.allclose(whole[:, 7:], second, atol=1e-5)


@pytest.mark.parametrize("name", ["bigram", *CHAR_MODELS, *MEMORY_MODELS])
def test_shipped_weights_reproduce_their_card(name):
    assert evaluate.check(name) == []


def test_lstm_meets_its_targets_against_the_baselines():
    m = hub.read_card("char_lstm")["metrics"]
    assert m["test_bpc"] <= 0.5 * m["bigram_test_bpc"]
    assert m["test_bpc"] < m["best_ngram_test_bpc"]
    assert set(m["readable_units"]) == set(charlm.FEATURES)


def test_similar_sizes_for_the_three_recurrent_models():
    sizes = [hub.read_card(n)["n_params"] for n in CHAR_MODELS]
    assert max(sizes) < 1.1 * min(sizes)


def test_gated_models_remember_where_the_rnn_is_at_chance():
    chance = 1 / len(memory.SYMBOLS)
    for name in ("memory_lstm", "memory_gru"):
        assert min(hub.read_card(name)["metrics"]["test_accuracy_by_T"].values()) >= 0.99, name
    rnn = hub.read_card("memory_rnn")["metrics"]["test_accuracy_by_T"]
    assert all(abs(acc - chance) < 0.05 for T, acc in rnn.items() if int(T) >= 50)


def recall_task(n: int, T: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n fresh sequences 'first symbol, T distractors, ?' written out as text, and the first symbol of each."""
    r = random.Random(seed)
    texts = [[r.choice(memory.SYMBOLS) for _ in range(T + 1)] for _ in range(n)]
    ids = torch.tensor([[memory.ALPHABET.index(c) for c in [*t, memory.QUERY]] for t in texts])
    return ids, torch.tensor([memory.SYMBOLS.index(t[0]) for t in texts])


def test_the_curriculum_starts_with_short_distances_and_the_plain_recipe_does_not():
    steps = memory_recipe.RECIPE["steps"]
    early = [memory_recipe.longest_T("memory_rnn_curriculum", s, steps) for s in range(steps // 10)]
    assert max(early) <= 25
    assert memory_recipe.longest_T("memory_rnn_curriculum", steps // 2, steps) == memory.TRAIN_MAX_T
    assert memory_recipe.longest_T("memory_rnn", 0, steps) == memory.TRAIN_MAX_T


@torch.no_grad()
def test_an_rnn_taught_short_distances_first_does_learn_to_remember():
    """The same RNN, trained with and without the curriculum, on fresh sequences longer than any it trained on."""
    taught, taught_card = hub.load("memory_rnn_curriculum")
    plain, plain_card = hub.load("memory_rnn")
    assert taught_card["config"] == plain_card["config"]
    x, y = recall_task(500, 150, seed=7)
    assert (taught(x).logits.argmax(-1) == y).float().mean() >= 0.99
    assert (plain(x).logits.argmax(-1) == y).float().mean() < 0.3  # chance is 1/8


def test_bits_per_char_helper():
    assert text.bits_per_char(math.log(2)) == pytest.approx(1.0)


def test_exploding_gradients_stay_finite_on_the_page():
    import numpy as np

    from ui import seqmodels

    norms = seqmodels.gradient_norms("rnn", "x" * text.MAX_CHARS, 3.0)  # explodes past float32's range
    assert np.isfinite(norms).all() and norms.max() > 1e38
