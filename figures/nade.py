"""Figures for NADE: generation step by step, completions, and likelihoods."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.common import GREEN, GREYS, LIGHT_BLUE, ORANGE, PROB, RED, rule, tile
from models import data

SIDE = data.SIDE
TICKS = 14  # px: readable on a projector


def generation_maps(x: np.ndarray, p: np.ndarray, future: np.ndarray, step: int) -> list[np.ndarray]:
    """The three 28 × 28 maps of `generation` at one step: the pixels drawn so far, p(x_i | x_<i) when each was
    drawn, what may come (NaN where a map has nothing to show yet)."""
    drawn = np.arange(SIDE * SIDE) < step
    panels = [np.where(drawn, x, np.nan), np.where(drawn, p, np.nan), np.where(drawn, np.nan, future)]
    return [z.reshape(SIDE, SIDE) for z in panels]


def next_pixel_marks(step: int) -> list[dict]:
    """A red square around the pixel drawn next, on each of the three maps (none once every pixel is drawn)."""
    if step >= SIDE * SIDE:
        return []
    r, c = divmod(step, SIDE)
    box = dict(type="rect", x0=c - 0.5, x1=c + 0.5, y0=r - 0.5, y1=r + 0.5, line=dict(color=RED))
    return [dict(box, xref=f"x{col if col > 1 else ''}", yref=f"y{col if col > 1 else ''}") for col in (1, 2, 3)]


def generation(
    x: np.ndarray,
    p: np.ndarray,
    future: np.ndarray,
    step: int,
    titles: tuple[str, str, str],
    hover: str = "%{y}, %{x}: %{z:.3f}<extra></extra>",
    scale_title: str = "p",
):
    """Three 28 × 28 maps at one step: the pixels drawn so far, p(x_i | x_<i) when each was drawn, what may come.
    The two probability maps share one colour scale (its bar beside the last)."""
    fig = make_subplots(1, 3, subplot_titles=titles, horizontal_spacing=0.04)
    for col, z in enumerate(generation_maps(x, p, future, step), start=1):
        # the drawn pixels in grey; the two probability maps on one colour axis, its bar beside the last
        colour = dict(colorscale=GREYS, zmin=0, zmax=1, showscale=False) if col == 1 else dict(coloraxis="coloraxis")
        fig.add_trace(go.Heatmap(z=z, **colour, hoverongaps=False, hovertemplate=hover), 1, col)
    fig.update_layout(
        coloraxis=dict(colorscale=PROB, cmin=0, cmax=1, colorbar=dict(title=scale_title, tickfont_size=TICKS))
    )
    for mark in next_pixel_marks(step):
        fig.add_shape(mark)
    # fixed ranges: the maps keep their 28 × 28 frame even where they are still empty
    fig.update_yaxes(range=[SIDE - 0.5, -0.5], visible=False, scaleanchor="x")
    fig.update_xaxes(range=[-0.5, SIDE - 0.5], visible=False, constrain="domain")
    for i in (2, 3):
        fig.update_yaxes(scaleanchor=f"x{i}", row=1, col=i)
    fig.update_layout(height=300, margin=dict(l=0, r=0, t=30, b=0), plot_bgcolor="#eeeeee")
    return fig


def completions(kept: np.ndarray, samples: np.ndarray, rows: int):
    """The kept top rows, then each completion, with a line where the model took over."""
    images = np.concatenate([kept[None], samples]).reshape(-1, SIDE, SIDE)
    fig = go.Figure(
        go.Heatmap(
            z=tile(images, cols=len(images)), colorscale=GREYS, zmin=0, zmax=1, showscale=False, hoverinfo="skip"
        )
    )
    rule(fig, y=rows - 0.5, color=RED, dash="dot")
    fig.update_yaxes(autorange="reversed", visible=False, scaleanchor="x")
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_layout(height=220, margin=dict(l=0, r=0, t=0, b=0))
    return fig


def nll_histogram(nlls: np.ndarray, markers: dict[str, float], x_title: str, y_title: str):
    """Held-out digits' negative log-likelihoods, with vertical lines for the values in markers."""
    fig = go.Figure(go.Histogram(x=nlls, nbinsx=40, marker_color=LIGHT_BLUE, hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_xaxes(tickfont_size=TICKS)
    fig.update_yaxes(tickfont_size=TICKS)
    colors = [RED, ORANGE, GREEN]
    for (label, value), color in zip(markers.items(), colors, strict=False):
        rule(fig, x=value, label=label, color=color, width=3)
    fig.update_layout(xaxis_title=x_title, yaxis_title=y_title, height=300, margin=dict(t=30, b=10), showlegend=False)
    return fig
