"""Dates written the way people write them, generated, with their ISO form YYYY-MM-DD.

Every format is a function of one date. Day and month order is decided by the format,
and the format is visible in the text:
- a slash between numbers is American, month first: 11/24/2026;
- a dot or a dash between numbers is day first: 24.11.2026, 24-11-2026;
- a number of four digits in front is the year, then month, then day: 2026/11/24, 2026.11.24;
- Korean dates are year, month, day: 2026년 11월 24일, and 26. 11. 24. (dot and space, closing dot).
Two-digit years mean 1950–2049 (50–99 → 19xx, 00–49 → 20xx), so formats that use them
only see those years. Letters come in random case, and spaces are sometimes doubled.

Train and held-out dates are disjoint: every day from 1900-01-01 to 2099-12-31 is assigned
to one side by a seeded shuffle (90 / 10).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import lru_cache

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
KO_WEEKDAYS = "월화수목금토일"
FIRST, LAST = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
SHORT_YEARS = (dt.date(1950, 1, 1), dt.date(2049, 12, 31))
SPLIT_SEED = 0
HELDOUT_FRACTION = 0.1


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _pad(n: int, r: random.Random) -> str:
    """Day or month as 1 or 01, at random."""
    return f"{n:02d}" if r.random() < 0.5 else str(n)


# name -> (writes a date, uses a two-digit year)
FORMATS: dict[str, tuple[Callable[[dt.date, random.Random], str], bool]] = {
    "iso": (lambda d, r: d.isoformat(), False),
    "month_day_year": (lambda d, r: f"{MONTHS[d.month - 1]} {d.day}, {d.year}", False),
    "mon_day_year": (lambda d, r: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}", False),
    "day_month_year": (lambda d, r: f"{d.day} {MONTHS[d.month - 1]} {d.year}", False),
    "day_mon_year": (lambda d, r: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}", False),
    "weekday_month_day_year": (lambda d, r: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}", False),
    "wkd_day_mon_year": (
        lambda d, r: f"{WEEKDAYS[d.weekday()][:3]}, {d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        False,
    ),
    "month_ordinal_year": (lambda d, r: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}", False),
    "the_ordinal_of_month": (lambda d, r: f"the {ordinal(d.day)} of {MONTHS[d.month - 1]}, {d.year}", False),
    "ordinal_mon_year": (lambda d, r: f"{ordinal(d.day)} {MONTHS[d.month - 1][:3]} {d.year}", False),
    "day_mon_year_dashes": (lambda d, r: f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}", False),
    "us_slashes": (lambda d, r: f"{_pad(d.month, r)}/{_pad(d.day, r)}/{d.year}", False),
    "us_slashes_short": (lambda d, r: f"{_pad(d.month, r)}/{_pad(d.day, r)}/{d.year % 100:02d}", True),
    "eu_dots": (lambda d, r: f"{_pad(d.day, r)}.{_pad(d.month, r)}.{d.year}", False),
    "eu_dots_short": (lambda d, r: f"{_pad(d.day, r)}.{_pad(d.month, r)}.{d.year % 100:02d}", True),
    "eu_dashes": (lambda d, r: f"{_pad(d.day, r)}-{_pad(d.month, r)}-{d.year}", False),
    "year_slashes": (lambda d, r: f"{d.year}/{_pad(d.month, r)}/{_pad(d.day, r)}", False),
    "year_dots": (lambda d, r: f"{d.year}.{_pad(d.month, r)}.{_pad(d.day, r)}", False),
    "compact": (lambda d, r: f"{d.year}{d.month:02d}{d.day:02d}", False),
    "korean": (lambda d, r: f"{d.year}년 {d.month}월 {d.day}일", False),
    "korean_weekday": (lambda d, r: f"{d.year}년 {d.month}월 {d.day}일 {KO_WEEKDAYS[d.weekday()]}요일", False),
    "korean_paren_weekday": (lambda d, r: f"{d.year}년 {d.month}월 {d.day}일 ({KO_WEEKDAYS[d.weekday()]})", False),
    "korean_short": (lambda d, r: f"{d.year % 100:02d}. {_pad(d.month, r)}. {_pad(d.day, r)}.", True),
}
EXAMPLE = dt.date(2026, 11, 24)


def noisy(text: str, r: random.Random) -> str:
    """Random letter case and, sometimes, doubled spaces: how people type."""
    case = r.random()
    if case < 0.15:
        text = text.upper()
    elif case < 0.3:
        text = text.lower()
    elif case < 0.4:
        text = "".join(c.upper() if r.random() < 0.5 else c.lower() for c in text)
    if r.random() < 0.15:
        text = text.replace(" ", "  ", 1)
    return text


@lru_cache(maxsize=1)
def _days() -> tuple[list[dt.date], list[dt.date]]:
    days = [FIRST + dt.timedelta(n) for n in range((LAST - FIRST).days + 1)]
    random.Random(SPLIT_SEED).shuffle(days)
    cut = int(len(days) * (1 - HELDOUT_FRACTION))
    return sorted(days[:cut]), sorted(days[cut:])


@lru_cache(maxsize=4)
def days(split: str, short_year: bool = False) -> list[dt.date]:
    """The train or held-out days, only 1950–2049 when the format writes a two-digit year."""
    chosen = _days()[0 if split == "train" else 1]
    if short_year:
        lo, hi = SHORT_YEARS
        chosen = [d for d in chosen if lo <= d <= hi]
    return chosen


def example(fmt: str, date: dt.date, r: random.Random, noise: bool = True) -> str:
    write, _ = FORMATS[fmt]
    text = write(date, r)
    return noisy(text, r) if noise else text


def sample(split: str, n: int, r: random.Random, fmt: str | None = None) -> list[tuple[str, str, str]]:
    """n (text, ISO, format) triples: dates from the split, formats uniform unless one is given."""
    out = []
    for _ in range(n):
        name = fmt or r.choice(list(FORMATS))
        date = r.choice(days(split, FORMATS[name][1]))
        out.append((example(name, date, r), date.isoformat(), name))
    return out


class _Choices:
    """Stands in for random.Random in a format, giving each padding choice from a fixed list."""

    def __init__(self, values):
        self.values = list(values)

    def random(self) -> float:
        return self.values.pop(0) if self.values else 0.0


def writings(date: dt.date) -> dict[str, set[str]]:
    """Every way each format writes a date (all zero-padding choices), lower-cased with single spaces."""
    out = {}
    for name, (write, _) in FORMATS.items():
        out[name] = {" ".join(write(date, _Choices(pads)).lower().split()) for pads in ((0, 0), (0, 1), (1, 0), (1, 1))}
    return out


def recognise(text: str, iso: str) -> str | None:
    """The format in which `text` writes the date `iso`, or None when no trained format does."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return None
    if not FIRST <= date <= LAST:
        return None
    typed = " ".join(text.lower().split())
    for name, forms in writings(date).items():
        if typed in forms and (not FORMATS[name][1] or SHORT_YEARS[0] <= date <= SHORT_YEARS[1]):
            return name
    return None


