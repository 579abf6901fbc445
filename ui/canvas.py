"""The drawing canvas: what the student draws, as the 28 × 28 image the models expect."""

from __future__ import annotations

import base64
import io

import numpy as np
import streamlit as st
from PIL import Image

from models import data
from models.data import digits

# The canvas: an element of the page (Components v2: no iframe, no library), white strokes of the brush's width
# on black, at the size the digits' code reads (models/data/digits.py). A stroke ends when the pen lifts: then the
# element sends the drawing, as a PNG, and the page runs with it. Undo takes back the last stroke, Clear all of
# them (a blank drawing is sent as none). It replaced streamlit-drawable-canvas, whose 413 KB of code (Fabric.js)
# the browser evaluated on every page that drew a canvas: 100-200 ms of the VAE's opening, the canvas in a section
# out of sight.
HTML = """<div class="digit-canvas"><canvas></canvas><div class="digit-canvas-tools">
<button type="button" data-act="undo"></button><button type="button" data-act="clear"></button></div></div>"""
CSS = """
.digit-canvas { display: inline-flex; flex-direction: column; gap: 0.4rem; }
.digit-canvas canvas { touch-action: none; cursor: crosshair; border-radius: 0.5rem; background: #000;
  border: 1px solid rgba(128, 128, 128, 0.4); }
.digit-canvas-tools { display: flex; gap: 0.5rem; }
.digit-canvas-tools button { font: inherit; font-size: 0.875rem; color: inherit; background: transparent;
  border: 1px solid rgba(128, 128, 128, 0.4); border-radius: 0.5rem; padding: 0.25rem 0.75rem; cursor: pointer; }
.digit-canvas-tools button:disabled { opacity: 0.4; cursor: default; }
"""
JS = """
// The strokes live in the element (kept while the page runs again around it); each is a list of points in the
// canvas's pixels. Drawn again from them after an undo.
function paint(d) {
  const g = d.canvas.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, d.canvas.width, d.canvas.height);
  g.strokeStyle = '#fff';
  g.fillStyle = '#fff';
  g.lineWidth = d.brush;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const stroke of d.strokes) {
    g.beginPath();
    g.moveTo(stroke[0][0], stroke[0][1]);
    for (const [x, y] of stroke.slice(1)) g.lineTo(x, y);
    if (stroke.length === 1) g.lineTo(stroke[0][0] + 0.01, stroke[0][1]);  // a dot: the brush's disc
    g.stroke();
  }
  d.undo.disabled = d.clear.disabled = d.strokes.length === 0;
}

function send(d) {
  d.set('drawing', d.strokes.length ? d.canvas.toDataURL('image/png') : null);
}

function at(d, e) {
  const box = d.canvas.getBoundingClientRect();
  return [(e.clientX - box.left) * d.canvas.width / box.width, (e.clientY - box.top) * d.canvas.height / box.height];
}

export default function ({ data, parentElement, setStateValue }) {
  const root = parentElement.querySelector('.digit-canvas');
  const d = root.__digit || (root.__digit = {strokes: [], canvas: root.querySelector('canvas')});
  d.set = setStateValue;
  d.brush = data.brush;
  d.undo = root.querySelector('[data-act=undo]');
  d.clear = root.querySelector('[data-act=clear]');
  d.undo.textContent = data.undo;
  d.clear.textContent = data.clear;
  d.canvas.setAttribute('aria-label', data.label);
  d.canvas.setAttribute('role', 'img');
  if (d.canvas.width !== data.size) {
    d.canvas.width = d.canvas.height = data.size;
    d.canvas.style.width = d.canvas.style.height = `${data.size}px`;
  }
  if (!d.bound) {
    d.bound = true;
    d.canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      e.preventDefault();
      d.canvas.setPointerCapture(e.pointerId);
      d.pen = [at(d, e)];
      d.strokes.push(d.pen);
      paint(d);
    });
    d.canvas.addEventListener('pointermove', (e) => {
      if (!d.pen) return;
      d.pen.push(at(d, e));
      paint(d);
    });
    const lift = () => {
      if (!d.pen) return;
      d.pen = null;
      send(d);
    };
    d.canvas.addEventListener('pointerup', lift);
    d.canvas.addEventListener('pointercancel', lift);
    d.undo.addEventListener('click', () => { d.strokes.pop(); paint(d); send(d); });
    d.clear.addEventListener('click', () => { d.strokes = []; paint(d); send(d); });
  }
  paint(d);
}
"""
_canvas = st.components.v2.component("seqgen_canvas", html=HTML, css=CSS, js=JS, isolate_styles=False)
PNG = "data:image/png;base64,"
MAX_SENT = 400_000  # characters: a 224 × 224 PNG of strokes is a few KB; anything this long is not one


