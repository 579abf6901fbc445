"""Figures for the sequence pages: next-character probabilities, gates over time, gradients, memory.

A character axis is numeric (position t = 1, 2, … of each character) and carries the characters themselves
as tick labels, every k-th one when there are too many to read; the position is in the hover. Axis titles
and hover words come from the page's catalog.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.common import BLUE, BROWN, GREEN, GREY, ORANGE, PURPLE, RED, TEAL, rgba

COLORS = {"bigram": BROWN, "rnn": RED, "rnn_curriculum": ORANGE, "lstm": BLUE, "gru": GREEN}
DASHES = {"rnn_curriculum": "dot", "gru": "dash"}
SHOWN = {" ": "␣", "\n": "↵", "\t": "⇥"}
FONT = 14  # tick labels readable on a projector
MAX_LABELS = 64  # characters labelled on a full-width axis (about 14 px apart at 1400 px) before every k-th
PALETTE_ROWS = (BLUE, GREEN, PURPLE, TEAL, BROWN)  # the gate rows of the conveyor belt
GREY_BAR = GREY
CHAR_HOVER = "‘%{{customdata}}’ · {name}: %{{y:.3f}}<extra></extra>"  # a value over the text; .format(name=...)


def label(c: str) -> str:
    """A character as it can be read on an axis: visible marks for spaces and line breaks."""
    if c in SHOWN:
        return SHOWN[c]
    return c if c.isprintable() else f"U+{ord(c):04X}"


def char_axis(chars: str, title: str, first: int = 1, max_labels: int = MAX_LABELS) -> dict:
    """Axis settings for characters at positions first, first + 1, …: each labelled with itself, or every
    k-th one when there are more than max_labels (thinned, never hidden)."""
    every = max(1, math.ceil(len(chars) / max_labels))
    shown = range(0, len(chars), every)
    return dict(
        tickmode="array",
        tickvals=[first + i for i in shown],
        ticktext=[label(chars[i]) for i in shown],
        tickangle=0,
        # a note in brackets on a line of its own: the whole title ran past a phone's chart on both sides
        title=re.sub(r"\s*\(", "<br>(", title, count=1),
        range=[first - 0.5, first + len(chars) - 0.5],
        showgrid=False,
        hoverformat="d",
    )


def _readable(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(tickfont_size=FONT)
    fig.update_yaxes(tickfont_size=FONT)
    return fig


def next_char(
    chars: str,
    probs: dict[str, np.ndarray],
    names: dict[str, str],
    p_title: str,
    bits_title: str,
    saved_title: str,
    char_title: str = "",
    position: str = "t = %{x}",
):
    """Top: p(actual next character) for each model. Bottom: bits the second model saves over the first.
    x is the position of the character predicted (2 … n); `position` is the hover's header ("t = %{x}")."""
    x = np.arange(2, len(chars) + 1)
    shown = [label(c) for c in chars[1:]]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4], vertical_spacing=0.06)
    for key, p in probs.items():
        line = go.Scatter(
            x=x,
            y=p,
            name=names[key],
            mode="lines+markers",
            line=dict(color=COLORS.get(key)),
            marker=dict(size=4),
            customdata=shown,
            hovertemplate=f"‘%{{customdata}}’ · {names[key]}: %{{y:.3f}}<extra></extra>",
        )
        fig.add_trace(line, 1, 1)
    first, second = list(probs)
    saved = np.log2(probs[second]) - np.log2(probs[first])
    bars = go.Bar(
        x=x,
        y=saved,
        name=saved_title,
        marker_color=np.where(saved >= 0, COLORS.get(second, BLUE), COLORS["bigram"]),
        showlegend=False,
        customdata=shown,
        hovertemplate=f"‘%{{customdata}}’ · {saved_title}: %{{y:+.2f}}<extra></extra>",
    )
    fig.add_trace(bars, 2, 1)
    fig.update_yaxes(title=p_title, range=[0, 1.02], row=1, col=1)
    fig.update_yaxes(title=bits_title, row=2, col=1)
    fig.update_xaxes(**char_axis(chars[1:], char_title, first=2), row=2, col=1)
    fig.update_xaxes(unifiedhovertitle=dict(text=position), hoverformat="d")
    fig.update_layout(
        height=440, margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=1.08), hovermode="x unified"
    )
    return _readable(fig)


