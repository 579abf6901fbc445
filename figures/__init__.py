"""Figure builders: arrays in, a Plotly figure out. They never call Streamlit.

Every figure built after this package is imported lets its tick labels run past the chart's box rather
than hiding those that would: Plotly's default for a numeric axis ("hide past div") measures the box of
every tick label on every draw, and in Chromium that was a third to two thirds of the drawing time of this
app's charts (the gates page's conveyor belt 110 → 55 ms, a unit's trace 40 → 18 ms). Automargin keeps
the labels inside the figure anyway. The setting is a template layered on the default one: Streamlit's,
which Streamlit sets when its Plotly element is first imported, so that is imported here first (and only
imported: nothing here calls Streamlit).
"""

import plotly.graph_objects as go
import plotly.io as pio
import streamlit.elements.plotly_chart  # noqa: F401  (sets Streamlit's template as the default, once)

LABELS = "labels_allowed"
pio.templates[LABELS] = go.layout.Template(
    layout={"xaxis": {"ticklabeloverflow": "allow"}, "yaxis": {"ticklabeloverflow": "allow"}}
)
if LABELS not in pio.templates.default.split("+"):
    pio.templates.default = f"{pio.templates.default}+{LABELS}"
