"""Helpers to run a page with streamlit.testing and read everything it shows."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def run_page(file: str, **query) -> AppTest:
    """Run one page of the app (as Streamlit would: with app.py as the entry point) with a query string."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if file != "app.py":
        at.switch_page(file)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def all_text(at: AppTest, skip: tuple[str, ...] = ()) -> str:
    """Every element's content, as the text of its protobuf message, leaving out element types in skip."""
    parts = []

    def walk(node):
        if getattr(node, "type", None) in skip:
            return
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def views_element(at: AppTest, key: str):
    """The proto of the views element (ui/views.py) mounted under `key`, as Streamlit sends it."""
    for el in at.get("bidi_component"):
        if el.proto.id.endswith(f"-{key}_views"):
            return el.proto
    raise LookupError(f"no views element {key}")


def views(at: AppTest, key: str) -> dict:
    """What a views element (ui/views.py, mounted under `key`) gave the browser: its controls, the values of
    this run and every view."""
    return json.loads(views_element(at, key).bytes)  # ui.views.show hands its data over as JSON bytes


def fitted(at: AppTest, key: str) -> dict:
    """What an element of a view the browser computes (ui/computed.py: the MLE fit, the parameter counts),
    mounted under `key`, gave the browser."""
    for el in at.get("bidi_component"):
        if el.proto.id.endswith(f"-{key}_computed"):
            return json.loads(el.proto.bytes)
    raise LookupError(f"no computed element {key}")


def chart(at: AppTest, key: str) -> dict:
    """The Plotly figure (data and layout) a chart drawn with ui.views.chart under `key` gave the browser."""
    return views(at, key)["views"][""]


def numbers(values) -> np.ndarray:
    """A chart's array as numbers, as Plotly sends it: a (nested) list with None for gaps, or a typed array
    (base64 bytes, a dtype and, for a 2-D one, a shape)."""
    if isinstance(values, dict):
        shape = [int(n) for n in str(values.get("shape", "")).split(",") if n.strip()]
        flat = np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).astype(np.float64)
        return flat.reshape(shape) if shape else flat
    return np.array(values, dtype=np.float64)  # None becomes nan
