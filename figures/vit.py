"""Figures for the Vision Transformer: the image as patches, class probabilities, attention over the image."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.common import GREYS, image, tile

SIDE = 28


def patch_grid(img: np.ndarray, patch: int, title: str = ""):
    """The input with its patch boundaries and each patch's token number."""
    fig = image(img, title=title, height=320)
    g = SIDE // patch
    for i in range(1, g):
        edge = i * patch - 0.5
        fig.add_shape(type="line", x0=edge, x1=edge, y0=-0.5, y1=SIDE - 0.5, line=dict(color="#e45756", width=1))
        fig.add_shape(type="line", y0=edge, y1=edge, x0=-0.5, x1=SIDE - 0.5, line=dict(color="#e45756", width=1))
    for n in range(g * g):
        r, c = divmod(n, g)
        fig.add_annotation(
            x=c * patch + 0.3, y=r * patch + 0.6, text=str(n + 1), showarrow=False, font=dict(size=9, color="#e45756")
        )
    return fig


def token_strip(patches: np.ndarray, title: str = "", per_row: int = 25):
    """The patches laid out in rows, in the order the encoder reads them."""
    return image(tile(patches, cols=min(per_row, len(patches)), gap=1), title=title, height=150)


def class_probs(probs: np.ndarray, x_title: str, y_title: str):
    colors = ["#e45756" if i == int(np.argmax(probs)) else "#4c78a8" for i in range(len(probs))]
    fig = go.Figure(go.Bar(x=[str(i) for i in range(len(probs))], y=probs, marker_color=colors))
    fig.update_layout(
        xaxis=dict(title=x_title, type="category"),
        yaxis=dict(title=y_title, range=[0, 1]),
        height=300,
        margin=dict(t=10, b=10),
    )
    return fig


def _upsample(grid_values: np.ndarray) -> np.ndarray:
    g = grid_values.shape[-1]
    return np.kron(grid_values, np.ones((SIDE // g, SIDE // g)))


def overlay(img: np.ndarray, attention: np.ndarray, title: str = "", height: int = 320):
    """Attention over the patch grid (g × g), laid over the digit."""
    fig = image(img, title=title, height=height)
    fig.add_trace(
        go.Heatmap(
            z=_upsample(attention),
            colorscale="Inferno",
            opacity=0.6,
            zmin=0,
            showscale=False,
            hovertemplate="row %{y}, column %{x}: %{z:.3f}<extra></extra>",
        )
    )
    return fig


def head_grid(img: np.ndarray, maps: np.ndarray, row_titles: list[str], col_titles: list[str]):
    """Every layer (rows) and head (columns): the class token's attention over the patches."""
    n_rows, n_cols = maps.shape[:2]
    fig = make_subplots(
        n_rows, n_cols, row_titles=row_titles, column_titles=col_titles, horizontal_spacing=0.01, vertical_spacing=0.02
    )
    for r in range(n_rows):
        for c in range(n_cols):
            fig.add_trace(
                go.Heatmap(z=img, colorscale=GREYS, zmin=0, zmax=1, showscale=False, hoverinfo="skip"), r + 1, c + 1
            )
            z = _upsample(maps[r, c])
            fig.add_trace(
                go.Heatmap(
                    z=z,
                    colorscale="Inferno",
                    opacity=0.6,
                    zmin=0,
                    zmax=float(z.max()),
                    showscale=False,
                    hoverinfo="skip",
                ),
                r + 1,
                c + 1,
            )
    fig.update_yaxes(range=[SIDE - 0.5, -0.5], visible=False, scaleanchor="x")
    fig.update_xaxes(range=[-0.5, SIDE - 0.5], visible=False, constrain="domain")
    fig.update_layout(height=140 * n_rows + 40, margin=dict(l=0, r=30, t=30, b=0))
    return fig


def similarity(matrix: np.ndarray, title: str, axis_title: str):
    """Cosine similarity between every pair of learned position embeddings (patches only)."""
    n = len(matrix)
    ticks = [str(i + 1) for i in range(n)]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=ticks,
            y=ticks,
            colorscale="RdBu",
            zmid=0,
            hovertemplate="patch %{y} · patch %{x}: %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=axis_title)
    fig.update_xaxes(title=axis_title)
    fig.update_layout(title=title, height=420, margin=dict(t=40, b=10))
    return fig


def confusion(matrix: np.ndarray, x_title: str, y_title: str):
    """Held-out counts: true digit (rows) against predicted digit (columns)."""
    labels = [str(i) for i in range(len(matrix))]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            text=matrix,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=y_title, type="category")
    fig.update_xaxes(title=x_title, type="category", side="top")
    fig.update_layout(height=420, margin=dict(t=40, b=10))
    return fig
