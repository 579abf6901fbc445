"""Figures for the VAE: the latent map of held-out digits, with a marker and a posterior ellipse."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.common import PALETTE

DIGIT_COLORS = PALETTE  # one colour per digit 0–9
TICKS = 14  # px: readable on a projector


def cross(x: float, y: float, size: int = 8) -> list[dict]:
    """The chosen code as a black cross, `size` px from its centre to each end, as two line shapes anchored at
    (x, y). On the page the browser draws these over the chart at the z its sliders hold (ui.views' anchor)."""
    at = dict(type="line", xref="x", yref="y", xsizemode="pixel", ysizemode="pixel", xanchor=x, yanchor=y)
    return [dict(at, x0=-size, x1=size, y0=y0, y1=-y0, line=dict(color="black", width=3)) for y0 in (-size, size)]


def oval(mean, sd) -> dict:
    """Two standard deviations of q(z | x) around its mean, as a shape: a new digit changes only the layout."""
    (mx, my), (sx, sy) = (float(v) for v in mean), (float(v) for v in sd)
    return dict(
        type="circle", x0=mx - 2 * sx, x1=mx + 2 * sx, y0=my - 2 * sy, y1=my + 2 * sy, line=dict(color="black", width=2)
    )


def latent_map(
    codes: np.ndarray,
    labels: np.ndarray,
    names: list[str],
    legend_title: str,
    marker: tuple[float, float] | None = None,
    ellipse: tuple[np.ndarray, np.ndarray] | None = None,
    axis_titles: tuple[str, str] = ("z₁", "z₂"),
    height: int = 460,
):
    """Held-out digits at their codes, one colour per label (named in the legend and the hover by `names`);
    each point carries its index. The marker (a cross, the last two shapes) is the chosen code."""
    fig = go.Figure()
    for digit in range(10):
        idx = np.flatnonzero(labels == digit)
        fig.add_trace(
            go.Scatter(
                x=codes[idx, 0],
                y=codes[idx, 1],
                mode="markers",
                name=str(digit),
                customdata=idx,
                marker=dict(size=6, color=DIGIT_COLORS[digit], opacity=0.75),
                hovertemplate=f"{names[digit]} · #%{{customdata}}<br>z = (%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
            )
        )
    if ellipse is not None:
        fig.update_layout(shapes=(*fig.layout.shapes, oval(*ellipse)))
    if marker is not None:
        fig.update_layout(shapes=(*fig.layout.shapes, *cross(*marker)))
    fig.update_layout(
        xaxis_title=axis_titles[0],
        yaxis_title=axis_titles[1],
        height=height,
        # room for the ticks and the axis titles (left, below) and for the legend's two rows under them: the
        # margins Plotly's automargin settles on, asked for at once, so that it does not draw the chart again to
        # make that room (a 1,000-point map: 200-280 -> about 95 ms in Chromium)
        margin=dict(l=48, r=10, t=10, b=136),
        # under the axis title: about 100 px below the plot, whatever the figure's height
        legend=dict(orientation="h", yanchor="top", y=-100 / height, title=legend_title),
    )
    fig.update_xaxes(tickfont_size=TICKS)
    fig.update_yaxes(scaleanchor="x", tickfont_size=TICKS)
    return fig
