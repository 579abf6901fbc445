"""A class route through the course: about ten stops in order, each a view to project and a question to ask."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from ui import course


@dataclass(frozen=True)
class Stop:
    page: str  # page id
    minutes: int
    view: dict[str, str] = field(default_factory=dict)  # the page's settings for this stop (its query string)

    @property
    def info(self) -> course.PageInfo:
        return next(p for p in course.all_pages() if p.id == self.page)


STOPS = (
    Stop("markov", 5, {"model": "lstm", "pos": "30"}),
    Stop("gates", 5, {"model": "lstm", "internal": "c"}),
    Stop("gradients", 5, {"scale": "1.0", "distance": "100"}),
    Stop("translator", 5, {"step": "1"}),
    Stop("self_attention", 5, {"scale": "false"}),
    Stop("positions", 5, {"without": "true"}),
    Stop("vit", 5, {"layer": "1", "head": "mean"}),
    Stop("nade", 5, {"step": "300"}),
    Stop("mle", 5, {}),
    Stop("vae", 5, {"codes": "true"}),
)


def link(stop: Stop, lang: str, present: bool = False, base: str = "") -> str:
    """The address of a stop's view: its page, its settings, the language, presenter mode if asked."""
    query = dict(stop.view) | {"lang": lang} | ({"present": "true"} if present else {})
    return f"{base}/{stop.page}?{urllib.parse.urlencode(query)}"


def handout(t, lang: str, base: str = "") -> str:
    """The route as a one-page Markdown handout; t(key, **values) reads the catalog."""
    total = sum(s.minutes for s in STOPS)
    lines = [f"# {t('route.title', minutes=total)}", "", t("route.intro"), ""]
    for n, stop in enumerate(STOPS, 1):
        lines += [
            f"## {n}. {t(f'{stop.page}.nav')} · {t('route.minutes', minutes=stop.minutes)}",
            "",
            f"- **{t('route.ask')}** {t(f'route.{stop.page}.question')}",
            f"- **{t('route.show')}** <{link(stop, lang, base=base)}>",
            f"- **{t('route.conclude')}** {t(f'route.{stop.page}.conclusion')}",
            "",
        ]
    return "\n".join(lines)
