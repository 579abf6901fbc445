"""Turn a digit drawn on a canvas into the 28 × 28 input the models were trained on.

MNIST's own recipe (LeCun et al., 1998): the digit's bounding box is scaled to fit
20 × 20 keeping its aspect ratio, then placed in a 28 × 28 frame so that its centre
of mass sits at the centre.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from models.data import SIDE

BOX = 20
# The canvas the student draws on (ui/canvas.py) and its brush's width, in pixels.
CANVAS, BRUSH = 224, 18
# A drawing with less ink than two clicks of the brush (two discs of its width) counts as blank: a stray click
# or two, which scaled to MNIST's 20 × 20 box would be a blob the models score as if it were a digit. The
# shortest stroke of a digit holds several times that. As a share of the canvas, so any size of it reads alike.
MIN_INK_FRACTION = 2 * np.pi * (BRUSH / 2) ** 2 / CANVAS**2


def ink(rgba: np.ndarray) -> np.ndarray:
    """Grey level in [0, 1] of a white-on-anything or dark-on-transparent RGBA drawing."""
    rgba = np.asarray(rgba, dtype=np.float32) / 255.0
    if rgba.ndim == 2:
        return rgba
    return rgba[..., 3] * rgba[..., :3].mean(-1) if rgba.shape[-1] == 4 else rgba[..., :3].mean(-1)


def to_mnist(grey: np.ndarray) -> np.ndarray | None:
    """MNIST-style 28 × 28 float image in [0, 1], or None when nothing is drawn."""
    grey = np.asarray(grey, dtype=np.float32)
    rows, cols = np.nonzero(grey > 0.05)
    if grey.sum() < MIN_INK_FRACTION * grey.size:
        return None
    crop = grey[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    scale = BOX / max(crop.shape)
    h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    small = F.interpolate(torch.from_numpy(crop)[None, None], size=(h, w), mode="bilinear", antialias=True)
    small = small[0, 0].clamp(0, 1).numpy()
    # centre of mass of the scaled digit -> centre of the frame
    cy = (small.sum(1) * np.arange(h)).sum() / small.sum()
    cx = (small.sum(0) * np.arange(w)).sum() / small.sum()
    top = int(np.clip(round(SIDE / 2 - cy), 0, SIDE - h))
    left = int(np.clip(round(SIDE / 2 - cx), 0, SIDE - w))
    out = np.zeros((SIDE, SIDE), dtype=np.float32)
    out[top : top + h, left : left + w] = small
    return out
