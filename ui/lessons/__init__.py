"""Teaching on top of the views: guides (try these steps, then notice) and predict-then-reveal questions.

A page's lessons live in `ui/lessons/<page id>.py` as data: `Guide`s and `Question`s that name the
settings each step sets, and a `facts(...)` function that computes, from the real model, the numbers
the sentences quote. Their words are in `ui/locales/<lang>/<page id>.json`. Tests check every sentence
that says what the student will see against the model at the view its step sets (tests/test_lessons_*.py).

Catalog keys, for a page `p`, a guide `g` and a question `q`:
  p.g.try1 … p.g.tryN   the steps (button labels)     p.g.notice   what to notice, and what it means
  p.q.prompt            the question                   p.q.<option>  each answer
  p.q.why               the explanation shown once answered (its {placeholders} come from facts)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class Guide:
    """Numbered steps, each a button that sets part of the view (so a step is also a link), then a notice."""

    id: str
    steps: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Question:
    """Asked before the view that answers it; answering sets that view and explains with the model's numbers."""

    id: str
    options: tuple[str, ...]
    answer: str
    view: dict[str, Any] = field(default_factory=dict)


def guide(page, g: Guide, notice: Callable[[], None] | None = None, **values) -> None:
    """'Try this': the steps as buttons, then what to notice. `values` fill the sentences' placeholders;
    `notice`, when given, draws what to notice instead (a sentence that follows views the browser switches)."""
    with st.container(border=True, key=f"guide_{g.id}"):
        st.markdown(f"**{page.t('lesson.try')}**")
        for n, view in enumerate(g.steps, 1):
            st.button(
                page.t(f".{g.id}.try{n}", **values),
                key=f"try_{g.id}_{n}",
                on_click=page.set,
                kwargs=view,
                icon=":material/touch_app:",
                type="tertiary",
            )
        if notice is None:
            st.markdown("→ " + page.t(f".{g.id}.notice", **values))
        else:
            notice()


def ask(page, q: Question, facts: Callable[[], dict] | None = None) -> bool:
    """A prediction to make first; once made, the view that answers it, a verdict and why. True once answered."""
    key = f"answer_{q.id}"

    def reveal() -> None:
        if st.session_state.get(key) is not None and q.view:
            page.set(**q.view)

    answered = st.session_state.get(key) is not None
    if page.on_phone:  # a phone's first screen is for the chart: the question waits, folded, below its title
        box = st.expander(page.t("lesson.predict_folded"), expanded=answered, icon=":material/quiz:")
    else:
        box = st.container(border=True, key=f"question_{q.id}")
    with box:
        st.markdown(f"**{page.t('lesson.predict')}** {page.t(f'.{q.id}.prompt')}")
        labels = {o: page.t(f".{q.id}.{o}") for o in q.options}
        choice = st.segmented_control(
            page.t("lesson.your_answer"),
            q.options,
            format_func=labels.get,
            key=key,
            on_change=reveal,
            label_visibility="collapsed",
        )
        if choice is None:
            if not (page.presenting or page.on_phone):  # on a small screen the chart needs the room
                st.caption(page.t("lesson.pick_first"))
            return False
        if choice == q.answer:
            st.success(page.t("lesson.right"), icon=":material/check_circle:")
        else:
            st.warning(page.t("lesson.not_quite", answer=labels[q.answer]), icon=":material/lightbulb:")
        st.markdown(page.t(f".{q.id}.why", **(facts() if facts else {})))
        return True
