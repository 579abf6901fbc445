"""The Vision Transformer: patches, rollout, and the shipped weights against their card."""

import numpy as np
import torch

from models import data, evaluate, hub, vit
from models.training.vit import augment


def test_patchify_reads_patches_in_reading_order():
    img = torch.arange(28 * 28, dtype=torch.float32).view(1, 28, 28)
    patches = vit.patchify(img, 4)
    assert patches.shape == (1, 49, 16)
    assert torch.equal(patches[0, 0].view(4, 4), img[0, :4, :4])
    assert torch.equal(patches[0, 8].view(4, 4), img[0, 4:8, 4:8])  # second row, second column


def test_forward_returns_every_layers_attention():
    model = vit.build(vit.Config()).eval()
    out = model(torch.rand(2, 28, 28))
    assert out.logits.shape == (2, 10)
    assert len(out.attention) == 4 and out.attention[0].shape == (2, 4, 50, 50)
    assert torch.allclose(out.attention[0].sum(-1), torch.ones(2, 4, 50), atol=1e-5)


def test_rollout_rows_are_distributions_and_identity_without_attention():
    eye = torch.eye(5).expand(1, 2, 5, 5)
    assert torch.allclose(vit.rollout((eye, eye)), torch.eye(5)[None])
    uniform = torch.full((1, 2, 5, 5), 0.2)
    rolled = vit.rollout((uniform, uniform, uniform))
    assert torch.allclose(rolled.sum(-1), torch.ones(1, 5))


def test_augmentation_keeps_ink_and_shape():
    x = torch.zeros(8, 28, 28)
    x[:, 10:18, 12:16] = 1
    y = augment(x, torch.Generator().manual_seed(0))
    assert y.shape == x.shape
    assert np.allclose(y.sum((1, 2)).numpy(), 32, rtol=0.15)


def test_shipped_weights_reproduce_their_card():
    assert evaluate.check("vit") == []


def test_card_meets_the_target():
    assert hub.read_card("vit")["metrics"]["test_accuracy"] >= 0.97


@torch.no_grad()
def test_card_accuracy_and_confusion_recomputed_from_the_logits():
    """From the shipped weights' logits on the digits shipped for the app, counted with NumPy alone."""
    model, card = hub.load("vit")
    images, labels = data.heldout()
    pred = model(torch.from_numpy(images)).logits.argmax(-1).numpy()
    confusion = np.bincount(10 * labels + pred, minlength=100).reshape(10, 10)
    assert card["metrics"]["test_accuracy"] == round(float(np.mean(pred == labels)), 4)
    assert card["metrics"]["test_confusion"] == confusion.tolist()
    # every held-out digit counted once, in the row of its label
    assert (confusion.sum(1) == np.bincount(labels, minlength=10)).all()
