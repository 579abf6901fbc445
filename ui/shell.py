"""What every page shares: page setup, language, URL state, navigation, About, model loading.

A page starts with `page = shell.page("id", SETTINGS, models=(...))` and then only draws its own content:
the shell has set up the language, the URL state and the sidebar, and loaded the models the page
declared (or explained how to rebuild a missing one and stopped the page).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import threading
import urllib.parse

import plotly.graph_objects  # noqa: F401
import plotly.subplots  # noqa: F401
import streamlit as st
import streamlit.delta_generator

import figures
from models import hub
from models.hub import registry
from ui import classroom, course, network, urlstate
from ui.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, t
from ui.urlstate import Setting

APP_VERSION = "0.1.0"
# What each page declared (read by the tests): page id -> the models the whole page needs, and the
# models that only one of its sections needs (a broken one hides that section, not the page).
DECLARED: dict[str, tuple[str, ...]] = {}
SECTION_MODELS: dict[str, set[str]] = {}
LANG = Setting("lang", DEFAULT_LANG, choices=LANGS)
PRESENT = Setting("present", False)  # presenter mode, kept across pages like the language
KEPT = (LANG, PRESENT)  # settings every page has and every link carries

# Buffers of 2 MB and more come from the system and go back to it when freed (glibc; elsewhere nothing
# changes). By default glibc raises that threshold to the size of each large buffer freed, after which a
# thread's arena kept growing: the ViT page's held-out loop (1,000 digits through the model, 25 at a time)
# in a thread raised the process's peak memory by 168 MB, and by 34 MB with this fixed threshold, for 10%
# more time in that loop (measured). Setting it also stops glibc's raising it.
with contextlib.suppress(OSError, AttributeError):
    ctypes.CDLL("libc.so.6").mallopt(-3, 2 * 1024 * 1024)  # M_MMAP_THRESHOLD

# Every figure's template: Streamlit's (set by `import streamlit`) and the figures' own on top.
figures.layer_templates()

# Streamlit runs a full garbage collection after every script run (runner.postScriptGC), and each
# walked every object of torch, plotly, streamlit and the loaded models: under a class, half the
# server's time. Those objects live as long as the process, so they are moved out of the collector's
# sight: once here (the imports), once after the models load and once after each page's first run
# (`settle`). With that, 60 simulated students on 2 replicas went from p95 2,246 ms to 304 ms
# (bench/classroom.py), and a 12-minute soak stayed bounded with the collection on.
gc.freeze()


# In a server (not in AppTest): every run's messages leave at once (ui/network.py says why they did not).
# And no check, at the process's first element, for whether Streamlit runs in a Python prompt (to warn that
# an app needs `streamlit run`): in a server the answer is no, and the check (inspect.stack(), which looks up
# each frame's module among the thousands loaded) took 0.26 s of a new server's first page (a py-spy profile).
if st.runtime.exists():
    network.no_delay()
    streamlit.delta_generator._use_warning_has_been_displayed = True


# pandas is imported by one thread at a time, and whole before anything of a run can meet it: Streamlit imports
# it for a run's first table, and Plotly and narwhals look it up in sys.modules without importing it, so a run
# that met it half-imported by another thread (a session's first table, or the warm-up) failed with
# "partially initialized module 'pandas' has no attribute 'Series'" (seen in a test). Not at this module's
# import: a new server's home page is drawn without it (0.5 s of its first run; the home page needs it only
# for the hidden table at its foot, views.preload).
_tables = threading.Lock()


def tables() -> None:
    """pandas imported, whole, before the run goes on: every page but the home page at its start (`page`),
    the home page before its hidden tables (views.preload), the warm-up first."""
    with _tables:
        import pandas  # noqa: F401


def threads() -> None:
    """torch imported, with one thread per computation: in a small shared server one thread per request keeps
    sessions from fighting over cores. Not at this module's import: the home page draws no model, and a new
    server draws it without waiting for torch's import (2.5 s of a cold start of 7 s on a 2-core machine);
    the warm-up imports it next, in the background."""
    import torch

    torch.set_num_threads(1)


@st.cache_resource(show_spinner=False, max_entries=16)
def load(name: str):
    """A model and its card, loaded once per server process and shared by every session."""
    threads()
    return hub.load(name)


_warming = threading.Lock()
_warmed = False


def warm() -> None:
    """Load every model once, in the background, when a server starts (`warm_up`): no student waits for a
    model load on a page's first visit. Not without a Streamlit runtime (AppTest has one), or with
    SEQGEN_WARM=0."""
    global _warmed
    if not st.runtime.exists() or os.environ.get("SEQGEN_WARM") == "0":
        return
    with _warming:
        if _warmed:
            return
        _warmed = True

    threading.Thread(target=warm_up, name="warm-models", daemon=True).start()


def warm_up() -> None:
    """What `warm` does in the background: every model loaded. Nothing a run computes: the ViT's sums over the
    held-out digits, computed here, raised the server's peak memory after every page from 580 to 601 MB
    (median of three benchmark runs; 651 at most), past the 600 MB a small host allows, as memory a thread
    frees stayed with that thread's allocator arena (measured before the fixed mmap threshold above). No
    import of a module a run could meet half-done (pandas: see `tables`, imported first); torch is imported here,
    first, and nothing a page uses looks it up in sys.modules without importing it (a page that imports it
    waits for this import to finish)."""
    tables()
    threads()
    for name in registry.MODELS:
        with contextlib.suppress(hub.ModelUnavailable):  # the page that needs it explains the fix
            load(name)
    settle()


_settled: set[str] = set()
_seen: set[str] = set()


def settle(page_id: str | None = None) -> None:
    """Move what will live as long as the process (the models; the modules, figure validators and caches
    a page's first run creates) out of the garbage collector's sight, once per page: Streamlit's full
    collection after every run (`runner.postScriptGC`) then walks only what runs create. Cycles that are
    garbage at that moment are collected first; at most one freeze per page and one after the warm-up."""
    if page_id is not None:
        fresh = _seen - _settled  # pages whose first run has finished since the last freeze
        _seen.add(page_id)
        if not fresh:
            return
        _settled.update(fresh)
    gc.collect()
    gc.freeze()


class Page:
    """One run of one page: its language, its settings and the helpers to draw them."""

    def __init__(self, page_id: str, settings: list[Setting]):
        self.id = page_id
        self.settings = {s.key: s for s in [*KEPT, *settings]}
        self.models: dict[str, tuple] = {}  # name -> (model, card), for the models the page declared

    @property
    def lang(self) -> str:
        return st.session_state.get("lang", DEFAULT_LANG)

    @property
    def presenting(self) -> bool:
        return bool(st.session_state.get("present", False))

    def kept(self) -> dict[str, str]:
        """The query string every link carries: language and presenter mode, when not the defaults."""
        return {
            s.key: s.dump(st.session_state[s.key]) for s in KEPT if st.session_state.get(s.key, s.default) != s.default
        }

    @property
    def on_phone(self) -> bool:
        """A phone's browser (its user agent says "Mobile"): the first screen is small."""
        return "Mobile" in (st.context.headers.get("User-Agent") or "")

    def intro(self, **values) -> None:
        """The page's introduction; folded away in presenter mode and on phones, where charts need the screen."""
        if self.presenting or self.on_phone:
            with st.expander(self.t("present.intro")):
                st.markdown(self.t(".intro", **values))
        else:
            st.markdown(self.t(".intro", **values))

    def reset(self) -> None:
        """Every setting of this page back to its default (language and presenter mode stay)."""
        self.set(**{k: s.initial() for k, s in self.settings.items() if s not in KEPT})

    def share_url(self) -> str:
        """The address of exactly this view, language included, for other people's screens."""
        query = dict(st.query_params) | {"lang": self.lang}
        query.pop("present", None)  # a student's phone gets the normal page, not the projector's
        return f"{st.context.url or ''}?{urllib.parse.urlencode(query)}"

    def t(self, key: str, **values) -> str:
        """A catalog string; a key starting with '.' belongs to this page."""
        return t(f"{self.id}{key}" if key.startswith(".") else key, self.lang, **values)

    def __getitem__(self, key: str):
        return st.session_state[key]

    def sync(self) -> None:
        urlstate.push(list(self.settings.values()))

    def set(self, **values) -> None:
        """Change settings from code (a button, a chart click): the widgets and the URL together."""
        st.session_state.update(values)
        self.sync()

    def card(self, name: str) -> dict:
        return self.models[name][1]

    def widget(self, make, key: str, **kwargs):
        """A widget bound to a setting: label from the catalog, range from the table, URL on change."""
        s = self.settings[key]
        if s.choices is not None:
            kwargs.setdefault("options", s.choices)
        elif s.lo is not None:
            kwargs.setdefault("min_value", s.lo)
            kwargs.setdefault("max_value", s.hi)
        label = kwargs.pop("label", None) or self.t(f".{key}")
        # persist_state="page": a widget that a run did not draw (a section hidden behind an empty text
        # box) keeps its value while the student stays on the page. Without it Streamlit drops the value,
        # and after two such runs in a row the widget came back as None in the browser.
        if s.browser:  # switches views in the browser (ui/views.py), which also writes the URL: no run
            kwargs["on_change"] = "ignore"
        kwargs.setdefault("on_change", self.sync)
        return make(label, key=key, persist_state="page", **kwargs)

    def link(self, info: course.PageInfo, label_key: str = "nav") -> None:
        """A link to another page that keeps the language and presenter mode."""
        st.page_link(info.file, label=self.t(f"{info.id}.{label_key}"), icon=info.icon, query_params=self.kept())

    def _load(self, name: str) -> bool:
        """Load a declared model into self.models; on a missing or broken file, explain the fix and say False."""
        try:
            self.models[name] = load(name)
            return True
        except hub.ModelUnavailable as err:
            st.error(
                self.t(
                    "model.unavailable",
                    name=name,
                    problem=self.t(f"model.problem.{err.problem}"),
                    detail=err.detail,
                    fix=err.fix,
                ),
                icon=":material/error:",
            )
            return False

    def need(self, *names: str) -> bool:
        """The models one section needs: True when all load; else the section shows the fix and is skipped."""
        SECTION_MODELS.setdefault(self.id, set()).update(names)
        return all(self._load(name) for name in names)


def config(name: str, default):
    """The config a shipped model was trained with, read from its card, so that a page's ranges follow the
    weights; `default` (the family's Config class) when the card cannot be read: the page then stops in
    `page()` with the rebuild command."""
    try:
        return default(**hub.read_card(name)["config"])
    except (hub.ModelUnavailable, KeyError, TypeError):
        return default()


def page(page_id: str, settings: list[Setting] = (), models: tuple[str, ...] = (), light: bool = False) -> Page:
    """Set up a page: URL state, language, sidebar, title, its models; return its helper. A `light` page
    (the home page) uses no torch and leaves the warm-up to its end (it calls `warm()` once it is drawn): a
    new server's first page then waits for neither."""
    if not light:
        tables()
        threads()
        warm()
    settle(page_id)
    view = Page(page_id, list(settings))
    bad, unknown = urlstate.restore(list(view.settings.values()), page_id)
    # An emoji favicon: a material icon would be fetched from a font server.
    st.set_page_config(
        page_title=view.t(f"{page_id}.nav"),
        page_icon="🧠",
        layout="wide",
        initial_sidebar_state="collapsed" if view.presenting else "auto",
    )
    if view.presenting:
        classroom.presenter_style()
    _sidebar(view)
    st.title(view.t(f"{page_id}.title"))
    if bad:
        st.warning(view.t("url.bad", keys=", ".join(bad)), icon=":material/link_off:")
    if unknown:
        st.info(view.t("url.unknown", keys=", ".join(unknown)), icon=":material/link:")
    view.sync()
    DECLARED[page_id] = tuple(models)
    for name in models:
        if not view._load(name):
            st.stop()
    return view


def _sidebar(view: Page) -> None:
    with st.sidebar:
        classroom.reload_on_reconnect()
        view.widget(st.segmented_control, "lang", label="Language · 언어", format_func=LANG_NAMES.get, required=True)
        view.widget(st.toggle, "present", label=view.t("present.toggle"), help=view.t("present.help"))
        c1, c2 = st.columns(2)
        if c1.button(view.t("share.button"), icon=":material/qr_code_2:", key="page_share", width="stretch"):
            classroom.share_dialog(view)
        if view.id != "home":
            c2.button(
                view.t("reset.button"),
                icon=":material/restart_alt:",
                key="page_reset",
                on_click=view.reset,
                width="stretch",
                help=view.t("reset.help"),
            )
        view.link(course.HOME)
        for part in course.PARTS:
            if part.pages:
                st.caption(view.t(f"part.{part.id}"))
            for p in part.pages:
                view.link(p)
        with st.expander(view.t("about.title"), icon=":material/info:"):
            st.markdown(view.t("about.body", version=APP_VERSION))
