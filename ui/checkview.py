"""The verdict of a live check against PyTorch, shared by the 'from scratch' pages."""

from __future__ import annotations

import streamlit as st

TOLERANCE = {"float32": 1e-5, "float64": 1e-10}  # rounding of a few hundred operations in each precision


def verdict(ui, diffs: dict[str, float], dtype: str, **values) -> None:
    """A table of the largest differences, then 'same numbers' or 'they differ' against the precision's tolerance."""
    rows = [{ui.t(".quantity"): ui.t(f".diff_{k}"), ui.t(".max_diff"): f"{v:.2e}"} for k, v in diffs.items()]
    # a few fixed rows: a static table, drawn with the rest of the run (a data grid paints its cells later)
    st.table(rows, hide_index=True, border="horizontal")
    worst, tolerance = max(diffs.values()), TOLERANCE[dtype]
    if worst <= tolerance:
        st.success(ui.t(".same", worst=worst, tolerance=tolerance, **values), icon=":material/check_circle:")
    else:
        st.error(ui.t(".differ", worst=worst, tolerance=tolerance), icon=":material/error:")