def top_labels(chars: list[str]) -> list[str]:
    """A top-characters chart's bar labels: each character quoted, as it is drawn (figures.sequence.label)."""
    return [f"‘{label(c)}’" for c in chars]


def top_predictions(panels: list[tuple[list[str], np.ndarray, str, str]], p_title: str = "", char_title: str = ""):
    """Each model's most likely next characters, most likely on top: panels of (chars, probs, title, colour), one figure."""
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[t for _, _, t, _ in panels], horizontal_spacing=0.12)
    for i, (chars, probs, _, color) in enumerate(panels):
        bars = go.Bar(
            x=probs[::-1],
            y=top_labels(chars[::-1]),
            orientation="h",
            marker_color=color,
            hovertemplate="%{y}: %{x:.3f}<extra></extra>",
        )
        fig.add_trace(bars, 1, i + 1)
    fig.update_xaxes(range=[0, 1], title=p_title)
    fig.update_yaxes(type="category", title=char_title)
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=40, b=10), showlegend=False)
    return _readable(fig)


def state_heatmap(
    values: np.ndarray,
    chars: str,
    title: str,
    unit_title: str,
    zmin: float,
    zmax: float,
    char_title: str = "",
    position: str = "t = %{x}",
    value_title: str = "",
):
    """values (T, H): one internal per time step (x, the characters) and unit (y); red positive, blue negative."""
    colorscale = "RdBu_r" if zmin < 0 else "Viridis"
    fig = go.Figure(
        go.Heatmap(
            z=values.T.astype(np.float32),
            x=np.arange(1, len(chars) + 1),
            zmin=zmin,
            zmax=zmax,
            colorscale=colorscale,
            colorbar=dict(title=dict(text=value_title, side="right"), tickfont_size=FONT),
            hovertemplate=f"{position} · {unit_title} %{{y}}: %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_xaxes(**char_axis(chars, char_title))
    fig.update_yaxes(title=unit_title, autorange="reversed")
    fig.update_layout(title=title, height=400, margin=dict(l=10, r=10, t=40, b=10))
    return _readable(fig)


def unit_trace(
    values: np.ndarray,
    chars: str,
    title: str,
    feature: np.ndarray | None = None,
    feature_name: str = "",
    char_title: str = "",
    position: str = "t = %{x}",
):
    """One unit's value at every time step, with a readable feature of the text beside it when given."""
    x = np.arange(1, len(chars) + 1)
    shown = [label(c) for c in chars]
    fig = make_subplots(specs=[[{"secondary_y": feature is not None}]])
    fig.add_trace(go.Scatter(x=x, mode="lines", line=dict(color=BLUE), customdata=shown))
    if feature is not None:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=feature,
                mode="lines",
                name=feature_name,
                line=dict(color=ORANGE, dash="dot", shape="hv"),
                customdata=shown,
                hovertemplate=CHAR_HOVER.format(name=feature_name),
            ),
            secondary_y=True,
        )
        fig.update_yaxes(title=feature_name, secondary_y=True)
    fig.update_xaxes(**char_axis(chars, char_title))
    fig.update_xaxes(unifiedhovertitle=dict(text=position))
    fig.update_layout(
        height=300, margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=1.15), hovermode="x unified"
    )
    return retrace(_readable(fig), values, title)


def retrace(fig: go.Figure, values: np.ndarray, title: str) -> go.Figure:
    """A unit_trace figure made to show another unit's or internal's values (the same text and feature):
    far cheaper than building the figure again. Changes fig and returns it."""
    fig.update_traces(y=values, name=title, hovertemplate=CHAR_HOVER.format(name=title), selector=0)
    fig.update_yaxes(title=title, secondary_y=False)
    return fig


def retrace_part(part: dict, values: np.ndarray, title: str) -> dict:
    """`retrace` on a unit_trace figure already made into JSON (ui.views.figure), as a cache keeps it: the
    same change, without Plotly's validation of the figure (a third of a unit's server time, py-spy)."""
    first = dict(part["data"][0], y=[float(v) for v in values], name=title, hovertemplate=CHAR_HOVER.format(name=title))
    yaxis = part["layout"]["yaxis"]
    layout = {**part["layout"], "yaxis": {**yaxis, "title": {**yaxis.get("title", {}), "text": title}}}
    return {**part, "data": [first, *part["data"][1:]], "layout": layout}


