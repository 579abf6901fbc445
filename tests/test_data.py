import numpy as np

from models import data


def test_split_is_fixed_disjoint_and_complete():
    train, test = data.split_indices()
    assert len(train) == data.N_TRAIN and len(test) == data.N_TEST
    assert not set(train) & set(test)
    again_train, again_test = data.split_indices()
    assert (train == again_train).all() and (test == again_test).all()


def test_mnist_shapes_range_and_binarisation():
    x, y = data.mnist("train")
    assert x.shape == (4000, 28, 28) and y.shape == (4000,)
    assert x.min() >= 0.0 and x.max() <= 1.0 and x.max() > 0.9
    assert set(np.unique(y)) == set(range(10))
    xb, _ = data.mnist("test", binarised=True)
    assert xb.shape == (1000, 28, 28)
    assert set(np.unique(xb)) == {0.0, 1.0}


def test_shipped_heldout_digits_are_the_test_split():
    images, labels = data.heldout_digits()
    x, y = data.mnist("test")
    assert (images.astype(np.float32) / 255.0 == x).all()
    assert (labels == y).all()


def test_text_split_covers_the_documentation_in_order():
    train, test = data.corpus("train"), data.corpus("test")
    assert train + test == data.python_docs_text()
    assert abs(len(train) / (len(train) + len(test)) - 0.9) < 1e-3
    assert "def " in train


def test_the_shipped_documentation_text_is_what_the_models_were_trained_on():
    import json
    import platform

    text = data.python_docs_text()
    assert len(text) == 465_048  # Python 3.11.7's pydoc_data.topics, as the README and the cards say
    if platform.python_version() == "3.11.7":
        assert text == data.live_docs_text()
    card = json.loads((data.DOCS_FILE.parent / "bigram.json").read_text())
    assert card["environment"]["python"] == "3.11.7"  # the text comes from the Python the cards were made on
