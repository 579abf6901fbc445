"""Dates as people write them: the held-out list, the translator's score on it per kind, its confidence,
and the two readings of a numeric date such as 03/04/2020.

The list (`tests/data/dates_as_written.tsv`) was written by hand, never generated, and training never
reads it. `python -m models.data.datereader` prints the shipped model's exact match on it per kind of variation.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from models import translator
from models.data import dates

LIST = Path(__file__).resolve().parents[2] / "tests" / "data" / "dates_as_written.tsv"
# An answer is flagged as unsure when one of its characters was written with less probability than this.
# Chosen on the list made harder (`harder`, see `thresholds`): below 0.9 most of the shipped model's answers
# are wrong; held-out dates of the trained formats almost never fall below it.
UNSURE = 0.9
NUMERIC = re.compile(r"^\s*(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\s*$")  # a SEP b SEP year
ORDERS = ("month_first", "day_first")


@dataclass(frozen=True)
class Written:
    text: str
    iso: str
    kind: str
    source: str


def load(path: Path = LIST) -> list[Written]:
    """The list's lines (after its header), as written: no stripping, spaces are part of the variation."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [Written(*line.split("\t")) for line in lines if line]


@torch.no_grad()
def forced(model, texts: list[str], isos: list[str]) -> np.ndarray:
    """p of each character of a given answer, the decoder reading the answer as if it had written it
    (teacher forcing, one pass): (B, 10)."""
    tgt = translator.encode_output(isos)[:, :-1]  # BOS and the ten characters; the EOS is never predicted
    out = model(translator.encode_input(texts), tgt)
    log_p = torch.log_softmax(out.logits[:, :, 3:], -1)  # only digits and '-' are answers, as in translate
    chosen = log_p[:, : translator.OUTPUT_LEN].gather(-1, (tgt[:, 1:] - 3)[..., None])[..., 0]
    return chosen.exp().numpy()


def harder(rows: list[Written] | None = None, seed: int = 0) -> list[Written]:
    """The list made harder while each line still means its date: its words in another order (every
    permuted variant of dates.variants), and one letter dropped from each line with more than three
    ('Novmber 24, 2026'). The model reads all of the list itself, so its confidence is judged here."""
    rows = load() if rows is None else rows
    out = [Written(v, r.iso, "permuted", r.source) for r in rows for k, v in dates.variants(r.text) if k == "permuted"]
    rng = random.Random(seed)
    for r in rows:
        letters = [i for i, c in enumerate(r.text) if c.isalpha()]
        if len(letters) > 3:
            i = rng.choice(letters)
            out.append(Written(r.text[:i] + r.text[i + 1 :], r.iso, "letter_dropped", r.source))
    return out


def unsure(confidence: np.ndarray) -> bool:
    """An answer with a character the decoder was not sure of."""
    return bool(np.min(confidence) < UNSURE)


def score(model, rows: list[Written] | None = None) -> dict:
    """The model's answers on the list: exact match per line, per kind and overall, and each answer's
    lowest per-character confidence."""
    rows = load() if rows is None else rows
    texts = [r.text for r in rows]
    answers = translator.answers(model, texts)
    lowest = forced(model, texts, answers).min(1)  # greedy answers: the same p as during decoding
    right = [a == r.iso for a, r in zip(answers, rows, strict=True)]
    by_kind: dict[str, list[bool]] = {}
    for r, ok in zip(rows, right, strict=True):
        by_kind.setdefault(r.kind, []).append(ok)
    return {
        "answers": answers,
        "right": right,
        "lowest": lowest,
        "by_kind": {k: (sum(v), len(v)) for k, v in by_kind.items()},
        "overall": float(np.mean(right)),
    }


def table(result: dict) -> str:
    """The score as a Markdown table, one row per kind, then all of them."""
    lines = ["| kind | lines | exact | exact match |", "|---|---:|---:|---:|"]
    for kind, (right, n) in sorted(result["by_kind"].items()):
        lines.append(f"| {kind} | {n} | {right} | {right / n:.0%} |")
    n, right = len(result["right"]), sum(result["right"])
    lines.append(f"| **all** | {n} | {right} | {result['overall']:.1%} |")
    return "\n".join(lines)


def thresholds(result: dict, candidates=(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)) -> str:
    """For each candidate threshold: how many answers it flags and how many of those are wrong, and how
    many wrong answers it misses: the evidence for UNSURE, as a Markdown table."""
    lowest, right = np.asarray(result["lowest"]), np.asarray(result["right"])
    lines = ["| threshold | flagged | wrong among flagged | right among flagged | wrong not flagged |"]
    lines.append("|---:|---:|---:|---:|---:|")
    for t in candidates:
        flagged = lowest < t
        lines.append(
            f"| {t} | {flagged.sum()} | {(flagged & ~right).sum()} | {(flagged & right).sum()} "
            f"| {(~flagged & ~right).sum()} |"
        )
    return "\n".join(lines)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def readings(text: str, lang: str) -> list[tuple[str, str]]:
    """Both readings of a numeric date 'a SEP b SEP year' when both are dates and differ, as (order, ISO):
    first the one the language and the separator suggest (a slash in English: month first; a dot or a dash,
    or Korean: day first). Empty when the numbers decide it (a number above 12) or the text is not one."""
    m = NUMERIC.match(text)
    if m is None:
        return []
    a, sep, b, y = int(m[1]), m[2], int(m[3]), m[4]
    year = int(y)
    if len(y) == 2:  # two-digit years as the trained formats read them: 50–99 → 19xx, 00–49 → 20xx
        year += 1900 if year >= dates.SHORT_YEARS[0].year % 100 else 2000
    found = {"month_first": _iso(year, a, b), "day_first": _iso(year, b, a)}
    if None in found.values() or found["month_first"] == found["day_first"]:
        return []
    first = "month_first" if sep == "/" and lang == "en" else "day_first"
    return [(o, found[o]) for o in sorted(ORDERS, key=lambda o: o != first)]


def main() -> None:
    from models import hub

    model, _ = hub.load("date_translator")
    result = score(model)
    print(table(result))
    print()
    print("The list made harder (words permuted, a letter dropped):")
    print(thresholds(score(model, harder())))


if __name__ == "__main__":
    main()