def painted(chars: str, values: np.ndarray, vmin: float, vmax: float, legend: str = "") -> str:
    """The text as HTML, each character's background coloured by a value (red high or positive, blue
    negative); text is escaped. legend: a name for the value, shown with the colour scale under the text."""
    diverging = vmin < 0
    spans = []
    for c, v in zip(chars, values, strict=False):
        if diverging:  # white at 0
            a = float(np.clip(v / max(abs(vmin), abs(vmax)), -1, 1))
            color = RED if a >= 0 else BLUE
            a = abs(a)
        else:
            a = float(np.clip((v - vmin) / (vmax - vmin + 1e-12), 0, 1))
            color = RED
        shown = "↵<br>" if c == "\n" else html.escape(c if c.isprintable() else label(c))
        spans.append(f'<span title="{v:+.3f}" style="background:{rgba(color, a)}">{shown}</span>')
    body = "".join(spans)
    text = f'<div class="painted" style="font-family:monospace;white-space:pre-wrap;line-height:1.6;color:#111;background:#fff;padding:.5rem;border-radius:.3rem">{body}</div>'
    if not legend:
        return text
    stops = [rgba(BLUE, 1), rgba(RED, 0), rgba(RED, 1)] if diverging else [rgba(RED, 0), rgba(RED, 1)]
    ramp = f"linear-gradient(to right,{','.join(stops)})"
    scale = (
        f'<div class="scale" style="display:flex;align-items:center;gap:.5rem;font-size:.85rem;margin-top:.3rem">'
        f"{html.escape(legend)}: <strong>{vmin:+.2f}</strong>"
        f'<div style="width:10rem;height:.8rem;border:1px solid #ccc;background:{ramp}"></div>'
        f"<strong>{vmax:+.2f}</strong></div>"
    )
    return text + scale


def gradient_norms(norms: dict[str, np.ndarray], names: dict[str, str], x_title: str, y_title: str):
    """‖∂h_T/∂s_t‖ against the distance T − t, on a log scale, one line per model."""
    fig = go.Figure()
    for key, g in norms.items():
        distance = np.arange(len(g))[::-1]  # the last entry is t = T
        fig.add_trace(
            go.Scatter(
                x=distance, y=np.maximum(g, 1e-30), name=names[key], mode="lines", line=dict(color=COLORS.get(key))
            )
        )
    fig.update_yaxes(type="log", title=y_title, exponentformat="power")
    fig.update_xaxes(title=x_title)
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=1.1))
    return _readable(fig)


def memory_accuracy(
    distances: list[int],
    accuracy: dict[str, list[float]],
    names: dict[str, str],
    chance: float,
    x_title: str,
    y_title: str,
    chance_name: str,
    chosen: int | None = None,
):
    """Held-out accuracy on the memory task against the distance T, per model, with chance marked."""
    fig = go.Figure()
    for key, acc in accuracy.items():
        fig.add_trace(
            go.Scatter(
                x=distances,
                y=acc,
                name=names[key],
                mode="lines+markers",
                line=dict(color=COLORS.get(key), dash=DASHES.get(key, "solid")),  # lines at 100% would hide each other
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[min(distances), max(distances)],
            y=[chance, chance],
            name=chance_name,
            mode="lines",
            line=dict(color="#888", dash="dash"),
        )
    )
    if chosen is not None:
        fig.add_trace(
            go.Scatter(
                x=[chosen, chosen],
                y=[0, 1.02],
                mode="lines",
                line=dict(color="#111", dash="dot"),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(type="log", title=x_title, tickvals=distances)
    fig.update_yaxes(range=[0, 1.05], title=y_title)
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=1.12))
    return _readable(fig)


def vector(values: np.ndarray, name: str) -> str:
    """A short vector as one row of HTML cells, each with its number on a red (positive) or blue (negative) ground."""
    m = float(np.abs(values).max()) or 1.0
    cells = []
    for v in values:
        a = min(1.0, abs(float(v)) / m)
        cells.append(
            f'<td style="background:{rgba(RED if v >= 0 else BLUE, a)};padding:2px 6px;text-align:right">{v:+.2f}</td>'
        )
    head = f'<th style="padding:2px 8px;text-align:left;font-weight:normal">{html.escape(name)}</th>'
    return f'<table class="vector" style="font-family:monospace;font-size:.8rem;border-collapse:collapse;color:#111;background:#fff"><tr>{head}{"".join(cells)}</tr></table>'


