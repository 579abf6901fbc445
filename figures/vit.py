"""Figures for the Vision Transformer: the image as patches, class probabilities, attention over the image."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.common import BLUE, RED, image, tile

SIDE = 28


def patch_grid(img: np.ndarray, patch: int, title: str = ""):
    """The input with its patch boundaries and each patch's token number."""
    fig = image(img, title=title, height=320)
    g = SIDE // patch
    # Lines and numbers as two traces: as layout shapes and annotations they cost far more to draw.
    xs, ys = [], []
    for i in range(1, g):
        e = i * patch - 0.5
        xs += [e, e, None, -0.5, SIDE - 0.5, None]
        ys += [-0.5, SIDE - 0.5, None, e, e, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=RED, width=1), hoverinfo="skip"))
    cells = np.arange(g * g)
    fig.add_trace(
        go.Scatter(
            x=cells % g * patch + 0.8,
            y=cells // g * patch + 0.9,
            text=[str(c + 1) for c in cells],
            mode="text",
            textfont=dict(size=12, color=RED),
            hoverinfo="skip",
        )
    )
    fig.update_layout(showlegend=False)
    return fig


def strip(patches: np.ndarray, per_row: int = 25) -> np.ndarray:
    """The patches laid out in rows, in the order the encoder reads them, as one image (NaN between them)."""
    return tile(patches, cols=min(per_row, len(patches)), gap=1)


def token_strip(patches: np.ndarray, title: str = "", per_row: int = 25):
    """The patches laid out in rows, in the order the encoder reads them."""
    fig = image(strip(patches, per_row), title=title, height=150)
    fig.update_layout(
        plot_bgcolor="#bbbbbb"
    )  # the gaps between tokens show as grey lines, so blank patches stay visible
    return fig


def class_colors(probs: np.ndarray) -> list[str]:
    """The predicted class red, the others blue."""
    return [RED if i == int(np.argmax(probs)) else BLUE for i in range(len(probs))]


def class_probs(probs: np.ndarray, x_title: str, y_title: str):
    fig = go.Figure(go.Bar(x=[str(i) for i in range(len(probs))], y=probs, marker_color=class_colors(probs)))
    fig.update_layout(
        xaxis=dict(title=x_title, type="category"),
        yaxis=dict(title=y_title, range=[0, 1]),
        height=300,
        margin=dict(t=10, b=10),
        font=dict(size=14),
    )
    return fig


def upsample(grid_values: np.ndarray) -> np.ndarray:
    """Values over the patch grid (g × g) as an image's pixels (28 × 28): each value over its patch."""
    g = grid_values.shape[-1]
    return np.kron(grid_values, np.ones((SIDE // g, SIDE // g)))


def overlay(
    img: np.ndarray,
    values: np.ndarray,
    title: str = "",
    z_title: str = "",
    hover: str = "%{z:.3f}",
    diverging: bool = False,
    height: int = 320,
):
    """Values over the patch grid (g × g), laid over the digit, with their colour bar.

    diverging: values in [−1, 1] drawn red for positive and blue for negative, opaque; otherwise weights
    from 0 up, bright where large. hover: the catalog's hover text for one cell (%{z} is the value).
    """
    fig = image(img, title=title, height=height)
    scale = (
        dict(colorscale="RdBu_r", zmin=-1, zmax=1, opacity=1.0)
        if diverging
        else dict(colorscale="Inferno", zmin=0, opacity=0.6)
    )
    fig.add_trace(
        go.Heatmap(
            z=upsample(values),
            **scale,
            colorbar=dict(title=dict(text=z_title, side="right"), thickness=14),
            hovertemplate=hover + "<extra></extra>",
        )
    )
    fig.update_layout(font=dict(size=14))
    return fig


def head_grid(
    maps: np.ndarray, row_titles: list[str], col_titles: list[str], z_title: str = "", hover: str = "%{z:.2f}"
):
    """Every layer (rows) and head (columns): the class token's attention over the patch grid, one heatmap,
    each map divided by its own largest weight (z_title and hover say so, in the catalog's words)."""
    n_rows, n_cols, g, _ = maps.shape
    tiled = tile(maps.reshape(-1, g, g) / maps.max(axis=(2, 3), keepdims=True).reshape(-1, 1, 1), cols=n_cols, gap=1)
    fig = image(tiled, colorscale="Inferno", height=110 * n_rows + 40, hover=hover + "<extra></extra>")
    fig.update_traces(colorbar=dict(title=dict(text=z_title, side="right"), thickness=14))
    titles = [
        dict(x=c * (g + 1) + (g - 1) / 2, y=-1, text=t, showarrow=False, yanchor="bottom")
        for c, t in enumerate(col_titles)
    ]
    titles += [
        dict(x=-1, y=r * (g + 1) + (g - 1) / 2, text=t, showarrow=False, xanchor="right")
        for r, t in enumerate(row_titles)
    ]
    fig.update_layout(annotations=titles, margin=dict(l=70, r=0, t=30, b=0), font=dict(size=14))
    return fig


def similarity(matrix: np.ndarray, title: str, axis_title: str, z_title: str = ""):
    """Cosine similarity between every pair of learned position embeddings (patches only): red +1, blue −1."""
    n = len(matrix)
    ticks = [str(i + 1) for i in range(n)]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=ticks,
            y=ticks,
            colorscale="RdBu_r",
            zmin=-1,
            zmax=1,
            colorbar=dict(title=dict(text=z_title, side="right")),
            hovertemplate=f"{axis_title} %{{y}} · {axis_title} %{{x}}: %{{z:.2f}}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=axis_title)
    fig.update_xaxes(title=axis_title)
    fig.update_layout(title=title, height=440, margin=dict(t=40, b=10), font=dict(size=14))
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
            hovertemplate=f"{y_title} %{{y}}, {x_title} %{{x}}: %{{z}}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=y_title, type="category")
    fig.update_xaxes(title=x_title, type="category", side="top")
    fig.update_layout(height=420, margin=dict(t=40, b=10), font=dict(size=14))
    return fig
