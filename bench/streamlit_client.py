"""A small Streamlit client at the protocol level: what a browser tab sends and keeps, without a browser.

It speaks to a running `streamlit run` server over its websocket (`/_stcore/stream`, subprotocol
`streamlit`), one protobuf per frame: `BackMsg` up, `ForwardMsg` down. Like Streamlit's frontend it

- opens a page with `BackMsg.rerun_script` carrying the query string and the page's name, then uses the
  page's real script hash from the `navigation` message for every later rerun;
- keeps the widgets it has been sent (id, kind, range, value, the fragment they belong to) and sends a
  changed value back (a slider as `double_array_value`, a number input as `double_value`), rerunning
  only the widget's fragment when it lives in one;
- keeps the address the app writes (`page_info_changed`), as the browser's URL bar does;
- keeps a cache of large messages and lists their hashes with every rerun, so the server sends
  references (`ref_hash`) instead of whole figures, and resolves those references;
- keeps the view (element content hash per delta path), so a caller can tell whether a rerun really
  changed what a student sees.

A run ends at `script_finished`; `Run.latency` is from sending the BackMsg until then.
Only the standard library, protobuf (Streamlit's) and `websockets` (a dependency of Streamlit) are used.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

# Element kinds that are what a student looks at (not the controls themselves, not placeholders).
CONTENT = {
    "plotly_chart",
    "bidi_component",  # the app's own charts and views (ui/views.py)
    "vega_lite_chart",
    "imgs",
    "markdown",
    "text",
    "code",
    "metric",
    "dataframe",
    "table",
    "html",
    "alert",
    "heading",
    "json",
    "progress",
    "echarts_chart",
    "graphviz_chart",
    "exception",
}
CHARTS = {"plotly_chart", "bidi_component", "vega_lite_chart", "imgs", "echarts_chart", "graphviz_chart"}
DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
MAX_CACHED_AGE = 2  # Streamlit's global.maxCachedMessageAge: runs a cached message survives unused


def widget_key(widget_id: str) -> str | None:
    """The user key in an element id ('$$ID-<hash>-<key>'), or None for a widget without one."""
    m = re.match(r"^\$\$ID-[0-9a-f]+-(.+)$", widget_id)
    return m.group(1) if m and m.group(1) != "None" else None


@dataclass
class Widget:
    kind: str  # 'slider' or 'number_input' (others are kept with their kind, but not driven)
    id: str
    key: str | None
    lo: float
    hi: float
    step: float
    value: float | None  # what the browser would show now
    is_int: bool
    fragment_id: str
    path: tuple[int, ...]


@dataclass
class Run:
    """What one rerun brought: its latency, what it changed, what went wrong."""

    latency: float = 0.0
    status: int = -1
    changed: list[str] = field(default_factory=list)  # element kinds whose content differs from the view before
    exceptions: list[str] = field(default_factory=list)
    messages: int = 0
    refs: int = 0  # references the server sent instead of a cached message
    nbytes: int = 0

    @property
    def changed_view(self) -> bool:
        return bool(self.changed)

    @property
    def changed_chart(self) -> bool:
        return any(k in CHARTS for k in self.changed)


class ProtocolError(RuntimeError):
    pass


class StreamlitClient:
    """One browser tab's worth of Streamlit protocol on one websocket."""

    def __init__(self, base_url: str, *, timeout: float = 120.0, use_cache: bool = True):
        parts = urllib.parse.urlsplit(base_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"only a local server: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.timeout = timeout
        self.use_cache = use_cache
        self.ws = None
        self.page_name = ""
        self.page_script_hash = ""
        self.query_string = ""
        self.widgets: dict[str, Widget] = {}  # id -> widget, as last drawn
        self.sent: dict[str, object] = {}  # id -> WidgetState proto we hold for it
        self.view: dict[tuple[int, ...], tuple[str, str, str]] = {}  # path -> (kind, content hash, fragment id)
        self.elements: dict[tuple[int, ...], object] = {}  # path -> Element proto (last drawn)
        self.cache: dict[str, list] = {}  # hash -> [ForwardMsg, last run it was used]
        self.runs = 0
        self.queries: list[str] = []  # every address the app wrote, in order

    async def __aenter__(self) -> StreamlitClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            proxy=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # ---- what the student does ------------------------------------------------------------------

    async def open(self, page_name: str, query: str | dict = "") -> Run:
        """Open a page ('' is the main page) at an address, as typing its URL does."""
        if isinstance(query, dict):
            query = urllib.parse.urlencode(query)
        self.page_name, self.page_script_hash, self.query_string = page_name, "", query
        self.widgets, self.sent, self.view, self.elements = {}, {}, {}, {}
        return await self._rerun()

    async def set(self, widget: Widget | str, value: float) -> Run:
        """Give a slider or number input a new value (as dragging or typing it does) and wait for the rerun."""
        w = self.widgets[widget] if isinstance(widget, str) else widget
        if w.kind not in ("slider", "number_input"):
            raise ValueError(f"cannot drive a {w.kind}")
        state = BackMsg().rerun_script.widget_states.widgets.add()
        state.id = w.id
        if w.kind == "slider":
            state.double_array_value.data.append(float(value))
        else:
            state.double_value = float(value)
        self.sent[w.id] = state
        w.value = value
        return await self._rerun(fragment_id=w.fragment_id)

    async def rerun(self) -> Run:
        """Run the whole page again with what this tab holds (the 'Rerun' of Streamlit's menu)."""
        return await self._rerun()

    def controls(self, kinds=("slider", "number_input")) -> list[Widget]:
        """The driveable widgets drawn now, top to bottom."""
        return sorted((w for w in self.widgets.values() if w.kind in kinds), key=lambda w: w.path)

    def widget(self, key: str) -> Widget:
        found = [w for w in self.widgets.values() if w.key == key]
        if not found:
            raise KeyError(key)
        return found[0]

    def param(self, key: str) -> str | None:
        """A value in the address the app keeps now."""
        return urllib.parse.parse_qs(self.query_string).get(key, [None])[0]

    def chart(self, key: str) -> str | None:
        """The Plotly figure (JSON) drawn now for a chart's key (st.plotly_chart's or ui.views.chart's), or None."""
        for el in self.elements.values():
            kind = el.WhichOneof("type")
            if kind == "plotly_chart" and widget_key(el.plotly_chart.id) == key:
                return el.plotly_chart.spec
            if kind == "bidi_component" and widget_key(el.bidi_component.id) == f"{key}_views":
                part = json.loads(el.bidi_component.bytes)["views"].get("")  # JSON bytes (ui.views.show)
                return json.dumps({"data": part["data"], "layout": part["layout"]}) if part else None
        return None

    def content(self, kinds=CONTENT) -> dict[tuple[int, ...], tuple[str, str]]:
        """Path -> (kind, content hash) of what is drawn now."""
        return {p: (k, h) for p, (k, h, _) in self.view.items() if k in kinds}

    # ---- the protocol ---------------------------------------------------------------------------

    async def _rerun(self, fragment_id: str = "") -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_name = self.page_name
        cs.page_script_hash = self.page_script_hash
        cs.fragment_id = fragment_id
        for state in self.sent.values():
            cs.widget_states.widgets.add().CopyFrom(state)
        if self.use_cache:
            cs.cached_message_hashes.extend(self.cache)
        info = cs.context_info
        info.url = f"{self.base_url}/{self.page_name}"
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.is_embedded, info.color_scheme = False, "light"
        before = dict(self.view)
        run = Run()
        touched: set[tuple[int, ...]] = set()
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = t0 + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout} s ({self.page_name}?{self.query_string})")
            data = await asyncio.wait_for(self.ws.recv(), left)
            run.nbytes += len(data)
            fm = ForwardMsg()
            fm.ParseFromString(data)
            run.messages += 1
            kind = fm.WhichOneof("type")
            if kind == "ref_hash":
                run.refs += 1
                cached = self.cache.get(fm.ref_hash)
                if cached is None:
                    raise ProtocolError(f"reference to a message not in the cache: {fm.ref_hash}")
                cached[1] = self.runs
                full = ForwardMsg()
                full.CopyFrom(cached[0])
                full.metadata.CopyFrom(fm.metadata)
                fm, kind = full, "delta"
            elif fm.metadata.cacheable and self.use_cache:
                self.cache[fm.hash] = [fm, self.runs]
            if kind == "delta":
                self._apply(fm, run, touched)
            elif kind == "navigation":
                self.page_script_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
                self.queries.append(self.query_string)
            elif kind == "page_not_found":
                run.exceptions.append(f"page not found: {fm.page_not_found.page_name}")
            elif kind == "script_finished" and fm.script_finished in DONE:  # not FINISHED_EARLY_FOR_RERUN
                run.latency = time.perf_counter() - t0
                run.status = fm.script_finished
                break
        self.runs += 1
        self.cache = {h: e for h, e in self.cache.items() if self.runs - e[1] <= MAX_CACHED_AGE}
        # Elements the run did not draw again are gone from the page (within the fragment, for a fragment run).
        for path in list(self.view):
            if path not in touched and (not fragment_id or self.view[path][2] == fragment_id):
                del self.view[path]
                self.elements.pop(path, None)
        live = {w.id for w in self.widgets.values() if w.path in self.view}
        self.widgets = {i: w for i, w in self.widgets.items() if i in live}
        run.changed = sorted(
            {k for p, (k, h, _) in self.view.items() if k in CONTENT and before.get(p, (None, None))[1] != h}
        )
        return run

    def _apply(self, fm: ForwardMsg, run: Run, touched: set) -> None:
        delta = fm.delta
        if delta.WhichOneof("type") != "new_element":
            return
        path = tuple(fm.metadata.delta_path)
        el = delta.new_element
        kind = el.WhichOneof("type")
        touched.add(path)
        self.view[path] = (kind, fm.hash, delta.fragment_id)
        self.elements[path] = el
        if kind == "exception":
            run.exceptions.append(f"{el.exception.type}: {el.exception.message}")
        elif kind in ("slider", "number_input"):
            p = getattr(el, kind)
            if kind == "slider" and (p.type == p.Type.SELECT_SLIDER or p.options or p.data_type > 1):
                return  # select sliders and dates are not driven here
            if p.ignore_rerun:
                return  # it switches views in the browser (ui/views.py): a browser sends the server nothing
            held = self.sent.get(p.id)
            if p.set_value:  # the app set it from code (from the address, say): the browser takes that value
                self.sent.pop(p.id, None)
                value = p.value[0] if kind == "slider" else p.value
            elif held is not None:
                value = held.double_array_value.data[0] if kind == "slider" else held.double_value
            else:
                value = p.default[0] if kind == "slider" else p.default
            if kind == "slider":
                lo, hi, is_int = p.min, p.max, p.data_type == p.DataType.INT
            else:
                lo = p.min if p.has_min else -1e9
                hi = p.max if p.has_max else 1e9
                is_int = p.data_type == p.DataType.INT
            self.widgets[p.id] = Widget(
                kind, p.id, widget_key(p.id), lo, hi, p.step or 1, value, is_int, delta.fragment_id, path
            )