def pixels(sent) -> np.ndarray | None:
    """The grey levels of a drawing the canvas sent (a PNG as a data URL), CANVAS × CANVAS in [0, 1]; None for
    none, or for anything else sent in its place (not a PNG, another size, too long to be a drawing)."""
    if not isinstance(sent, str) or not sent.startswith(PNG) or len(sent) > MAX_SENT:
        return None
    try:
        image = Image.open(io.BytesIO(base64.b64decode(sent[len(PNG) :], validate=True)), formats=["PNG"])
        if image.size != (digits.CANVAS, digits.CANVAS):  # read from the header, before any pixel is decoded
            return None
        return digits.ink(np.asarray(image.convert("L")))
    except (ValueError, OSError, Image.DecompressionBombError):
        return None


def draw_digit(page, key: str, hint: bool = True) -> np.ndarray | None:
    """A canvas to draw on; returns the MNIST-style image, or None while it is blank. `hint`: how to draw, in a
    caption above it (a page that says it elsewhere leaves it out)."""
    if hint:
        st.caption(page.t("canvas.hint"))
    labels = {name: page.t(f"canvas.{name}") for name in ("undo", "clear", "label")}
    result = _canvas(
        key=key,
        data={"size": digits.CANVAS, "brush": digits.BRUSH, **labels},
        default={"drawing": None},
        on_drawing_change=lambda: None,
        width="content",
    )
    grey = pixels(result.get("drawing"))
    return None if grey is None else digits.to_mnist(grey)


def choose_digit(page, canvas_key: str, binarised: bool = False) -> np.ndarray | None:
    """The digit a page works on, 28 × 28: a held-out one (settings `source` and `index`) or one the student
    draws; binarised at the data's threshold for the binary-pixel models. None, after a prompt, while the
    canvas is blank."""
    source = page.widget(st.segmented_control, "source", format_func=lambda s: page.t(f".source_{s}"), required=True)
    if source == "heldout":
        return data.heldout(binarised=binarised)[0][page.widget(st.slider, "index")]
    return drawn_digit(page, canvas_key, binarised)


def drawn_digit(page, canvas_key: str, binarised: bool = False, hint: bool = True) -> np.ndarray | None:
    """The digit the student draws on a canvas, 28 × 28 (binarised as choose_digit says); None, after a prompt,
    while the canvas is blank."""
    drawn = draw_digit(page, canvas_key, hint)
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
    page draws both sources' sections instead (ui/sections.py), and switches them in the browser."""
    if digit is not None:
        return digit, page["source"]
    return data.heldout(binarised=binarised)[0][page["index"]], "heldout"


def hide(*keys: str) -> None:
    """Hide the elements with these keys: a style in an element of its own, drawn where it is called (a style
    alone goes to the page's event container, outside the fragment that calls this). Called last in a fragment,
    it moves no element before it, and the fragment's next run that does not call it takes the style away."""
    rules = ", ".join(f".st-key-{key}" for key in keys)
    st.html(f"<style>{rules} {{ display: none !important; }}</style><span hidden></span>")
