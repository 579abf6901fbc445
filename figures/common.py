"""Small builders every page uses: image grids and heatmaps."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

# One colour language for every figure (Tableau 10): red is positive or the one picked out, blue is
# negative or the rest; the others tell series apart.
BLUE, ORANGE, RED, TEAL, GREEN = "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b"
YELLOW, PURPLE, PINK, BROWN, GREY = "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"
PALETTE = (BLUE, ORANGE, RED, TEAL, GREEN, YELLOW, PURPLE, PINK, BROWN, GREY)
LIGHT_BLUE, MASKED = "#9ecae9", "#d9d9d9"
GREYS = [[0, "#ffffff"], [1, "#111111"]]
PROB = "Viridis"


def rule(fig: go.Figure, *, x=None, y=None, label: str | None = None, **line) -> go.Figure:
    """A line across the plot at x (vertical) or at y (horizontal), its label at the top (vertical) or the right
    end (horizontal): what Plotly's add_vline and add_hline draw, at a tenth of their cost (they check every
    subplot for each line)."""
    if y is not None:
        shape = dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y)
        note = dict(xref="x domain", x=1, xanchor="right", yref="y", y=y, yanchor="bottom")
    else:
        shape = dict(type="line", xref="x", x0=x, x1=x, yref="y domain", y0=0, y1=1)
        note = dict(xref="x", x=x, xanchor="center", yref="y domain", y=1, yanchor="bottom")
    changes = {"shapes": (*fig.layout.shapes, dict(shape, line=line))}
    if label is not None:
        changes["annotations"] = (*fig.layout.annotations, dict(note, text=label, showarrow=False))
    return fig.update_layout(**changes)


def rgba(color: str, alpha: float) -> str:
    """A palette colour with transparency, for HTML backgrounds."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def tile(images: np.ndarray, cols: int, gap: int = 2) -> np.ndarray:
    """Lay (N, H, W) images out on one canvas, NaN between them."""
    n, h, w = images.shape
    rows = -(-n // cols)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan, dtype=np.float32)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = img
    return out


def image(z: np.ndarray, *, colorscale=GREYS, zmin=0.0, zmax=1.0, title: str = "", hover: str = "", height=None):
    """One heatmap drawn as an image: square pixels, row 0 at the top, no axes."""
    fig = go.Figure(
        go.Heatmap(
            z=z,
            colorscale=colorscale,
            zmin=zmin,
            zmax=zmax,
            showscale=colorscale is not GREYS,
            hovertemplate=hover or "row %{y}, column %{x}: %{z:.3f}<extra></extra>",
            hoverongaps=False,
        )
    )
    rows, cols = np.shape(z)
    fig.update_yaxes(range=[rows - 0.5, -0.5], scaleanchor="x", visible=False)
    fig.update_xaxes(range=[-0.5, cols - 0.5], visible=False, constrain="domain")
    fig.update_layout(title=title, margin=dict(l=0, r=0, t=40 if title else 0, b=0), height=height)
    return fig


def image_grid(images: np.ndarray, cols: int, title: str = "", height=None, **kw) -> go.Figure:
    """Many small images side by side in one figure."""
    return image(
        tile(np.asarray(images), cols),
        title=title,
        height=height,
        hover=kw.pop("hover", "%{z:.2f}<extra></extra>"),
        **kw,
    )
