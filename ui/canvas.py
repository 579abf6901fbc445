"""The drawing canvas: what the student draws, as the 28 × 28 image the models expect."""

from __future__ import annotations

import numpy as np
import streamlit as st

from models import data
from models.data import digits


def draw_digit(page, key: str) -> np.ndarray | None:
    """A canvas to draw on; returns the MNIST-style image, or None while it is blank."""
    try:
        from streamlit_drawable_canvas import st_canvas
    except Exception:  # the component cannot register outside a running server
        st.info(page.t("canvas.unavailable"))
        return None
    st.caption(page.t("canvas.hint"))
    result = st_canvas(
        stroke_width=digits.BRUSH,
        stroke_color="#FFFFFF",
        background_color="#000000",
        width=digits.CANVAS,
        height=digits.CANVAS,
        drawing_mode="freedraw",
        return_image_data=True,
        key=key,
    )
    rgba = result.image_data
    return None if rgba is None else digits.to_mnist(digits.ink(rgba))


def choose_digit(page, canvas_key: str, binarised: bool = False) -> np.ndarray | None:
    """The digit a page works on, 28 × 28: a held-out one (settings `source` and `index`) or one the student
    draws; binarised at the data's threshold for the binary-pixel models. None, after a prompt, while the
    canvas is blank."""
    source = page.widget(st.segmented_control, "source", format_func=lambda s: page.t(f".source_{s}"), required=True)
    if source == "heldout":
        return data.heldout(binarised=binarised)[0][page.widget(st.slider, "index")]
    drawn = draw_digit(page, canvas_key)
    if drawn is None:
        st.info(page.t(".blank"))
        return None
    return (drawn > data.THRESHOLD).astype(np.float32) if binarised else drawn


def held_digits(page, digit: np.ndarray, binarised: bool = False, source: str | None = None) -> dict[str, np.ndarray]:
    """The digits whose views the browser holds, by view name, for `digit` (what choose_digit returned): a
    held-out one and the ones either side of it (a step of the index slider then shows them in the frame it
    moves, before its run), by their index; or the one drawn, named "". Views of them follow `chosen(page)`.
    `source`: the page's, unless the page stands the held-out digit in for a blank canvas (stand_in)."""
    if (source or page["source"]) != "heldout":
        return {"": digit}
    index, images = page["index"], data.heldout(binarised=binarised)[0]
    return {str(i): images[i] for i in (index, index + 1, index - 1) if 0 <= i < len(images)}


def chosen(page, source: str | None = None) -> list:
    """The setting that chooses among held digits (ui/views.py shows the view it names): the index, or none
    for a drawn digit."""
    return [page.settings["index"]] if (source or page["source"]) == "heldout" else []


def shown(page, source: str | None = None) -> str:
    """The name of the digit shown among the held ones."""
    return str(page["index"]) if (source or page["source"]) == "heldout" else ""


def stand_in(page, digit: np.ndarray | None, binarised: bool = False) -> tuple[np.ndarray, str]:
    """The digit a page builds its views for, and the source it reads as: the one chosen, or, for a blank
    canvas, the held-out digit at the index, whose views the page then keeps in place, hidden (`hide`). Taken
    off the page, they were mounted again by a click back to the held-out digits: most of that click's time
    on the ViT's page (p95 about 195 ms, against 65 ms for a bare Streamlit slider; 139 ms hidden). The VAE's
    keeps its map for a blank canvas, so little is mounted again there: hidden gained nothing, and it does not."""
    if digit is not None:
        return digit, page["source"]
    return data.heldout(binarised=binarised)[0][page["index"]], "heldout"


def hide(*keys: str) -> None:
    """Hide the elements with these keys: a style in an element of its own, drawn where it is called (a style
    alone goes to the page's event container, outside the fragment that calls this). Called last in a fragment,
    it moves no element before it, and the fragment's next run that does not call it takes the style away."""
    rules = ", ".join(f".st-key-{key}" for key in keys)
    st.html(f"<style>{rules} {{ display: none !important; }}</style><span hidden></span>")
