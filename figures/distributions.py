"""Figures for discrete distributions, parameter counts and the two-variable identities."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.common import BLUE, ORANGE, rule

TICKS = 14  # px: readable on a projector


def _readable(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(tickfont_size=TICKS)
    fig.update_yaxes(tickfont_size=TICKS)
    return fig


def outcome_bars(
    outcomes: list[str], probs: np.ndarray, freqs: np.ndarray, names: tuple[str, str], axis_titles: tuple[str, str]
):
    """The model's probability of each outcome beside how often it came up in the samples."""
    fig = go.Figure(
        [
            go.Bar(x=outcomes, y=probs, name=names[0], marker_color=BLUE),
            go.Bar(x=outcomes, y=freqs, name=names[1], marker_color=ORANGE),
        ]
    )
    fig.update_layout(
        barmode="group",
        xaxis=dict(type="category", title=axis_titles[0]),
        yaxis=dict(range=[0, 1], title=axis_titles[1]),
        legend=dict(orientation="h", y=1.15),
        height=300,
        margin=dict(t=30, b=10),
    )
    return _readable(fig)


def param_growth(n: np.ndarray, log10_counts: dict[str, np.ndarray], x_title: str, y_title: str, marker: int):
    """log10 of the parameter count of each model as the number of variables grows."""
    fig = go.Figure(
        [
            go.Scatter(x=n, y=y, name=name, mode="lines", hovertemplate="n=%{x}: 10^%{y:.1f}")
            for name, y in log10_counts.items()
        ]
    )
    rule(fig, x=marker, dash="dot", color="grey")
    fig.update_layout(xaxis_title=x_title, yaxis_title=y_title, height=320, margin=dict(t=10, b=10))
    return _readable(fig)


def joint_table(
    joint: np.ndarray,
    x_labels: list[str],
    y_labels: list[str],
    title: str,
    y_title: str = "y",
    x_title: str = "x",
    scale_title: str = "p",
):
    """A 2 × 2 joint probability table, each cell labelled with its value; rows are x, columns y."""
    fig = go.Figure(
        go.Heatmap(
            z=joint,
            x=y_labels,
            y=x_labels,
            text=np.round(joint, 3),
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar=dict(title=scale_title, tickfont_size=TICKS),
            hovertemplate="%{y}, %{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=x_title)
    fig.update_xaxes(title=y_title)
    fig.update_layout(title=title, height=300, margin=dict(t=40, b=10, l=10, r=10))
    return _readable(fig)