def variants(text: str) -> list[tuple[str, str]]:
    """The same input made harder: (kind, text) with kind one of trimmed, omitted, permuted."""
    words = text.split()
    out = [("trimmed", text[:-2]), ("trimmed", text[2:])]
    out += (
        [("omitted", " ".join(words[:i] + words[i + 1 :])) for i in range(min(len(words), 4))] if len(words) > 1 else []
    )
    if len(words) > 1:
        out += [("permuted", " ".join(words[::-1])), ("permuted", " ".join([words[1], words[0], *words[2:]]))]
    seen, unique = {text}, []
    for kind, v in out:
        if v.strip() and v not in seen:
            seen.add(v)
            unique.append((kind, v))
    return unique


# ---------------------------------------------------------------------------------------------------
# Variations: the same dates written the many small ways people write them, for training a reader that
# has learned the structure rather than 23 templates. Every choice is drawn independently, so most texts
# are combinations no template writes. Day/month order follows one rule a reader can learn: a number
# above 12 is the day; when both could be months, the separator decides (slash: month first; dot or
# dash: day first). Korean dates with a two-digit year end with a dot or have a space after each dot
# ("26. 11. 24.", "26.11.24."), which is how they differ from a day-first "24.11.26".
# ---------------------------------------------------------------------------------------------------

LONG_ABBREVIATIONS = {"September": "Sept", "Tuesday": "Tues", "Wednesday": "Weds", "Thursday": "Thurs"}
VARIATIONS = ("words", "numeric", "year_first", "korean", "compact")


def _short_year_ok(date: dt.date) -> bool:
    return SHORT_YEARS[0] <= date <= SHORT_YEARS[1]


def _name(full: str, r: random.Random) -> str:
    """A month or weekday name: full, three letters, three letters and a dot, or the longer abbreviation."""
    u = r.random()
    if u < 0.4:
        return full
    short = LONG_ABBREVIATIONS[full] if full in LONG_ABBREVIATIONS and u < 0.55 else full[:3]
    return short + "." if r.random() < 0.3 else short


