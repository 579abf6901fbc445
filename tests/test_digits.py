import numpy as np

from models.data import digits


def test_blank_and_specks_are_none():
    assert digits.to_mnist(np.zeros((224, 224))) is None
    speck = np.zeros((224, 224))
    speck[100, 100] = 1.0
    assert digits.to_mnist(speck) is None


def disc(canvas: np.ndarray, y: float, x: float, width: float = digits.BRUSH) -> None:
    """Ink where the canvas's brush, pressed at (y, x), leaves it."""
    rows, cols = np.ogrid[: canvas.shape[0], : canvas.shape[1]]
    canvas[(rows - y) ** 2 + (cols - x) ** 2 <= (width / 2) ** 2] = 1.0


def test_a_click_or_two_of_the_brush_is_blank_and_the_shortest_stroke_is_a_drawing():
    side = digits.CANVAS
    click = np.zeros((side, side), np.float32)
    disc(click, 112, 112)
    disc(click, 112, 114.2)  # the e2e test's stray dot: a press and a move of 1 % of the canvas
    assert digits.to_mnist(click) is None
    clicks = np.zeros((side, side), np.float32)
    disc(clicks, 60, 60)
    disc(clicks, 150, 170)  # two clicks apart
    assert digits.to_mnist(clicks) is None
    one = np.zeros((side, side), np.float32)
    for y in range(90, 135):  # a "1" a fifth of the canvas tall, as small as anyone draws one
        disc(one, y, 112)
    assert digits.to_mnist(one) is not None


def test_drawing_is_scaled_to_20_pixels_and_centred():
    canvas = np.zeros((224, 224), dtype=np.float32)
    canvas[20:120, 150:170] = 1.0  # a tall bar off in a corner
    img = digits.to_mnist(canvas)
    assert img.shape == (28, 28)
    rows, cols = np.nonzero(img > 0.5)
    assert rows.max() - rows.min() + 1 in (19, 20, 21)
    cy = (img.sum(1) * np.arange(28)).sum() / img.sum()
    cx = (img.sum(0) * np.arange(28)).sum() / img.sum()
    assert abs(cy - 14) <= 1 and abs(cx - 14) <= 1


def test_ink_from_rgba_white_on_black():
    rgba = np.zeros((4, 4, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    rgba[1, 1, :3] = 255
    grey = digits.ink(rgba)
    assert grey[1, 1] == 1.0 and grey.sum() == 1.0
