"""The drawing canvas: what the student draws, as the 28 × 28 image the models expect."""

from __future__ import annotations

import numpy as np
import streamlit as st

from models import digits


def draw_digit(ui, key: str) -> np.ndarray | None:
    """A canvas to draw on; returns the MNIST-style image, or None while it is blank."""
    try:
        from streamlit_drawable_canvas import st_canvas
    except Exception:  # the component cannot register outside a running server
        st.info(ui.t("canvas.unavailable"))
        return None
    st.caption(ui.t("canvas.hint"))
    result = st_canvas(
        stroke_width=18,
        stroke_color="#FFFFFF",
        background_color="#000000",
        width=224,
        height=224,
        drawing_mode="freedraw",
        return_image_data=True,
        key=key,
    )
    rgba = result.image_data
    return None if rgba is None else digits.to_mnist(digits.ink(rgba))
