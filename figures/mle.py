"""Figures for maximum likelihood: the fit, its curves, capacity, and forward against reverse KL."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.common import BLUE, GREEN, ORANGE, RED, rule

COLORS = {"data": BLUE, "empirical": ORANGE, "model": RED, "kl": GREEN, "entropy": "#888888"}
TICKS = 14  # px: readable on a projector


def _readable(fig: go.Figure, x_title: str, y_title: str) -> go.Figure:
    fig.update_xaxes(tickfont_size=TICKS)
    fig.update_yaxes(tickfont_size=TICKS)
    fig.update_layout(xaxis_title=x_title, yaxis_title=y_title)  # the first axes only: a right axis keeps its own
    return fig


def distributions(
    values: np.ndarray,
    p_data: np.ndarray,
    empirical: np.ndarray,
    model: np.ndarray,
    names: tuple,
    axis_titles: tuple[str, str] = ("x", "p"),
):
    """The true distribution, the samples' histogram and the model, over the same values."""
    fig = go.Figure(
        [
            go.Bar(x=values, y=p_data, name=names[0], marker_color=COLORS["data"], opacity=0.6),
            go.Bar(x=values, y=empirical, name=names[1], marker_color=COLORS["empirical"], opacity=0.6),
            go.Scatter(
                x=values, y=model, name=names[2], mode="lines", line=dict(color=COLORS["model"], width=3, shape="hvh")
            ),
        ]
    )
    fig.update_layout(barmode="overlay", height=300, margin=dict(t=30, b=10), legend=dict(orientation="h", y=1.15))
    return _readable(fig, *axis_titles)


def curves(
    x: np.ndarray,
    series: dict[str, np.ndarray],
    entropy: tuple[str, float],
    x_title: str,
    y_title: str,
    marker=None,
    right_title: str | None = None,
):
    """Nats against training steps or capacity; the data's entropy as a dashed floor. With `right_title`, the
    third series (the KL, a few tenths of a nat) gets its own axis on the right, so that its fall is visible."""
    colors = [COLORS["empirical"], COLORS["model"], COLORS["kl"]]
    fig = go.Figure(
        [
            go.Scatter(
                x=x,
                y=y,
                name=name,
                mode="lines",
                line=dict(color=color, width=2.5),
                yaxis="y2" if right_title and i == 2 else "y",
            )
            for i, ((name, y), color) in enumerate(zip(series.items(), colors, strict=False))
        ]
    )
    rule(fig, y=entropy[1], label=entropy[0], dash="dash", color=COLORS["entropy"])
    if marker is not None:
        rule(fig, x=marker, dash="dot", color="grey")
    fig.update_layout(height=320, margin=dict(t=30, b=10), legend=dict(orientation="h", y=1.15))
    if right_title:
        right = dict(title=right_title, tickfont_size=TICKS, rangemode="tozero", showgrid=False)
        fig.update_layout(yaxis2=dict(overlaying="y", side="right", color=COLORS["kl"], **right))
    return _readable(fig, x_title, y_title)


def kl_fits(
    grid: np.ndarray,
    p: np.ndarray,
    fits: dict[str, np.ndarray],
    target_name: str,
    axis_titles: tuple[str, str] = ("x", "density"),
):
    """The two-mode target and the Gaussians that minimise each KL."""
    fig = go.Figure(go.Scatter(x=grid, y=p, name=target_name, fill="tozeroy", line=dict(color=COLORS["data"])))
    for (name, q), color in zip(fits.items(), (COLORS["model"], COLORS["kl"]), strict=True):
        fig.add_trace(go.Scatter(x=grid, y=q, name=name, line=dict(color=color, width=3)))
    fig.update_layout(height=300, margin=dict(t=30, b=10), legend=dict(orientation="h", y=1.15))
    return _readable(fig, *axis_titles)
