"""Figures for the Transformer pages: attention maps, vectors and matrices of real numbers, bars.

A sequence axis is numeric (one position per character) and carries the characters themselves as tick
labels, thinned when there are too many to read; the position and the character are in the hover. Axis
titles and hover words come from the page's catalog.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.common import BLUE, LIGHT_BLUE, MASKED, RED
from figures.sequence import label

BOS_LABEL = "⟨s⟩"  # how the decoder's start symbol is shown
FONT = dict(size=14)  # every tick label and title readable on a projector
MAX_TICKS = 32  # characters labelled on one sequence axis before the labels are thinned


def tokens(s: str) -> list[str]:
    """The characters of a text as axis labels (spaces and line breaks made visible)."""
    return [label(c) for c in s]


def decoder_keys(outs: list[str]) -> list[str]:
    """What the decoder's self-attention looks at while writing each output label: the start symbol, then
    every character written before it (the output labels shifted right by one)."""
    return [BOS_LABEL, *outs[:-1]]


def named(labels: list[str]) -> list[str]:
    """'3 ‘N’': a position (from 1) and its character, for hover text."""
    return [f"{i + 1} ‘{c}’" for i, c in enumerate(labels)]


def sequence_axis(labels: list[str], title: str, max_ticks: int = MAX_TICKS, down: bool = False) -> dict:
    """Axis settings that show the characters at their positions, every k-th one when there are many;
    down: the first position at the top (for rows)."""
    every = max(1, math.ceil(len(labels) / max_ticks))
    shown = range(0, len(labels), every)
    return dict(
        tickmode="array",
        tickvals=list(shown),
        ticktext=[labels[i] for i in shown],
        title=title,
        tickangle=0,
        showgrid=False,
        zeroline=False,
        range=[len(labels) - 0.5, -0.5] if down else [-0.5, len(labels) - 0.5],
    )


def weights_trace(
    weights: np.ndarray,
    cols: list[str],
    rows: list[str],
    words: dict,
    allowed: np.ndarray | None = None,
    showscale: bool = True,
    coloraxis: str | None = None,
) -> go.Heatmap:
    """Attention weights (rows, cols) in [0, 1] as a heatmap trace; cells a mask forbids (allowed False) left empty.

    words: 'query', 'key' and 'weight', the catalog's names for the rows, the columns and the colour.
    """
    z = weights if allowed is None else np.where(allowed, weights, np.nan)
    names = np.empty((len(rows), len(cols), 2), dtype=object)
    names[..., 0] = np.array(named(rows), dtype=object)[:, None]
    names[..., 1] = np.array(named(cols), dtype=object)[None, :]
    colour = (
        dict(coloraxis=coloraxis)
        if coloraxis
        else dict(
            zmin=0,
            zmax=1,
            colorscale="Blues",
            showscale=showscale,
            colorbar=dict(title=dict(text=words["weight"], side="right")),
        )
    )
    return go.Heatmap(
        z=z.astype(np.float32),
        customdata=names,
        hoverongaps=False,
        hovertemplate=f"{words['query']} %{{customdata[0]}} → {words['key']} %{{customdata[1]}}<br>"
        f"{words['weight']} %{{z:.3f}}<extra></extra>",
        **colour,
    )


def attention_map(
    weights: np.ndarray,
    rows: list[str],
    cols: list[str],
    title: str,
    x_title: str,
    y_title: str,
    z_title: str,
    allowed: np.ndarray | None = None,
    height: int = 380,
):
    """weights (rows, cols) in [0, 1], queries down and keys across; cells a mask forbids are left grey."""
    words = dict(query=y_title, key=x_title, weight=z_title)
    fig = go.Figure(weights_trace(weights, cols, rows, words, allowed))
    fig.update_xaxes(**sequence_axis(cols, x_title))
    fig.update_yaxes(**sequence_axis(rows, y_title, down=True))
    background = MASKED if allowed is not None else "#ffffff"  # grey shows through the masked cells only
    fig.update_layout(
        title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=background, font=FONT
    )
    return fig


def head_maps(
    maps: np.ndarray,
    rows: list[str],
    cols: list[str],
    titles: list[str],
    words: dict,
    allowed: np.ndarray | None = None,
    per_row: int = 2,
):
    """Several attention maps (heads) on one colour scale, per_row to a row, each with its characters on both axes.

    words: 'query', 'key' and 'weight', the catalog's axis titles and colour-bar title.
    """
    n, T_q, _ = maps.shape
    n_rows = -(-n // per_row)
    fig = make_subplots(
        rows=n_rows, cols=per_row, subplot_titles=titles, horizontal_spacing=0.08, vertical_spacing=0.16
    )
    for i, w in enumerate(maps):
        fig.add_trace(
            weights_trace(w, cols, rows, words, allowed, coloraxis="coloraxis"), i // per_row + 1, i % per_row + 1
        )
    fig.update_xaxes(**sequence_axis(cols, words["key"]))
    fig.update_yaxes(**sequence_axis(rows, words["query"], down=True))
    # the rows are the same queries in every head: labelled and titled on the first column only
    fig.update_yaxes(title=None, showticklabels=False, selector=lambda ax: ax.anchor not in {"x", "x3", "x5", "x7"})
    fig.update_layout(
        coloraxis=dict(
            cmin=0, cmax=1, colorscale="Blues", colorbar=dict(title=dict(text=words["weight"], side="right"))
        ),
        height=n_rows * max(300, 18 * T_q + 120),
        margin=dict(l=10, r=10, t=40, b=10),
        plot_bgcolor=MASKED if allowed is not None else "#ffffff",
        font=FONT,
    )
    return fig


def split_bars(x, values, picked, names: tuple[str, str], hover, x_title: str) -> list[go.Bar]:
    """Two bar traces on one axis: the picked bars red, the rest blue; names are (rest, picked)."""
    values = np.asarray(values)
    return [
        go.Bar(
            x=x[mask],
            y=values[mask],
            marker_color=color,
            name=name,
            customdata=hover[mask],
            hovertemplate=f"{x_title} %{{customdata}}: %{{y:.3f}}<extra></extra>",
        )
        for mask, color, name in ((~picked, BLUE, names[0]), (picked, RED, names[1]))
    ]


def bars(
    labels: list[str],
    values: np.ndarray,
    title: str,
    x_title: str,
    y_title: str,
    highlight: int | None = None,
    names: tuple[str, str] | None = None,
    y_range=None,
    height: int = 280,
):
    """One bar per label; the highlighted bar red, the rest blue; names (highlighted, rest) make a legend."""
    x = np.arange(len(labels))
    picked = np.arange(len(labels)) == highlight
    fig = go.Figure()
    legend = (names[1], names[0]) if names else ("", "")
    for trace in split_bars(x, values, picked, legend, np.array(named(labels), dtype=object), x_title):
        trace.showlegend = bool(names) and len(trace.x) > 0
        fig.add_trace(trace)
    fig.update_xaxes(**sequence_axis(labels, x_title))
    fig.update_yaxes(title=y_title, range=y_range)
    fig.update_layout(
        # the title at the top of the figure and the legend on a row of its own under it: side by side they
        # overlapped on a phone (390 px)
        title=dict(text=title, y=1, yref="container", yanchor="top", pad=dict(t=6)) if names else title,
        height=height + (24 if names else 0),
        barmode="overlay",
        margin=dict(l=10, r=10, t=64 if names else 40, b=10),
        font=FONT,
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right", traceorder="reversed"),
    )
    return fig


def encoding_and_similarity(pe: np.ndarray, sim: np.ndarray, titles: list[str], pos_title: str, value_title: str):
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
            colorbar=dict(title=dict(text=value_title, side="right")),
            customdata=np.broadcast_to(within, z.shape),
            hoverongaps=False,
            hovertemplate=f"{pos_title} %{{y}} · %{{customdata}}: %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_xaxes(showticklabels=False, showgrid=False)  # a column's place in its block is in the hover
    for centre, text in zip([(width - 1) / 2, width + gap + (length - 1) / 2], titles, strict=True):
        fig.add_annotation(x=centre, y=1, yref="paper", yanchor="bottom", text=text, showarrow=False)
    fig.update_yaxes(title=pos_title, autorange="reversed", showgrid=False)
    fig.update_layout(height=400, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="#ffffff", font=FONT)
    return fig


def heatmap(
    values: np.ndarray, rows: list[str], title: str, x_title: str, y_title: str, z_title: str, height: int = 300
):
    """Real numbers (rows, columns) on a diverging scale centred on 0: red positive, blue negative."""
    m = float(np.abs(values).max()) or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=values.astype(np.float32),
            zmin=-m,
            zmax=m,
            colorscale="RdBu_r",
            colorbar=dict(title=dict(text=z_title, side="right")),
            customdata=np.broadcast_to(np.array(named(rows), dtype=object)[:, None], values.shape),
            hovertemplate=f"{y_title} %{{customdata}}, {x_title} %{{x}}: %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_yaxes(**sequence_axis(rows, y_title, down=True))
    fig.update_xaxes(title=x_title, showgrid=False)
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), font=FONT)
    return fig


def score_steps(labels: list[str], rows: list[tuple[np.ndarray, str, str]], chosen: int, words: dict):
    """The same keys across several rows of bars (the scores, the scaled scores, the softmax weights).

    rows: (values, subplot title, y-axis title). The query token's own key is red in every row, the other keys
    blue; words: 'key' (the x-axis title), 'own' and 'other' (the legend).
    """
    fig = make_subplots(
        rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.12, subplot_titles=[t for _, t, _ in rows]
    )
    x = np.arange(len(labels))
    own = x == chosen
    hover = np.array(named(labels), dtype=object)
    for i, (values, _, y_title) in enumerate(rows):
        for trace in split_bars(x, values, own, (words["other"], words["own"]), hover, words["key"]):
            trace.legendgroup, trace.showlegend = trace.name, i == 0
            fig.add_trace(trace, i + 1, 1)
        fig.update_yaxes(title=y_title, row=i + 1, col=1)
    fig.update_xaxes(**sequence_axis(labels, ""))
    fig.update_xaxes(title=words["key"], row=len(rows), col=1)
    fig.update_yaxes(range=[0, 1], row=len(rows), col=1)
    fig.update_layout(
        height=190 * len(rows),
        barmode="overlay",
        margin=dict(l=10, r=10, t=70, b=10),
        font=FONT,
        legend=dict(orientation="h", y=1, yanchor="top", x=1, xanchor="right", yref="container", traceorder="reversed"),
    )
    return fig


def side_by_side(
    matrices: list[np.ndarray],
    rows: list[str],
    titles: list[str],
    x_title: str,
    y_title: str,
    value_title: str,
    boundaries: list[float] | None = None,
):
    """Matrices of real numbers with the same rows, side by side on one diverging scale, as one heatmap.

    boundaries: column positions (within the first matrix) where a line separates groups, such as heads.
    """
    width = matrices[0].shape[1]
    gap = np.full((len(rows), 2), np.nan)
    z = np.hstack([part for m in matrices for part in (m, gap)][:-1]).astype(np.float32)
    m = float(np.nanmax(np.abs(z))) or 1.0
    within = np.concatenate([np.arange(width), np.zeros(2)] * len(matrices))[: z.shape[1]].astype(np.int16)
    names = np.empty(z.shape + (2,), dtype=object)
    names[..., 0] = np.array(named(rows), dtype=object)[:, None]
    names[..., 1] = within[None, :] + 1
    fig = go.Figure(
        go.Heatmap(
            z=z,
            zmin=-m,
            zmax=m,
            colorscale="RdBu_r",
            colorbar=dict(title=dict(text=value_title, side="right")),
            customdata=names,
            hoverongaps=False,
            hovertemplate=f"{y_title} %{{customdata[0]}}, {x_title} %{{customdata[1]}}: %{{z:.3f}}<extra></extra>",
        )
    )
    if boundaries:
        xs = [v for b in boundaries for v in (b, b, None)]
        ys = [v for _ in boundaries for v in (-0.5, len(rows) - 0.5, None)]
        fig.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#111", width=2), hoverinfo="skip", showlegend=False)
        )
    starts = [i * (width + 2) for i in range(len(matrices))]
    fig.update_xaxes(tickvals=[s + width / 2 for s in starts], ticktext=titles, side="top", title=x_title)
    fig.update_yaxes(**sequence_axis(rows, y_title, down=True))
    fig.update_layout(
        height=max(280, 22 * len(rows) + 100),
        margin=dict(l=10, r=10, t=40, b=10),
        plot_bgcolor="#ffffff",
        font=FONT,
    )
    return fig


def attention_maps(maps: list[dict], words: dict, height: int = 400):
    """Attention maps side by side, each with its own queries (rows) and keys (columns); masked cells grey.

    Each map: weights (rows, cols), rows, cols, title, and optionally allowed (True where a query may look).
    words: 'query', 'key' and 'weight', the catalog's axis titles and colour-bar title.
    """
    fig = make_subplots(rows=1, cols=len(maps), horizontal_spacing=0.1, subplot_titles=[m["title"] for m in maps])
    for i, m in enumerate(maps):
        fig.add_trace(
            weights_trace(m["weights"], m["cols"], m["rows"], words, m.get("allowed"), i == len(maps) - 1), 1, i + 1
        )
        fig.update_xaxes(**sequence_axis(m["cols"], words["key"], MAX_TICKS // len(maps)), row=1, col=i + 1)
        fig.update_yaxes(**sequence_axis(m["rows"], words["query"], down=True), row=1, col=i + 1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor=MASKED, font=FONT)
    return fig


def confidence(chars: list[str], probs: np.ndarray, threshold: float, title: str, x_title: str, z_title: str):
    """The answer's characters in a row, each cell shaded by the probability the decoder gave it when it wrote
    it: red below the threshold, white at it, blue when sure; the probability printed under the character."""
    z = np.asarray(probs, dtype=np.float32)[None, :]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            zmin=0,
            zmax=1,
            colorscale=[[0, RED], [threshold, "#ffffff"], [1, LIGHT_BLUE]],
            text=[chars],
            texttemplate="<b>%{text}</b><br>%{z:.2f}",
            textfont=dict(size=18, color="#111"),
            customdata=[named(chars)],
            hovertemplate=f"{x_title} %{{customdata}}: {z_title} %{{z:.3f}}<extra></extra>",
            xgap=2,
            showscale=False,  # the caption names the colours; a scale beside ten cells is too small to read
        )
    )
    fig.update_xaxes(**sequence_axis([str(i + 1) for i in range(len(chars))], x_title))
    fig.update_yaxes(visible=False)
    fig.update_layout(title=title, height=170, margin=dict(l=10, r=10, t=40, b=10), font=FONT)
    return fig
