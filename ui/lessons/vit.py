"""The Vision Transformer's lessons: confident is not correct; the class token gathers the strokes; the position
embeddings learned the rows."""

from __future__ import annotations

import numpy as np

from models import data
from ui import vitmodel
from ui.lessons import Guide, Question

SURE, WRONG, UNSURE = 0, 119, 22  # held-out digits: a 3 it is sure of, a 3 it calls a 5, a 4 it hesitates on
DIGITS = Guide("digits", ({"source": "heldout", "index": SURE}, {"index": WRONG}, {"index": UNSURE}))
LAYERS = Guide("layers", ({"source": "heldout", "index": SURE, "layer": 1, "head": "mean"}, {"layer": 2}, {"layer": 3}))
STROKES = Question(
    "strokes", ("ink", "blank", "even"), "ink", {"source": "heldout", "index": SURE, "layer": 1, "head": "mean"}
)
CENTRE, EDGE, CORNER = 25, 4, 1  # patches: the middle of the grid, one on the top row, the top-left corner
POSITIONS = Guide("positions", ({"patch": CENTRE}, {"patch": EDGE}, {"patch": CORNER}))


def verdict(index: int) -> dict:
    """A held-out digit: its true class, the model's prediction and its probability."""
    probs = vitmodel.predict(data.heldout()[0][index])["probs"]
    return {"true": int(data.heldout()[1][index]), "pred": int(np.argmax(probs)), "p": float(probs.max())}


def digits_facts() -> dict:
    sure, wrong, unsure = verdict(SURE), verdict(WRONG), verdict(UNSURE)
    return {
        "sure": SURE,
        "sure_true": sure["true"],
        "sure_p": sure["p"] * 100,
        "wrong": WRONG,
        "wrong_true": wrong["true"],
        "wrong_pred": wrong["pred"],
        "wrong_p": wrong["p"] * 100,
        "unsure": UNSURE,
        "unsure_true": unsure["true"],
        "unsure_p": unsure["p"] * 100,
    }


def layers_facts() -> dict:
    """Digit SURE: each layer's share on the ink; over every held-out digit: how often each layer favours the ink."""
    s = vitmodel.ink_share(data.heldout()[0][SURE])
    every = vitmodel.heldout_ink()
    favour = (every["layers"] > every["fraction"][:, None]).mean(0) * 100
    return (
        {f"l{i + 1}": float(v * 100) for i, v in enumerate(s["layers"])}
        | {f"a{i + 1}": float(v) for i, v in enumerate(favour)}
        | {"frac": s["fraction"] * 100, "index": SURE, "n": len(every["fraction"])}
    )


def strokes_facts() -> dict:
    s = vitmodel.ink_share(data.heldout()[0][SURE])
    every = vitmodel.heldout_ink()
    return {
        "index": SURE,
        "share": float(s["layers"][0] * 100),
        "frac": s["fraction"] * 100,
        "all": float((every["layers"][:, 0] > every["fraction"]).mean() * 100),
        "n": len(every["fraction"]),
    }


def most_similar(patch: int, k: int) -> list[int]:
    """The k patches (numbered from 1) whose position embeddings are most similar to this patch's."""
    sim = vitmodel.position_similarity()[patch - 1].copy()
    sim[patch - 1] = -np.inf
    return [int(i) + 1 for i in np.argsort(sim)[::-1][:k]]


def positions_facts() -> dict:
    sim = vitmodel.position_similarity()
    corners = [1, 7, 43, 49]
    return {
        "centre": CENTRE,
        "edge": EDGE,
        "corner": CORNER,
        "centre_near": ", ".join(str(p) for p in most_similar(CENTRE, 2)),
        "edge_near": ", ".join(str(p) for p in most_similar(EDGE, 2)),
        "corner_near": ", ".join(str(p) for p in most_similar(CORNER, 3)),
        "corner_sim": float(min(sim[a - 1, b - 1] for a in corners for b in corners if a < b)),
    }