def _words(date: dt.date, r: random.Random) -> str:
    month = _name(MONTHS[date.month - 1], r)
    u = r.random()
    day = ordinal(date.day) if u < 0.3 else (f"{date.day:02d}" if u < 0.4 else str(date.day))
    u = r.random()
    if _short_year_ok(date) and u < 0.15:
        year = f"'{date.year % 100:02d}"
    else:
        year = str(date.year)
    comma = "," if r.random() < 0.5 else ""
    order = r.random()
    if order < 0.45:
        text = f"{month} {day}{comma} {year}"
    elif order < 0.8:
        if _short_year_ok(date) and year.startswith("'") and r.random() < 0.3:
            year = year[1:]  # "24 Nov 26": a bare two-digit year after a month name
        text = f"{day} {month}{',' if r.random() < 0.15 else ''} {year}"
    elif order < 0.9:
        text = f"{'the ' if r.random() < 0.6 else ''}{ordinal(date.day)} of {month}{comma} {year}"
    else:
        text = f"{month} the {ordinal(date.day)}{comma} {year}"
    u = r.random()
    weekday = WEEKDAYS[date.weekday()]
    if u < 0.25:
        text = f"{_name(weekday, r)}{',' if r.random() < 0.6 else ''} {text}"
    elif u < 0.3:
        text = f"{text}, {_name(weekday, r)}"
    elif u < 0.35:
        text = f"{text} ({_name(weekday, r).rstrip('.')})"
    u = r.random()
    if u < 0.05:
        text += "."
    elif u < 0.08:
        text = f"({text})"
    return text


def _numeric(date: dt.date, r: random.Random) -> str:
    sep = r.choice("/.-")
    if sep == "/":
        month_first = date.day <= 12 or r.random() < 0.5
    else:
        month_first = date.day > 12 and r.random() < 0.4
    first, second = (date.month, date.day) if month_first else (date.day, date.month)
    short = _short_year_ok(date) and r.random() < 0.3 and sep != "-"
    year = f"{date.year % 100:02d}" if short else str(date.year)
    spaced = not short and r.random() < 0.1
    join = f" {sep} " if spaced else sep
    return join.join([_pad(first, r), _pad(second, r), year])


def _year_first(date: dt.date, r: random.Random) -> str:
    short = _short_year_ok(date) and r.random() < 0.3
    sep = "." if short else r.choice("-/..")
    year = f"{date.year % 100:02d}" if short else str(date.year)
    parts = [year, _pad(date.month, r), _pad(date.day, r)]
    if sep == ".":
        spaced = r.random() < 0.5
        closing = r.random() < 0.6 or (short and not spaced)  # a short year needs one of the two
        text = (". " if spaced else ".").join(parts) + ("." if closing else "")
        if r.random() < 0.2:
            text += f"{' ' if r.random() < 0.5 else ''}({KO_WEEKDAYS[date.weekday()]})"
        return text
    join = f" {sep} " if r.random() < 0.1 else sep
    return join.join(parts)


def _korean(date: dt.date, r: random.Random) -> str:
    year = f"{date.year % 100:02d}" if _short_year_ok(date) and r.random() < 0.3 else str(date.year)
    unit = " " if r.random() < 0.1 else ""  # "2026 년"
    gap = "" if r.random() < 0.15 else (" " if r.random() < 0.9 else "  ")
    month = f"{date.month:02d}" if r.random() < 0.15 else str(date.month)
    day = f"{date.day:02d}" if r.random() < 0.15 else str(date.day)
    text = f"{year}{unit}년{gap}{month}{unit}월{gap}{day}{unit}일"
    w = KO_WEEKDAYS[date.weekday()]
    space = " " if r.random() < 0.7 else ""
    u = r.random()
    if u < 0.2:
        text += f"{space}{w}요일"
    elif u < 0.35:
        text += f"{space}({w})"
    elif u < 0.4:
        text += f" {w}"
    return text


def _compact(date: dt.date, r: random.Random) -> str:
    return f"{date.year}{date.month:02d}{date.day:02d}"


_WRITERS = {"words": _words, "numeric": _numeric, "year_first": _year_first, "korean": _korean, "compact": _compact}
_SHARES = {"words": 0.45, "numeric": 0.2, "year_first": 0.15, "korean": 0.15, "compact": 0.05}


def typed(text: str, r: random.Random) -> str:
    """How the text is typed: letter case, and spaces doubled, dropped, or put before a comma."""
    text = noisy(text, r)
    u = r.random()
    if u < 0.05 and any(c.isalpha() for c in text):
        text = text.replace(" ", "")  # "24Nov2026", "2026년11월24일"
    elif u < 0.1:
        text = text.replace(",", " ,")
    elif u < 0.15:
        text = text.replace(", ", ",")
    elif u < 0.2:
        text = text.replace(" ", "  ")
    return text


def varied(date: dt.date, r: random.Random, kind: str | None = None) -> tuple[str, str]:
    """One variation of a date: (text, kind), the kind drawn by its share unless given."""
    kind = kind or r.choices(list(_SHARES), weights=list(_SHARES.values()))[0]
    return typed(_WRITERS[kind](date, r), r), kind


def sample_varied(split: str, n: int, r: random.Random, kind: str | None = None) -> list[tuple[str, str, str]]:
    """n (text, ISO, kind) triples of variations of dates from the split."""
    out = []
    for _ in range(n):
        date = r.choice(days(split))
        text, k = varied(date, r, kind)
        out.append((text, date.isoformat(), k))
    return out
