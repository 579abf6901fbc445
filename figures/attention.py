"""Figures for the Transformer pages: attention maps, vectors and matrices of real numbers, bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.sequence import label

MASKED = "#d9d9d9"


def tokens(chars: str) -> list[str]:
    """Axis categories for characters: 'index·char', so repeated characters stay apart."""
    return [f"{i + 1}·{label(c)}" for i, c in enumerate(chars)]


def attention_map(
    weights: np.ndarray,
    rows: list[str],
    cols: list[str],
    title: str,
    x_title: str,
    y_title: str,
    allowed: np.ndarray | None = None,
    height: int = 360,
):
    """weights (rows, cols) in [0, 1]; cells a mask forbids are left grey."""
    z = weights.astype(np.float32) if allowed is None else np.where(allowed, weights, np.nan)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            hoverongaps=False,
            hovertemplate="%{y} → %{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category", title=x_title, tickangle=0)
    fig.update_yaxes(type="category", title=y_title, autorange="reversed")
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=MASKED)
    return fig


def head_maps(
    maps: np.ndarray,
    rows: list[str],
    cols: list[str],
    titles: list[str],
    allowed: np.ndarray | None = None,
    height: int = 320,
):
    """Several attention maps (heads) side by side, one colour scale."""
    n = len(maps)
    fig = make_subplots(rows=1, cols=n, subplot_titles=titles, shared_yaxes=True, horizontal_spacing=0.02)
    for i, w in enumerate(maps):
        z = w if allowed is None else np.where(allowed, w, np.nan)
        fig.add_trace(
            go.Heatmap(
                z=z.astype(np.float32),
                x=cols,
                y=rows,
                zmin=0,
                zmax=1,
                colorscale="Blues",
                showscale=i == n - 1,
                hoverongaps=False,
                hovertemplate="%{y} → %{x}: %{z:.3f}<extra></extra>",
            ),
            1,
            i + 1,
        )
    fig.update_xaxes(type="category", showticklabels=len(cols) <= 12, tickangle=0)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=MASKED)
    return fig


def matrix(
    values: np.ndarray,
    rows: list[str],
    title: str,
    x_title: str,
    y_title: str = "",
    boundaries: list[float] | None = None,
    height: int = 300,
    show_values: bool = False,
):
    """Real numbers (rows, columns) on a diverging scale centred on 0; optional vertical lines between column groups."""
    m = float(np.abs(values).max()) or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=values.astype(np.float32),
            y=rows,
            zmin=-m,
            zmax=m,
            colorscale="RdBu_r",
            texttemplate="%{z:.2f}" if show_values else None,
            hovertemplate="%{y}, %{x}: %{z:.3f}<extra></extra>",
        )
    )
    for b in boundaries or []:
        fig.add_trace(
            go.Scatter(
                x=[b, b],
                y=[rows[0], rows[-1]],
                mode="lines",
                line=dict(color="#111", width=2),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_yaxes(type="category", autorange="reversed", title=y_title)
    fig.update_xaxes(title=x_title)
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def bars(
    labels: list[str],
    values: np.ndarray,
    title: str,
    y_title: str,
    highlight: int | None = None,
    y_range=None,
    height: int = 260,
):
    colors = ["#e45756" if i == highlight else "#4c78a8" for i in range(len(labels))]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=colors, hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=0)
    fig.update_yaxes(title=y_title, range=y_range)
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def encoding(pe: np.ndarray, title: str, x_title: str, y_title: str):
    """The positional encoding (positions, dimensions) as a picture."""
    fig = go.Figure(
        go.Heatmap(
            z=pe.astype(np.float32),
            zmin=-1,
            zmax=1,
            colorscale="RdBu_r",
            hovertemplate=f"{y_title} %{{y}}, {x_title} %{{x}}: %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_yaxes(title=y_title, autorange="reversed")
    fig.update_xaxes(title=x_title)
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def similarity(sim: np.ndarray, title: str, axis_title: str):
    fig = go.Figure(
        go.Heatmap(
            z=sim.astype(np.float32),
            zmin=-1,
            zmax=1,
            colorscale="RdBu_r",
            hovertemplate="%{y} · %{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_yaxes(title=axis_title, autorange="reversed", scaleanchor="x")
    fig.update_xaxes(title=axis_title, constrain="domain")
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig
