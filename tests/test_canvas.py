"""What the drawing canvas sends (ui/canvas.py): a PNG of its strokes, read as grey levels; anything else sent in
its place reads as no drawing (the page then prompts to draw), never as an error."""

import base64
import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from models.data import digits
from ui import canvas

SEVEN = [(56, 45), (168, 45), (101, 190)]  # A_SEVEN of the browser tests, in the canvas's pixels


def png(image: Image.Image, kind: str = "PNG") -> str:
    out = io.BytesIO()
    image.save(out, kind)
    return f"data:image/{kind.lower()};base64," + base64.b64encode(out.getvalue()).decode()


def a_seven(size: int = digits.CANVAS) -> Image.Image:
    """White strokes of the brush's width on black, as the canvas draws them."""
    image = Image.new("RGBA", (size, size), "black")
    ImageDraw.Draw(image).line(SEVEN, fill="white", width=digits.BRUSH, joint="curve")
    return image


def test_a_drawing_reads_as_its_grey_levels_and_becomes_a_digit():
    image = a_seven()
    grey = canvas.pixels(png(image))
    assert grey.shape == (digits.CANVAS, digits.CANVAS) and grey.dtype == np.float32
    np.testing.assert_allclose(grey, np.asarray(image.convert("L"), np.float32) / 255)
    assert grey.max() == 1.0 and grey.min() == 0.0
    mnist = digits.to_mnist(grey)
    assert mnist.shape == (28, 28) and mnist.max() > 0.9


BAD = {
    "none": None,
    "a number": 7,
    "a list": [1, 2, 3],
    "empty": "",
    "not a data URL": "<script>alert(1)</script>",
    "a PNG's prefix, no image": canvas.PNG,
    "not base64": canvas.PNG + "%%%",
    "base64, not a PNG": canvas.PNG + base64.b64encode(b"import os; os.system('x')").decode(),
    "a PNG cut short": png(a_seven())[:400],
    "too long": canvas.PNG + "A" * canvas.MAX_SENT,
}


@pytest.mark.parametrize("name", BAD)
def test_anything_else_reads_as_no_drawing(name):
    assert canvas.pixels(BAD[name]) is None


def test_another_image_kind_or_size_reads_as_no_drawing():
    assert canvas.pixels(png(a_seven().convert("RGB"), "JPEG").replace("image/jpeg", "image/png")) is None
    assert canvas.pixels(png(a_seven(digits.CANVAS + 1))) is None
    # a huge image whose PNG is small (one colour): refused from its header, before any pixel is decoded
    big = png(Image.new("L", (5000, 5000)))
    assert len(big) < canvas.MAX_SENT and canvas.pixels(big) is None