def conveyor(
    chars: str,
    rows: list[tuple[np.ndarray, str, str, tuple[float, float] | None]],
    state: tuple[np.ndarray, str],
    kept: tuple[np.ndarray, str],
    written: tuple[np.ndarray, str],
    title: str,
    after: list[tuple[np.ndarray, str, str, tuple[float, float] | None]] = (),
    char_title: str = "",
    position: str = "t = %{x}",
):
    """One unit's internals as aligned rows over the characters, with its state as the sum it is: the part
    kept from the previous step and the part written at this step as stacked bars, the state as a red line.
    rows (above the state) and after (below it): (values, name for the hover, axis title, y range or None);
    state, kept, written: (values, name)."""
    x = np.arange(1, len(chars) + 1)
    shown = [label(c) for c in chars]
    heights = [1.0] * len(rows) + [2.2] + [1.0] * len(after)
    fig = make_subplots(rows=len(heights), cols=1, shared_xaxes=True, vertical_spacing=0.03, row_heights=heights)
    at = len(rows) + 1  # the state's row
    lines = [(k + 1, r) for k, r in enumerate(rows)] + [(at + 1 + k, r) for k, r in enumerate(after)]
    for k, (row, (values, name, axis, span)) in enumerate(lines):
        line = go.Scatter(
            x=x,
            y=values,
            name=name,
            mode="lines",
            line=dict(color=PALETTE_ROWS[k % len(PALETTE_ROWS)], shape="hvh"),
            customdata=shown,
            hovertemplate=CHAR_HOVER.format(name=name),
            showlegend=False,
        )
        fig.add_trace(line, row, 1)
        # the range a little wider than the values' span: the labels at its ends (0 and 1) sit inside the row,
        # clear of the next row's (they ran into each other, and at presenter mode's size into the middle one)
        padded = None if span is None else (span[0] - 0.15 * (span[1] - span[0]), span[1] + 0.15 * (span[1] - span[0]))
        fig.update_yaxes(title=dict(text=axis, font_size=15), range=padded, nticks=3, row=row, col=1)
    for (values, name), color in ((kept, GREY_BAR), (written, ORANGE)):
        bars = go.Bar(
            x=x, y=values, name=name, marker_color=color, customdata=shown, hovertemplate=CHAR_HOVER.format(name=name)
        )
        fig.add_trace(bars, at, 1)
    values, name = state
    line = go.Scatter(
        x=x,
        y=values,
        name=name,
        mode="lines+markers",
        line=dict(color=RED, width=2),
        marker=dict(size=4),
        customdata=shown,
        hovertemplate=CHAR_HOVER.format(name=name),
    )
    fig.add_trace(line, at, 1)
    fig.update_yaxes(title=dict(text=name, font_size=15), row=at, col=1)
    fig.update_xaxes(**char_axis(chars, char_title), row=len(heights), col=1)
    fig.update_xaxes(unifiedhovertitle=dict(text=position), hoverformat="d", showgrid=False)
    fig.update_layout(
        # the title at the top of the figure: on a phone the legend under it takes two lines
        title=dict(text=title, y=1, yref="container", yanchor="top", pad=dict(t=6)),
        barmode="relative",
        height=120 + 62 * sum(heights),
        margin=dict(l=10, r=10, t=92, b=10),  # the title and, under it, the legend in three rows on a phone
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
        hovermode="x unified",
    )
    return _readable(fig)


def conveyor_series(
    rows: list[tuple[np.ndarray, str, str, tuple[float, float] | None]],
    state: tuple[np.ndarray, str],
    kept: tuple[np.ndarray, str],
    written: tuple[np.ndarray, str],
    after: list[tuple[np.ndarray, str, str, tuple[float, float] | None]] = (),
) -> list[np.ndarray]:
    """The values a conveyor figure draws, trace by trace, for `refill`."""
    return [r[0] for r in rows] + [a[0] for a in after] + [kept[0], written[0], state[0]]
