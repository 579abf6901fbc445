"""Figures for the Transformer pages: attention maps, vectors and matrices of real numbers, bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.common import BLUE, MASKED, RED
from figures.sequence import positions as tokens  # noqa: F401  (pages call it fig.tokens: 'index·char' categories)

BOS_LABEL = "⟨s⟩"  # how the decoder's start symbol is shown


def decoder_keys(outs: list[str]) -> list[str]:
    """What the decoder's self-attention looks at while writing each output label: the start symbol, then
    every character written before it (the output labels shifted right by one)."""
    return [f"0·{BOS_LABEL}", *outs[:-1]]


def weights_trace(
    weights: np.ndarray, cols: list[str], rows: list[str], allowed: np.ndarray | None = None, showscale: bool = True
) -> go.Heatmap:
    """Attention weights (rows, cols) in [0, 1] as a heatmap trace; cells a mask forbids (allowed False) left empty."""
    z = weights if allowed is None else np.where(allowed, weights, np.nan)
    return go.Heatmap(
        z=z.astype(np.float32),
        x=cols,
        y=rows,
        zmin=0,
        zmax=1,
        colorscale="Blues",
        showscale=showscale,
        hoverongaps=False,
        hovertemplate="%{y} → %{x}: %{z:.3f}<extra></extra>",
    )


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
    fig = go.Figure(weights_trace(weights, cols, rows, allowed))
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
    """Several attention maps (heads) side by side on one colour scale, as one heatmap with gaps between them.

    One heatmap on one pair of axes draws several times faster in the browser than one subplot per head.
    """
    n, T_q, T_k = maps.shape
    gap = np.full((T_q, 1), np.nan)
    blocks, x = [], []
    for i, w in enumerate(maps):
        blocks += [w if allowed is None else np.where(allowed, w, np.nan), gap]
        x += [f"{titles[i]} · {c}" for c in cols] + [" " * (i + 1)]  # a unique blank category for each gap
    z = np.hstack(blocks[:-1]).astype(np.float32)
    x = x[:-1]
    fig = go.Figure(weights_trace(z, x, rows))
    centres = [x[i * (T_k + 1) + T_k // 2] for i in range(n)]
    fig.update_xaxes(type="category", tickvals=centres, ticktext=titles, side="top", tickangle=0)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=MASKED)
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
    colors = [RED if i == highlight else BLUE for i in range(len(labels))]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=colors, hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=0)
    fig.update_yaxes(title=y_title, range=y_range)
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def encoding_and_similarity(pe: np.ndarray, sim: np.ndarray, titles: list[str], pos_title: str):
    """The positional encoding (positions × dimensions) and the cosine similarity of every two positions.

    Both have one row per position and values in [−1, 1], so they are one heatmap with a gap: far cheaper
    for the browser to redraw than two subplots.
    """
    length, width = pe.shape
    gap = max(2, width // 16)
    z = np.hstack([pe, np.full((length, gap), np.nan), sim]).astype(np.float32)
    within = np.concatenate([np.arange(width), np.zeros(gap), np.arange(length)]).astype(
        np.int16
    )  # column in its block
    fig = go.Figure(
        go.Heatmap(
            z=z,
            zmin=-1,
            zmax=1,
            colorscale="RdBu_r",
            customdata=np.broadcast_to(within, z.shape),
            hoverongaps=False,
            hovertemplate=f"{pos_title} %{{y}} · %{{customdata}}: %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_xaxes(
        tickvals=[(width - 1) / 2, width + gap + (length - 1) / 2], ticktext=titles, side="top", showgrid=False
    )
    fig.update_yaxes(title=pos_title, autorange="reversed", showgrid=False)
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="#ffffff")
    return fig


def heatmap(values: np.ndarray, rows: list[str], title: str, x_title: str, height: int = 300):
    """Real numbers (rows, columns) on a diverging scale centred on 0."""
    m = float(np.abs(values).max()) or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=values.astype(np.float32),
            y=rows,
            zmin=-m,
            zmax=m,
            colorscale="RdBu_r",
            hovertemplate="%{y}, %{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title=x_title)
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def score_steps(labels: list[str], rows: list[tuple[np.ndarray, str]], highlight: int, chosen: int):
    """The same keys across several rows of bars: the scores, the scaled scores, the softmax weights."""
    fig = make_subplots(
        rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.1, subplot_titles=[t for _, t in rows]
    )
    for i, (values, _) in enumerate(rows):
        mark = chosen if i < len(rows) - 1 else highlight  # the query's own key, then the heaviest weight
        colors = [RED if j == mark else BLUE for j in range(len(labels))]
        fig.add_trace(
            go.Bar(
                x=labels, y=values, marker_color=colors, hovertemplate="%{x}: %{y:.3f}<extra></extra>", showlegend=False
            ),
            i + 1,
            1,
        )
    fig.update_xaxes(type="category", tickangle=0)
    fig.update_yaxes(range=[0, 1], row=len(rows), col=1)
    fig.update_layout(height=170 * len(rows), margin=dict(l=10, r=10, t=40, b=10))
    return fig


def side_by_side(
    matrices: list[np.ndarray], rows: list[str], titles: list[str], x_title: str, boundaries: list[float] | None = None
):
    """Matrices of real numbers with the same rows, side by side on one diverging scale, as one heatmap.

    boundaries: column positions (within the first matrix) where a line separates groups, such as heads.
    """
    width = matrices[0].shape[1]
    gap = np.full((len(rows), 2), np.nan)
    z = np.hstack([part for m in matrices for part in (m, gap)][:-1]).astype(np.float32)
    m = float(np.nanmax(np.abs(z))) or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=z,
            y=rows,
            zmin=-m,
            zmax=m,
            colorscale="RdBu_r",
            hoverongaps=False,
            hovertemplate="%{y}, column %{x}: %{z:.3f}<extra></extra>",
        )
    )
    if boundaries:
        xs = [v for b in boundaries for v in (b, b, None)]
        ys = [v for _ in boundaries for v in (rows[0], rows[-1], None)]
        fig.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#111", width=2), hoverinfo="skip", showlegend=False)
        )
    starts = [i * (width + 2) for i in range(len(matrices))]
    fig.update_xaxes(tickvals=[s + width / 2 for s in starts], ticktext=titles, side="top", title=x_title)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=max(260, 20 * len(rows) + 80), margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="#ffffff")
    return fig


def attention_maps(maps: list[dict], x_title: str, height: int = 380):
    """Attention maps side by side, each with its own queries (rows) and keys (columns); masked cells grey.

    Each map: weights (rows, cols), rows, cols, title, and optionally allowed (True where a query may look).
    """
    fig = make_subplots(rows=1, cols=len(maps), horizontal_spacing=0.1, subplot_titles=[m["title"] for m in maps])
    for i, m in enumerate(maps):
        fig.add_trace(weights_trace(m["weights"], m["cols"], m["rows"], m.get("allowed"), i == len(maps) - 1), 1, i + 1)
    fig.update_xaxes(type="category", title=x_title, tickangle=0)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=MASKED)
    return fig
