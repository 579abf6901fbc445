"""Views the browser switches by itself: a control that only chooses which of several already-computed views
to show (a layer, a head, a gate) answers in the same frame, without a trip to the server.

The page computes the view for every value of its controls and hands them all to `show`, which mounts a
Components v2 element (no iframe, no state sent back, so it never reruns the script). The controls are
ordinary Streamlit widgets whose Setting says `browser=True`: they do not rerun the script either
(`on_change="ignore"`); the element writes their value into the URL itself, so a shared or reloaded
address opens on the same view, and the next run the page makes for any other reason reads their new
value. The element's script watches those widgets (a slider's `aria-valuetext`, a segmented control's
`aria-checked`) and shows the matching view. Charts are drawn with the Plotly the page has loaded for its
other charts: the one shown first, then, while the browser is idle, the others, off the page (outside the
main area, invisible), so that a switch only moves a finished chart into place.

A part of a view is a Plotly figure, an SVG drawing, a sentence or heading about the view, or the app's
own markup (text painted by a value). Every mounted element shows one part per value, so a page can keep
its layout: one element per place on the page, all following the same controls.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from html import escape
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from _plotly_utils.utils import to_typed_array_spec

import figures
from figures import common
from ui import shell
from ui.urlstate import Setting

# Tick labels may run past the chart's box, as in every figure (figures/__init__.py says why).
LABELS = figures.LABELS.layout.xaxis.to_plotly_json()
# What a chart drawn here looks like: Plotly's white theme made to sit on the page like Streamlit's own
# charts (transparent background; the page's font and text colour are read in the browser).
TEMPLATE = {
    "layout": {
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"size": 14},
        "title": {"x": 0, "xanchor": "left", "font": {"size": 16}},
        "xaxis": {"gridcolor": "rgba(128,128,128,0.18)", "zeroline": False, "automargin": True, **LABELS},
        "yaxis": {"gridcolor": "rgba(128,128,128,0.18)", "zeroline": False, "automargin": True, **LABELS},
        "hoverlabel": {"font": {"size": 14}},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    }
}


def combo(values: Iterable[Any]) -> str:
    """The name of one choice of every control: their values, joined."""
    return "|".join(str(v) for v in values)


class Encoded(NamedTuple):
    """A part written as JSON once, with its digest: kept in a cache, a run sends it without writing and hashing
    it again (six heat maps of 140 KB each on the gates page: 15 ms a run)."""

    json: str
    digest: str


def encoded(part: dict | Encoded) -> Encoded:
    """A part as `show` sends it."""
    if isinstance(part, Encoded):
        return part
    text = json.dumps(part)
    return Encoded(text, hashlib.md5(text.encode()).hexdigest()[:16])


def figure(fig: go.Figure) -> dict:
    """A Plotly figure as a part: its data and layout as JSON, without the template (the element has its own)."""
    spec = json.loads(fig.to_json())
    spec.get("layout", {}).pop("template", None)
    return {"kind": "plotly", "data": spec.get("data", []), "layout": spec.get("layout", {})}


def refill(part: dict, values: Sequence[Sequence[float]], title: str | None = None) -> dict:
    """A figure part made to show other values of the same shape and meaning: trace k's y becomes values[k],
    and the title `title` where given. A fraction of the cost of building the figure again, for views that
    differ only in their numbers."""
    if len(values) != len(part["data"]):
        raise ValueError(f"{len(values)} series for a figure of {len(part['data'])} traces")
    return replaced(part, {k: {"y": [float(v) for v in y]} for k, y in enumerate(values)}, title)


def replaced(part: dict, traces: Mapping[int, Mapping[str, Any]], title: str | None = None) -> dict:
    """A figure part with some of its traces' fields replaced (trace index -> field -> value) and, where given,
    another title: a chart of another digit is the first digit's chart with these numbers, a fraction of the
    cost of building it again (a digit's five charts took most of the ViT's server time, py-spy). A numpy array
    goes as Plotly.py sends one (a typed array); a mapping is merged into the field's (a marker's colours)."""
    data = list(part["data"])
    for k, fields in traces.items():
        trace = dict(data[k])
        for name, value in fields.items():
            if isinstance(value, np.ndarray):
                value = to_typed_array_spec(value)
            elif isinstance(value, Mapping):
                value = {**trace.get(name, {}), **value}
            trace[name] = value
        data[k] = trace
    layout = part["layout"]
    if title is not None:
        layout = {**layout, "title": {**layout.get("title", {}), "text": title}}
    return {**part, "data": data, "layout": layout}


@lru_cache(maxsize=32)
def _blank_image(rows: int, cols: int, titled: bool, height: int | None, hover: str) -> dict:
    """A grey image chart of this size, with room for a title or without, as a part (kept: never changed)."""
    blank = np.zeros((rows, cols), np.float32)
    return figure(common.image(blank, title="·" if titled else "", hover=hover, height=height))


def image(z: np.ndarray, title: str = "", height: int | None = None, hover: str = "") -> dict:
    """`figures.common.image(z, title=..., height=...)` as a part, its pixels as float32: the chart of a blank
    image of that size with these pixels (views.replaced), a fraction of the cost of building the figure (7-9 ms
    an image grid, the most of a VAE slider's run after the model)."""
    z = np.asarray(z, np.float32)
    part = _blank_image(*z.shape, bool(title), height, hover)
    return replaced(part, {0: {"z": z}}, title or None)


def image_grid(images: np.ndarray, cols: int, title: str = "", height: int | None = None) -> dict:
    """`figures.common.image_grid` as a part, made as `image` makes one."""
    return image(common.tile(np.asarray(images), cols), title, height, "%{z:.2f}<extra></extra>")


def shaped(part: dict, shapes: Sequence[dict]) -> dict:
    """A figure part with other layout shapes (a marker, an ellipse), its data untouched: the browser redraws
    only the shapes."""
    return {**part, "layout": {**part["layout"], "shapes": list(shapes)}}


def text(words: str, role: str = "sentence") -> dict:
    """Words about this view, drawn as text (never as HTML): a sentence, a "heading" (as a subheader is
    drawn) or a "caption" (as st.caption is drawn)."""
    return {"kind": "text", "text": words, "role": role}


def html(markup: str) -> dict:
    """Markup this app builds itself, with every character a user typed escaped (figures.sequence.painted):
    drawn as HTML, as st.html draws it."""
    return {"kind": "html", "html": markup}


def markdown(words: str) -> dict:
    """A sentence from the catalog with **bold** parts, drawn as st.markdown draws it: every character escaped,
    the bold parts in <strong>."""
    pieces = escape(words).split("**")
    return html("<p>" + "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(pieces)) + "</p>")


def svg(drawing: str) -> dict:
    """An SVG drawing (this app's own, from figures.diagrams) as a part: an image, as st.image shows one."""
    return {"kind": "image", "src": "data:image/svg+xml;base64," + base64.b64encode(drawing.encode()).decode()}


CSS = """
.views-part[hidden], .st-key-views_plotly { display: none !important; }
.views-part img { max-width: 100%; }
.views-marker { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; }
.views-html { overflow-x: auto; }  /* a row of numbers wider than a phone scrolls rather than runs off */
.views-caption { font-size: .875rem; opacity: .6; margin-bottom: .25rem; }
.views-wait { color: var(--st-text-color, #31333f); opacity: .6; font-size: .9rem; }
"""

HTML = '<div class="views"></div>'

# What every element here needs in the browser (ui/mlefit.py's too): reading a control's value from its widget,
# the page's look for a chart, Plotly's typed arrays decoded once.
COMMON = r"""
const READ = {
  slider: (el) => { const s = el.querySelector('input[type=range]'); return s && s.value; },
  segmented: (el, c) => {
    const buttons = [...el.querySelectorAll('button')];
    // other choices than these views' (a run that changes them is under way): wait for the new views
    if (buttons.length !== c.options.length) return undefined;
    const i = buttons.findIndex(b => b.getAttribute('aria-checked') === 'true');
    return i < 0 ? null : c.options[i];
  },
};

const CONFIG = {displaylogo: false, responsive: true};

// One template object per look (the page's font and colour), kept in `holder`, so that Plotly.react sees
// the same one again.
function themed(root, spec, holder) {
  const style = getComputedStyle(root);
  const look = `${style.fontFamily}|${style.color}|${JSON.stringify(spec)}`;
  if (holder.look !== look) {
    const t = structuredClone(spec);
    t.layout.font = {...t.layout.font, family: style.fontFamily, color: style.color};
    holder.look = look;
    holder.template = t;
  }
  return holder.template;
}

// Plotly's Python side writes number arrays as base64 ({dtype, bdata, shape}); Plotly's own decoding makes new
// arrays in every Plotly.react, so it redraws every trace even when nothing changed. Decoded here once per
// part, a trace that did not change keeps its arrays and Plotly.react leaves it alone.
const TYPED = {i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray, i2: Int16Array, u2: Uint16Array,
               i4: Int32Array, u4: Uint32Array, f4: Float32Array, f8: Float64Array};

function decode(spec) {
  const Typed = TYPED[spec.dtype];
  const dims = spec.shape == null ? [] : String(spec.shape).split(',').map(Number);
  if (!Typed || dims.length > 2) return spec;  // left to Plotly
  const raw = atob(spec.bdata), bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const flat = new Typed(bytes.buffer);
  if (dims.length < 2) return flat;
  const [rows, cols] = dims;
  return Array.from({length: rows}, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
}

// The address follows what the browser shows (the script is not run, so the server cannot write it): each
// control's value, or nothing where it is the page's default, exactly as the page's own settings are written.
// Only the controls whose value changed since this element (v) last read them: a run's answer arrives before
// its widgets show the values the run set (a button that sets the unit and the internal), and writing every
// control then put the old values back in the address the run had just written (`noted` reads them then).
function written(v, controls, values) {
  const url = new URL(window.location.href);
  const seen = v.seen || (v.seen = {});
  controls.forEach((c, i) => {
    if (seen[c.key] === values[i]) return;
    seen[c.key] = values[i];
    if (values[i] === c.default) url.searchParams.delete(c.key); else url.searchParams.set(c.key, values[i]);
  });
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
}

function noted(v, controls, values) {
  const seen = v.seen || (v.seen = {});
  controls.forEach((c, i) => { seen[c.key] = values[i]; });
}

// When the student last pressed a key or a pointer on the page (one listener per page, whichever element came
// first): drawing ahead waits INPUT_QUIET_MS after it.
const INPUT_QUIET_MS = 150;  // longer than a run takes to start (50-90 ms), shorter than the next key press
const LAST_INPUT = window.__viewsInput || (window.__viewsInput = {at: -Infinity});
if (!LAST_INPUT.listening) {
  LAST_INPUT.listening = true;
  for (const type of ['pointerdown', 'keydown']) {
    window.addEventListener(type, () => { LAST_INPUT.at = performance.now(); }, {capture: true, passive: true});
  }
}

// Work that can wait (drawing ahead, held charts, the warm-up) runs when the browser is idle, and not while a run
// is drawing the page nor just after the student pressed a key or a pointer (the run it starts comes first).
const whenIdle = (f) => (window.requestIdleCallback || ((g) => setTimeout(g, 200)))(f, {timeout: 3000});

function busy() {
  const running = document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'running';
  return running || performance.now() - LAST_INPUT.at < INPUT_QUIET_MS;
}

// An element's box off the page (outside the main area, invisible, `width` px wide) for charts drawn ahead
function offPage(v, width) {
  if (!v.parked || !v.parked.isConnected) {
    v.parked = document.createElement('div');
    v.parked.setAttribute('aria-hidden', 'true');
    v.parked.style.cssText = 'position:fixed;left:-100000px;top:0;visibility:hidden;pointer-events:none';
    document.body.appendChild(v.parked);
  }
  v.parked.style.width = `${width}px`;
  return v.parked;
}

// An element's width as last laid out: read once, then kept by a ResizeObserver (which calls `resized`, if
// given, after each change), so that drawing, switching or renewing charts never makes the browser lay the page
// out again only to read it (each read after a change to the page did: 40-65 ms a click on the gates page, whose
// elements each read it in turn; 10-15 ms a markov model click, whose top characters' chart read it twice).
function elementWidth(v, root, resized) {
  if (v.sized !== root) {
    v.sized = root;
    v.width = root.clientWidth;
    v.resized?.disconnect();
    v.resized = new ResizeObserver(() => {
      v.width = root.clientWidth;
      resized?.();
    });
    v.resized.observe(root);
  }
  return v.width;
}

// A chart below the first screen waits (is held) until the student scrolls near it (NEAR_PX under the main
// area's bottom edge), or until the browser is idle after the page's run, top first: a page opening draws
// what the student sees before what is below it (the translator's maps below its first screen took 0.8-1.0 s
// of its 1.9 s opening, and drew before charts above them that came later). The element keeps the chart's
// height meanwhile, so that the page does not move when it comes. Whether an element is near is measured in
// the frame it mounts (measureHeld), and then followed by an IntersectionObserver; drawn once, it is drawn as
// before.
const NEAR_PX = 150;
const HELD = window.__viewsHeld || (window.__viewsHeld = {waiting: new Set(), measuring: [], pending: false, io: null});

function heldWatcher() {
  const main = document.querySelector('[data-testid=stMain]');  // the page's scrolling box
  if (!HELD.io || HELD.io.root !== main) {
    HELD.io?.disconnect();
    HELD.io = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting && seen(e.target)) releaseHeld(e.target);
    }, {root: main, rootMargin: `0px 0px ${NEAR_PX}px 0px`});
    for (const root of HELD.waiting) HELD.io.observe(root);
  }
  return HELD.io;
}

// true while root's chart (`height` px) waits; draw() is called once it may be drawn
function held(root, height, draw) {
  if (root.__near) return false;
  root.__draw = draw;
  root.style.minHeight = `${height}px`;
  root.dataset.held = '';
  if (!HELD.waiting.has(root)) {
    HELD.waiting.add(root);
    heldWatcher().observe(root);
    measureHeld(root);
  }
  drainHeld();
  return true;
}

// Elements held in this frame, measured together before it is drawn (one layout for all of them): those near
// the first screen are drawn in this frame. The observer's own first report comes as a task after the frame,
// behind the run's other messages (a first-screen chart waited 360 ms for it while the page opened).
function measureHeld(root) {
  HELD.measuring.push(root);
  if (HELD.measuring.length > 1) return;
  requestAnimationFrame(() => {
    const roots = HELD.measuring;
    HELD.measuring = [];
    const main = document.querySelector('[data-testid=stMain]');
    const bottom = (main ? main.getBoundingClientRect().bottom : window.innerHeight) + NEAR_PX;
    const near = roots.filter((r) => {
      if (!r.isConnected || r.__near || !seen(r)) return false;
      const box = r.getBoundingClientRect();
      return box.width > 0 && box.top < bottom && box.bottom > 0;
    });
    near.forEach(releaseHeld);
  });
}

// Whether the page shows the element at all: a part of the page kept out of sight (the gates page's other model,
// laid out but invisible, in a box of no height) holds its charts too, drawn when the browser is idle or once shown.
function seen(root) {
  return !root.checkVisibility || root.checkVisibility({visibilityProperty: true});
}

function releaseHeld(root) {
  if (root.__near) return;
  root.__near = true;
  HELD.waiting.delete(root);
  HELD.io?.unobserve(root);
  const draw = root.__draw;
  root.__draw = null;
  if (root.isConnected && draw) draw();
  root.style.minHeight = '';
  delete root.dataset.held;
}

function heldWaiting() {
  for (const root of HELD.waiting) {
    if (root.isConnected) return true;
    HELD.waiting.delete(root);
    HELD.io?.unobserve(root);
  }
  return false;
}

// draws the held charts one at a time, those the page shows top first, when the browser is idle (whenIdle, busy)
function drainHeld() {
  if (HELD.pending) return;
  HELD.pending = true;
  whenIdle(() => {
    if (!heldWaiting()) { HELD.pending = false; return; }
    if (busy()) {
      setTimeout(() => { HELD.pending = false; drainHeld(); }, 150);
      return;
    }
    // what the page shows first (a part kept out of sight, the gates page's other model, after), then top first
    const order = (a, b) => (seen(b) - seen(a)) || (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    const [top] = [...HELD.waiting].sort(order);
    HELD.pending = false;
    releaseHeld(top);
    drainHeld();
  });
}

// The margins Plotly's automargin settled on for a chart (room for its tick labels, titles and legend), by the
// element's key and width: a chart that element draws later (another view, one drawn ahead, the page opened
// again) asks for them at once. Plotly otherwise draws each new chart, finds its labels need room, and draws it
// again (every chart on the course's pages did: a 1,000-point map 200-280 ms rather than about 95). They are kept
// in the browser's storage too, so that a page opened again later (reloaded, another tab, another day) draws its
// first charts once: the gates page's belt took 185-260 ms drawn twice, 70 ms with its margins known. (The widest
// each side has needed, in either language: a label that grows is met by automargin, one that shrinks leaves
// room; a new version of the key starts them anew.)
const MARGINS_STORED = 'seqgen-margins-v1';
const SIDES = ['l', 'r', 't', 'b'];
const MARGINS = window.__viewsMargins || (window.__viewsMargins = storedMargins());

function storedMargins() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(MARGINS_STORED) || '[]');
    const ok = (m) => m && SIDES.every((k) => Number.isFinite(m[k]) && m[k] >= 0 && m[k] < 2000);
    return new Map(Array.isArray(stored) ? stored.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && ok(e[1])) : []);
  } catch (e) {  // no storage (a private window, a blocked cookie setting) or something else in it: learned anew
    return new Map();
  }
}

const MARGINS_SAVE = window.__viewsMarginsSave || (window.__viewsMarginsSave = {pending: false});

function storeMargins() {
  if (MARGINS_SAVE.pending) return;
  MARGINS_SAVE.pending = true;
  whenIdle(() => {
    MARGINS_SAVE.pending = false;
    try {
      window.localStorage.setItem(MARGINS_STORED, JSON.stringify([...MARGINS]));
    } catch (e) {}  // full or refused: kept for this tab only
  });
}

function margined(key, width, layout) {
  layout = fitTitle(layout, width);
  const learned = key && MARGINS.get(marginsId(key, width, layout.title));
  if (!learned) return layout;
  // at least what the layout asks
  const m = layout.margin || {};
  return {...layout, margin: {...m, ...Object.fromEntries(SIDES.map((k) => [k, Math.max(learned[k], Number.isFinite(m[k]) ? m[k] : 0)]))}};
}

// Margins are learned per element, width and number of title lines: a view whose title wraps (fitTitle) needs a
// taller top than one whose title fits, and the belt of one model took the other's, its rows squeezed.
function marginsId(key, width, title) {
  const text = typeof title === 'string' ? title : title && title.text;
  const lines = typeof text === 'string' ? text.split('<br>').length : 1;
  return lines > 1 ? `${key}|${width}|${lines}` : `${key}|${width}`;
}

// A chart's title on as many lines as the chart's width needs, the top margin grown by the lines added: Plotly
// writes a title on one line, and a long one ran past a phone's chart, cut off (the gates page's heat map:
// "LSTM: cell state c at every time step (across) for all 256 u"). Measured with the page's font on a canvas,
// which lays nothing out.
const TITLE_CANVAS = window.__viewsTitleCanvas || (window.__viewsTitleCanvas = {context: null});

function fitTitle(layout, width) {
  const title = typeof layout.title === 'string' ? {text: layout.title} : layout.title;
  if (!title || typeof title.text !== 'string' || !title.text || title.text.includes('<br>') || !(width > 0)) return layout;
  const base = (layout.template && layout.template.layout) || {};
  const size = (title.font && title.font.size) || (base.title && base.title.font && base.title.font.size) || 16;
  const family = (title.font && title.font.family) || (base.font && base.font.family) || 'sans-serif';
  const context = TITLE_CANVAS.context || (TITLE_CANVAS.context = document.createElement('canvas').getContext('2d'));
  if (!context) return layout;
  context.font = `${size}px ${family}`;
  const room = width - 20, plain = (t) => t.replace(/<[^>]*>/g, '');
  const whole = context.measureText(plain(title.text)).width;
  if (whole <= room) return layout;
  const words = title.text.split(/ (?![^<>]*>)/);  // (not at a space inside a tag)
  const fill = (limit) => {
    const lines = [];
    for (const word of words) {
      const last = lines.length ? lines[lines.length - 1] : null;
      if (last !== null && context.measureText(plain(`${last} ${word}`)).width <= limit) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines;
  };
  const fewest = fill(room);
  if (fewest.length < 2) return layout;
  // lines of about the same length, rather than a last word alone on its line
  const even = fill(Math.min(room, 1.1 * whole / fewest.length));
  const lines = even.length === fewest.length ? even : fewest;
  const margin = layout.margin || {}, added = Math.ceil((lines.length - 1) * size * 1.25);
  const top = margin.t ?? (base.margin && base.margin.t) ?? 40;
  const wrapped = {...title, text: lines.join('<br>')};
  // a title hung from the top (yanchor 'top') is placed by its first line, and the lines added went up, past
  // the chart's top edge (the gates belt's, under the chart above it): moved down by as much, and what sits
  // under it (the belt's legend) by that too
  const shift = title.yanchor === 'top' ? added : 0;
  if (shift) wrapped.pad = {...title.pad, t: ((title.pad && title.pad.t) || 0) + shift};
  // and the chart taller by the lines added, so that its plot keeps its height (the belt's rows their labels)
  const out = {...layout, title: wrapped, margin: {...margin, t: top + added + shift}};
  if (Number.isFinite(layout.height)) out.height = layout.height + added + shift;
  return out;
}

// Presenter mode (ui/classroom.py, an element's `present`): a chart's titles, tick labels and legend at sizes
// the back of a room can read, in the layout, so that Plotly lays the chart out at those sizes (a style sheet
// that enlarged the text Plotly had drawn ran legend entries into each other and past the chart's edge). Its
// margins are learned apart from the same element's at the usual sizes.
const PRESENTED = {text: 18, title: 20};

function bigger(font, size) {
  return {...(font || {}), size: Math.max(size, (font && font.size) || 0)};
}

function titled(title, size) {
  if (title == null || title === '') return title;
  const t = typeof title === 'string' ? {text: title} : title;
  return {...t, font: bigger(t.font, size)};
}

function presented(layout, present) {
  const font = (layout.template && layout.template.layout && layout.template.layout.font) || {};
  if (!present) return roomy({...layout}, layout, font.size || 12, false);
  const out = {...layout, legend: {...layout.legend, font: bigger(layout.legend && layout.legend.font, PRESENTED.text)}};
  if (layout.title != null) out.title = titled(layout.title, PRESENTED.title);
  for (const [k, axis] of Object.entries(layout)) {
    if (!/^[xy]axis[0-9]*$/.test(k) || !axis) continue;
    out[k] = {...axis, tickfont: bigger(axis.tickfont, PRESENTED.text)};
    if (axis.title != null) out[k].title = titled(axis.title, PRESENTED.text);
  }
  if (layout.annotations) out.annotations = layout.annotations.map((a) => ({...a, font: bigger(a.font, PRESENTED.title)}));
  return roomy(out, layout, PRESENTED.text, true);
}

// Room for tick labels of `size` px. An axis that names every row (a text's characters, tickvals) names every
// k-th where the rows are thinner than the text (the translator's encoder map: 26 characters in 280 px ran
// into each other): Plotly thins the labels of the axes it ticks itself, not of these. And, where `grow`
// (presenter mode), a chart of stacked rows (the gates belt, a row per gate) grows, by half at most, until
// its smallest row holds four lines of text: three tick labels at that size ran into each other.
function roomy(out, layout, size, grow) {
  const m = layout.margin || {}, height = layout.height || 450;
  const area = height - (m.t ?? 100) - (m.b ?? 80);  // the plot's height, about (automargin adds to it)
  if (!(area > 0)) return out;
  const listed = (x) => Array.isArray(x) || ArrayBuffer.isView(x);
  for (const [k, axis] of Object.entries(out)) {
    if (!/^yaxis[0-9]*$/.test(k) || !axis || !listed(axis.tickvals) || axis.tickvals.length < 3 || !listed(axis.range)) continue;
    const domain = axis.domain || [0, 1], step = Math.abs(axis.tickvals[1] - axis.tickvals[0]);
    const perTick = area * (domain[1] - domain[0]) * step / Math.abs(axis.range[1] - axis.range[0]);
    const every = Math.ceil((grow ? 1.4 : 1.2) * ((axis.tickfont && axis.tickfont.size) || size) / perTick);
    if (!(every > 1)) continue;
    const keep = (_, i) => i % every === 0;
    out[k] = {...axis, tickvals: Array.from(axis.tickvals).filter(keep), ticktext: axis.ticktext && Array.from(axis.ticktext).filter(keep)};
  }
  const spans = Object.entries(layout)
    .filter(([k, axis]) => /^yaxis[0-9]*$/.test(k) && axis && axis.domain && axis.showticklabels !== false && axis.visible !== false)
    .map(([, axis]) => axis.domain[1] - axis.domain[0]);
  if (!grow || spans.length < 2) return out;
  const need = 4 * size / Math.min(...spans);  // the plot height that room asks for
  if (need > area) out.height = Math.round(height + Math.min(need - area, height / 2));
  return out;
}

function presentKey(key, present) {
  return key && present ? `${key}|presenting` : key;
}

function learn(key, width, plot) {
  const size = plot._fullLayout && plot._fullLayout._size;
  if (!key || !size) return;
  const id = marginsId(key, width, plot.layout && plot.layout.title), was = MARGINS.get(id) || {};
  MARGINS.delete(id);  // the newest last: the oldest go beyond 500
  // the widest each side has needed: a view with wider labels (another internal's colour bar) widens them for all
  const now = Object.fromEntries(SIDES.map((k) => [k, Math.max(was[k] || 0, Math.ceil(size[k]))]));
  MARGINS.set(id, now);
  if (MARGINS.size > 500) MARGINS.delete(MARGINS.keys().next().value);
  if (SIDES.some((k) => now[k] !== was[k])) storeMargins();
}

function typed(x) {
  if (Array.isArray(x)) return x.map(typed);
  if (x && typeof x === 'object') {
    if (typeof x.bdata === 'string' && typeof x.dtype === 'string') return decode(x);
    for (const k of Object.keys(x)) x[k] = typed(x[k]);
  }
  return x;
}
"""

JS = (
    COMMON
    + r"""
// A control not drawn (yet): the server's value; for one the browser sets (the server's value may be behind
// it), the address's, which the browser writes, or its default.
function fallback(data, c, i) {
  if (data.current[i] != null) return data.current[i];
  const value = new URLSearchParams(window.location.search).get(c.key);
  return value != null && (c.kind !== 'segmented' || c.options.includes(value)) ? value : c.default;
}

function current(v) {
  const values = [];
  for (const [i, c] of v.data.controls.entries()) {
    const el = document.querySelector(`.st-key-${c.key}`);
    const value = el && READ[c.kind](el, c);
    // a control drawn with other choices than these views' (a run changing them is under way): keep the
    // view shown until the new views arrive, rather than flash this run's first choice
    if (value === undefined && v.shown) return v.shown;
    values.push(value == null ? fallback(v.data, c, i) : value);
  }
  return values.join('|');
}

// Where the page asks for it (show's `anchor`): the shapes drawn around a point (a marker: `xanchor`, `yanchor`,
// sized in pixels) are drawn over the chart, at the values two sliders hold now (read in the browser like the
// controls), rather than by Plotly: the marker follows a move in the frame the slider shows it (Plotly moved a
// shape by computing the whole chart again, 50-110 ms for the VAE's map), and the run that follows sends the
// chart as before (Streamlit's message cache keeps it in the browser, rather than 83 KB sent again).
function anchorAt(v) {
  const a = v.data.anchor;
  if (!a) return null;
  return a.controls.map((c, i) => {
    const el = document.querySelector(`.st-key-${c.key}`);
    const value = el && READ.slider(el, c);
    return Number(value == null || value === '' ? fallback({current: a.current}, c, i) : value);
  });
}

// The layout Plotly draws: without the marker's shapes, which the chart keeps to draw itself (mark)
function unmarked(v, plot, layout) {
  if (!v.data.anchor || !layout.shapes) return layout;
  plot.__marks = layout.shapes.filter((s) => s.xanchor != null);
  return {...layout, shapes: layout.shapes.filter((s) => s.xanchor == null)};
}

const SVG = 'http://www.w3.org/2000/svg';

// The marker at `at` over the chart, where Plotly would draw its shapes. A point outside the axes' range widens
// them to hold it (as Plotly's autorange did with the marker a shape), and back.
function mark(plot, at) {
  const full = plot._fullLayout, marks = plot.__marks;
  if (!full || !full.xaxis || !marks || !marks.length || !at) return;
  plot.__at = at;
  const xa = full.xaxis, ya = full.yaxis;
  if (xa.autorange || !plot.__home) plot.__home = {x: xa.range.slice(), y: ya.range.slice()};
  const span = (home, value) => {
    const pad = 0.05 * (home[1] - home[0]);
    return value >= home[0] && value <= home[1] ? home : [Math.min(home[0], value - pad), Math.max(home[1], value + pad)];
  };
  const x = span(plot.__home.x, at[0]), y = span(plot.__home.y, at[1]);
  const widened = x !== plot.__home.x || y !== plot.__home.y, key = JSON.stringify([x, y]);
  if (widened && plot.__wide !== key) {
    plot.__wide = key;
    window.Plotly.relayout(plot, {'xaxis.range': x, 'yaxis.range': y});  // drawn again, then marked (afterplot)
    return;
  }
  if (!widened && plot.__wide) {
    plot.__wide = null;
    window.Plotly.relayout(plot, {'xaxis.autorange': true, 'yaxis.autorange': true});
    return;
  }
  const box = plot.parentElement;
  let svg = box.querySelector(':scope > svg.views-marker');
  if (!svg) {
    svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'views-marker');
    svg.setAttribute('aria-hidden', 'true');
    box.style.position = 'relative';
    box.appendChild(svg);
  }
  const cx = xa._offset + xa.l2p(at[0]), cy = ya._offset + ya.l2p(at[1]);
  // drawn as it is already (a run, or another control's move, asks again): the page left alone, so that
  // nothing on it changes where nothing moved
  const drawn = [full.width, full.height, cx, cy, ...at].join('|');
  if (svg.__drawn === drawn && svg.__marks === marks) return;
  svg.__drawn = drawn;
  svg.__marks = marks;
  svg.setAttribute('width', full.width);
  svg.setAttribute('height', full.height);
  svg.replaceChildren(...marks.map((s) => {
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', cx + s.x0);
    line.setAttribute('x2', cx + s.x1);
    line.setAttribute('y1', cy - s.y0);
    line.setAttribute('y2', cy - s.y1);
    line.setAttribute('stroke', (s.line && s.line.color) || 'black');
    line.setAttribute('stroke-width', (s.line && s.line.width) || 2);
    return line;
  }));
  svg.dataset.at = at.join('|');
}

function place(v, plot) {
  const at = anchorAt(v);
  if (at && plot && plot.__marks) mark(plot, at);
}

// Charts here are fitted to their element's width by the element itself (widthOf's ResizeObserver, and show()
// for a chart drawn at another width), not by Plotly's own responsive mode: that mode watches every chart's box,
// and each chart shown, hidden or moved (drawn ahead, kept) then read the page's style and laid itself out
// again (Plotly's isHidden and plotAutoSize: 12 ms of a gates unit step).
const FIXED = {...CONFIG, responsive: false};

function template(root) {
  return themed(root, root.__views.data.template, root.__views);
}

// A chart part made ready to draw, once: each trace's JSON (what it was sent as, to tell changed traces from
// the same ones), its layout but its shapes as sent (before Plotly fills in the layout's objects: see twin), and
// its arrays decoded.
function ready(part) {
  if (!part.sent) {
    part.sent = part.data.map((trace) => JSON.stringify(trace));
    const {shapes, ...layout} = part.layout || {};
    part.bare = JSON.stringify(layout);
    part.data = part.data.map(typed);
  }
  return part;
}

function widthOf(v, root) {
  return elementWidth(v, root, () => {
    // the chart in view, drawn at another width (the element was resized after it was drawn): fit it
    const plot = root.querySelector(':scope > .views-part:not([hidden]) .js-plotly-plot');
    if (plot && window.Plotly && v.width > 0 && plot.offsetParent && plot.__width !== v.width) {
      plot.__width = v.width;
      window.Plotly.Plots.resize(plot).catch(() => {});  // taken off the page meanwhile
    }
  });
}


// Views not shown yet are drawn ahead, one at a time when the browser is idle and no run is drawing the
// page, in a box off the page (outside the main area, invisible, as wide as the place they will be shown
// in); showing one moves it into place.
function parking(v, root) {
  return offPage(v, widthOf(v, root) || 700);
}

function draw(v, root, name, into) {
  const part = v.data.views[name];
  const box = document.createElement('div');
  box.className = 'views-part';
  box.dataset.view = name;
  into.appendChild(box);
  if (!part) {
    box.textContent = v.data.missing;
  } else if (part.kind === 'text') {
    const p = document.createElement(part.role === 'heading' ? 'h3' : 'p');
    if (part.role === 'caption') p.className = 'views-caption';
    p.textContent = part.text;
    box.appendChild(p);
  } else if (part.kind === 'html') {
    box.classList.add('views-html');
    box.innerHTML = part.html;
  } else if (part.kind === 'image') {
    const img = document.createElement('img');
    img.src = part.src;
    box.appendChild(img);
  } else {
    const plot = document.createElement('div');
    box.appendChild(plot);
    plot.__width = widthOf(v, root) || 700;
    plot.__sent = ready(part).sent;
    const key = presentKey(v.key, v.data.present);
    const layout = margined(key, plot.__width, unmarked(v, plot, presented({...part.layout, template: template(root)}, v.data.present)));
    const drawn = window.Plotly.newPlot(plot, part.data, layout, FIXED);
    drawn.then(() => learn(key, plot.__width, plot));
    if (plot.__marks) {  // marked now, and again whenever Plotly draws the chart again (a new width, wider axes)
      drawn.then(() => {
        plot.on('plotly_afterplot', () => mark(plot, plot.__at || anchorAt(v)));
        mark(plot, anchorAt(v));
      });
    }
    if (v.data.clickable) {  // a click on a point sends its customdata to the server (ui.views.chart's on_click)
      drawn.then(() => plot.on('plotly_click', (event) => {
        const point = event.points && event.points[0];
        if (point && point.customdata != null) v.trigger('clicked', point.customdata);
      }));
    }
  }
  return box;
}

function find(v, root, name) {
  const at = (holder) => holder && [...holder.children].find(b => b.dataset.view === name);
  return at(root) || at(v.parked);
}

// Views whose charts differ only in their shapes (the VAE's map of every held-out code, with one digit's ellipse or
// another's) share one chart: a switch redraws its shapes (Plotly.react leaves the traces, sent the same, alone),
// rather than a chart of the same thousand points being drawn ahead for each (100-150 ms while the VAE opened).
function shapeless(part) {
  if (part.shapeless === undefined) part.shapeless = JSON.stringify(ready(part).sent) + part.bare;
  return part.shapeless;
}

// The box of a chart drawn for another view that differs from `name`'s only in its shapes, if there is one
function twin(v, root, name) {
  const part = v.data.views[name];
  if (!part || part.kind !== 'plotly') return null;
  for (const [other, p] of Object.entries(v.data.views)) {
    if (other === name || !p || p.kind !== 'plotly' || p.data.length !== part.data.length) continue;
    if (!(part.layout?.shapes?.length || p.layout?.shapes?.length)) continue;  // (no shapes to tell them apart)
    const box = find(v, root, other);
    if (box && box.querySelector('.js-plotly-plot') && shapeless(p) === shapeless(part)) return box;
  }
  return null;
}

// A chart kept from views that a run has since replaced (renew): its new part, drawn over the old with
// Plotly.react, which leaves alone the traces sent as before.
function stale(v, root, name) {
  const plot = find(v, root, name)?.querySelector('.js-plotly-plot');
  return plot && plot.__stale ? plot : null;
}

function redraw(v, root, plot, name) {
  const part = v.data.views[name];
  plot.__stale = false;
  const sent = ready(part).sent, before = plot.__sent || [], drawn = plot.data || [];
  const traces = part.data.map((trace, i) => (sent[i] === before[i] && drawn[i] ? drawn[i] : trace));
  plot.__sent = sent;
  const key = presentKey(v.key, v.data.present);
  const layout = margined(key, plot.__width, unmarked(v, plot, presented({...part.layout, template: template(root)}, v.data.present)));
  window.Plotly.react(plot, traces, layout, FIXED);
}

// all: charts drawn from views a run has since replaced (stale) too; else only views not drawn at all (what a
// run brings: the next step held, a new model's views), so that a run does not set off a redraw of every
// view it changed (each one a long task in the frames after the run, 16 on the self-attention page)
function ahead(root, all = true) {
  const v = root.__views;
  v.aheadAll = v.aheadAll || all;
  if (v.aheadPending || !root.isConnected) return;
  const next = Object.keys(v.data.views).find(
    (name) => (!find(v, root, name) && !twin(v, root, name)) || (v.aheadAll && stale(v, root, name)),
  );
  if (next === undefined || !window.Plotly) { v.aheadAll = false; return; }
  v.aheadPending = true;
  whenIdle(() => {
    v.aheadPending = false;
    const root = v.root;  // the element this state lives in now (it moves when an element is mounted again)
    const there = find(v, root, next);
    if (!root.isConnected || (there && !stale(v, root, next)) || (!there && twin(v, root, next))) return ahead(root, false);
    // not while a run is drawing the page, nor just after the student moved a control (the run it starts has not
    // begun yet, and the browser is idle only while it waits for the server): that run's elements come first.
    // A chart drawn ahead in that gap held up the run's answer by its whole draw (30-90 ms on the gates page).
    // Nor while charts below the first screen wait (held): those come first.
    if (busy() || heldWaiting()) {
      setTimeout(() => ahead(v.root, false), 150);
      return;
    }
    const old = stale(v, root, next);
    if (old) redraw(v, root, old, next);
    else draw(v, root, next, parking(v, root));
    ahead(root, false);
  });
}

function show(root) {
  const v = root.__views;
  const name = current(v);
  if (name === v.shown) return place(v, root.querySelector(':scope > .views-part:not([hidden]) .js-plotly-plot'));
  // a choice these views do not hold (a control that also reruns the page, clicked before its view was
  // computed): keep what is shown until the run brings it
  if (!v.data.views[name] && v.shown != null && v.data.views[v.shown]) return;
  const needsPlotly = v.data.views[name] && v.data.views[name].kind === 'plotly';
  if (needsPlotly && !window.Plotly) {  // the page's own charts load Plotly; wait for it
    if (!root.querySelector('.views-wait')) {
      const wait = document.createElement('div');
      wait.className = 'views-wait';
      wait.textContent = v.data.loading;
      root.appendChild(wait);
    }
    if (!v.waiting) v.waiting = setTimeout(() => { v.waiting = null; show(v.root); }, 50);
    return;
  }
  root.querySelector('.views-wait')?.remove();
  let box = find(v, root, name);
  const pair = !box && twin(v, root, name);
  if (pair) {  // the chart another view drew, its shapes redrawn as this view's (below: stale)
    pair.dataset.view = name;
    pair.querySelector('.js-plotly-plot').__stale = true;
    box = pair;
  }
  // a chart below the first screen, drawn when the student scrolls near it or the browser is idle (held)
  if (!box && needsPlotly && held(root, v.data.views[name].layout?.height || 450, () => show(v.root))) return;
  if (!box) box = draw(v, root, name, root);
  else if (box.parentElement !== root) root.appendChild(box);
  for (const b of root.children) if (b.hidden !== (b !== box)) b.hidden = b !== box;  // (no change where none is due)
  const plot = box.querySelector('.js-plotly-plot');
  if (plot && plot.__stale) redraw(v, root, plot, name);
  // drawn at another width: fit it again, if the page shows it (an element hidden or taken off the page
  // meanwhile is fitted by its ResizeObserver once it is shown again; Plotly refuses, with a rejected
  // promise, to fit a chart taken off the page). The widths are compared first: asking whether the page shows
  // the chart (offsetParent) lays the page out there and then, 35 ms of a gates unit step when asked each time.
  if (plot && plot.__width !== (widthOf(v, root) || 700) && plot.offsetParent) {
    plot.__width = widthOf(v, root) || 700;
    window.Plotly.Plots.resize(plot).catch(() => {});
  }
  if (plot) place(v, plot);
  v.shown = name;
  if (root.dataset.shown !== name) root.dataset.shown = name;
  root.__near = true;  // shows something: never held again
  address(v, name);
  ahead(root);
}

function address(v, name) {
  written(v, v.data.controls, name.split('|'));
}

function forget(v, root) {
  for (const p of [...root.querySelectorAll('.js-plotly-plot'), ...(v.parked ? v.parked.querySelectorAll('.js-plotly-plot') : [])]) {
    if (window.Plotly) window.Plotly.purge(p);
  }
  root.replaceChildren();
  v.parked?.remove();
  v.parked = null;
  v.shown = null;
  v.resized?.disconnect();
  v.sized = null;
}

// New views (the run changed what they show): the chart on screen is redrawn in place with Plotly.react,
// which changes only what differs, rather than thrown away and drawn anew. A trace sent exactly as before
// keeps the arrays it is drawn with, so Plotly does not compute or draw it again (a marker or a line moved
// over a thousand points costs what the marker costs). Charts drawn ahead for views that are still there
// are kept too, marked stale: redrawn the same way when the browser is idle or when one is shown, whichever
// comes first (a switch after a run then redraws what changed rather than a whole chart). Anything else goes.
function renew(v, root, data, old) {
  // presenter mode switched: every chart drawn anew at the other sizes
  if (!window.Plotly || (old && Boolean(old.present) !== Boolean(data.present))) return forget(v, root);
  // the chart in view, where the new views do not hold it, becomes the new view chosen (another digit, or one
  // drawn rather than held out: other names), also when this element was mounted again: redrawn in place
  // rather than thrown away and drawn anew
  const visible = root.querySelector(':scope > .views-part:not([hidden])');
  const next = current({data}), into = data.views[next];
  if (visible && !data.views[visible.dataset.view] && into && into.kind === 'plotly' && !find(v, root, next)) {
    const plot = visible.querySelector('.js-plotly-plot');
    if (plot) {
      visible.dataset.view = next;
      v.shown = root.dataset.shown = next;
      plot.__stale = true;
    }
  }
  const shown = v.shown != null && visible;
  const boxes = [...root.querySelectorAll(':scope > .views-part'), ...(v.parked ? v.parked.children : [])];
  const same = (name) => old && old.digests && data.digests && old.digests[name] === data.digests[name];
  for (const box of boxes) {
    const name = box.dataset.view, plot = box.querySelector('.js-plotly-plot'), part = data.views[name];
    if (plot && part && part.kind === 'plotly' && (box !== shown || name === v.shown)) {
      // sent again as it was: left as drawn (the part it was drawn from stands for the new one)
      if (same(name) && !plot.__stale) data.views[name] = old.views[name];
      else plot.__stale = true;
    } else if (part && same(name) && (box !== shown || name === v.shown)) {
      data.views[name] = old.views[name];  // a sentence or drawing sent again as it was: kept as drawn
    } else {
      if (plot) window.Plotly.purge(plot);
      box.remove();
    }
  }
  root.querySelector('.views-wait')?.remove();
  if (!shown || !shown.isConnected) { v.shown = null; return; }
  const plot = shown.querySelector('.js-plotly-plot');
  if (!plot) { if (!same(v.shown)) v.shown = null; return; }
  plot.__width = widthOf(v, root) || 700;
  if (plot.__stale) redraw(v, root, plot, v.shown);
}

// Elements a run took off the page (the canvas became blank, a section closed), by key: the same element
// mounted again takes back its charts, drawn as they were, rather than drawing them anew (Plotly.react then
// redraws only what changed, and nothing when the views are the same). At most KEEP are held off the page;
// the oldest beyond them are let go.
const LAST = window.__viewsLast || (window.__viewsLast = new Map());  // key -> the state last mounted with it
const GONE = window.__viewsGone || (window.__viewsGone = []);  // states whose element left the page, oldest first
const KEEP = 12;

function retire(v, root) {
  v.observer?.disconnect();
  v.observer = null;
  if (!GONE.includes(v)) GONE.push(v);
  while (GONE.length > KEEP) {
    const old = GONE.shift();
    if (old.root.isConnected) continue;
    forget(old, old.root);
    old.gone = true;
    if (LAST.get(old.key) === old) LAST.delete(old.key);
  }
}

function adopt(root, key) {
  const v = LAST.get(key);
  if (!v || v.gone || v.root === root || v.root.isConnected) return {};
  v.observer?.disconnect();
  v.observer = null;
  const i = GONE.indexOf(v);
  if (i >= 0) GONE.splice(i, 1);
  root.replaceChildren(...v.root.children);
  v.shown = null;  // shown again by show(), which fits the chart to this element's width
  return v;
}

// Where the page asks for it (show's `warm`: the home page): charts drawn once per tab off the page, one at a
// time when the browser is idle, and let go, so that the first page opened from it does not pay for Plotly's
// code running for the first time (its first chart took 100-150 ms longer than the same chart on the next page).
const WARMED = window.__viewsWarmed || (window.__viewsWarmed = {done: false});

function warm(v) {
  if (!v.data.warm || WARMED.done) return;
  whenIdle(() => {
    if (WARMED.done || !v.root.isConnected) return;
    if (!window.Plotly || busy()) {
      setTimeout(() => warm(v), 200);
      return;
    }
    const part = v.data.warm[WARMED.next = (WARMED.next ?? -1) + 1];
    if (!part) { WARMED.done = true; return; }
    const into = document.createElement('div');
    offPage(v, 700).appendChild(into);
    const layout = presented({...part.layout, template: template(v.root)}, false);
    window.Plotly.newPlot(into, ready(structuredClone(part)).data, layout, FIXED).finally(() => {
      window.Plotly.purge(into);
      into.remove();
      warm(v);  // the next one, at the next idle moment
    });
  });
}

export default function ({ data: bytes, parentElement, setTriggerValue }) {
  const root = parentElement.querySelector('.views');
  const fresh = !root.__views || bytes !== root.__views.bytes;
  // the views come as JSON bytes (ui.views.show): read them once per new message
  const parsed = fresh ? JSON.parse(new TextDecoder().decode(bytes)) : root.__views.parsed;
  const v = root.__views || (root.__views = adopt(root, parsed.key));
  v.root = root;
  v.key = parsed.key;
  v.trigger = setTriggerValue;
  v.bytes = bytes;
  v.parsed = parsed;
  LAST.set(v.key, v);
  for (const other of LAST.values()) {  // elements that left the page (another page opened) join the held ones
    if (other !== v && !other.root.isConnected && !GONE.includes(other)) retire(other, other.root);
  }
  const data = v.parsed;
  if (v.id !== data.id) {  // other views (new text, another setting, another language)
    const old = v.data;
    v.data = data;
    renew(v, root, data, old);
    v.id = data.id;
  }
  v.data = data;
  noted(v, data.controls, current(v).split('|'));  // what the run wrote in the address, or its widgets show
  show(root);
  warm(v);
  ahead(root, false);  // views a run brought are drawn ahead too, where the view shown stays (show() returns early)
  if (!v.observer) {
    // a control's new value shows as an attribute change in the main area, in the frame it is drawn:
    // aria-checked on a segmented control's buttons, aria-valuetext on a slider's range input
    v.observer = new MutationObserver(() => {
      if (!root.isConnected) return retire(v, root);
      if (v.pendingShow) return;
      v.pendingShow = true;
      setTimeout(() => { v.pendingShow = false; if (root.isConnected) show(root); }, 0);
    });
    const main = document.querySelector('[data-testid=stMain]') || document.body;
    v.observer.observe(main, {subtree: true, attributes: true, attributeFilter: ['aria-checked', 'aria-valuetext']});
  }
}
"""
)

_element = st.components.v2.component("seqgen_views", html=HTML, css=CSS, js=JS, isolate_styles=False)


def controls(settings: Sequence[Setting]) -> list[dict]:
    """The widgets an element follows in the browser, as its script reads them (COMMON's READ): each one's key,
    kind, default (as the URL writes it) and, for a segmented control, its choices."""
    return [
        {
            "key": s.key,
            "kind": "slider" if s.choices is None else "segmented",
            "default": s.dump(s.initial()),
            "options": [s.dump(c) for c in s.choices or ()],
        }
        for s in settings
    ]


def show(
    page,
    key: str,
    settings: Sequence[Setting],
    views: Mapping[str, dict | Encoded],
    container=None,
    on_click: Callable[[Any], None] | None = None,
    anchor: Sequence[Setting] = (),
    warm: Sequence[dict] = (),
) -> None:
    """Mount the element that shows one part out of `views` (combo name -> part) for the values the
    browser's widgets hold now. `settings` are the page's settings that choose the view, each marked
    `browser=True`: one with choices is drawn as a segmented control, one without as a slider. Until the widgets are drawn the element shows this run's values (for a setting
    marked `browser=True`, the address's, which the browser writes). A setting that also reruns the page (not
    `browser=True`) may choose views too: the element shows the view for the student's click at once, and the
    run that follows finds it shown. `on_click` is called, before the next run, with the customdata of a point
    the student clicked on a chart. `anchor`: two sliders' settings (x, then y) at whose values, as the browser's
    widgets hold them, every shape drawn around a point (`xanchor`, `yanchor`: a marker) is placed; the page sends
    its charts with the marker anywhere, the same bytes whatever the sliders hold. `warm`: chart parts the
    browser draws once, off the page, when it is idle, and lets go (Plotly's code run once before a page needs it)."""
    data = {
        "controls": controls(settings),
        # the server's value of each control, but none for one the browser sets (its value lives in the browser):
        # views sent again for another value of such a control are the same message, which the browser keeps
        # (Streamlit's message cache) rather than the server sending it again
        "current": [None if s.browser else str(page[s.key]) for s in settings],
        "template": TEMPLATE,
        "loading": page.t("views.loading"),  # while the page's Plotly loads
        "missing": page.t("views.missing"),  # a value without a view
        "clickable": on_click is not None,
        "key": f"{page.id}/{key}",  # an element taken off the page and mounted again takes back its charts
        "present": page.presenting,  # chart text at a projector's sizes (COMMON's presented)
    }
    if warm:
        data["warm"] = list(warm)
    if anchor:  # no server values: the message stays the same whatever they are (the address has them)
        data["anchor"] = {"controls": controls(anchor), "current": [None] * len(anchor)}
    # Handed over as JSON bytes, written once: as a dict, Streamlit would walk it for data frames and
    # serialise it twice more (once sorted, for the element's identity), a cost in every run of every chart.
    # Each view's own digest too: a chart whose view a run sends again unchanged is left as it is drawn.
    parts = {name: encoded(part) for name, part in views.items()}
    views_json = "{" + ", ".join(f"{json.dumps(name)}: {part.json}" for name, part in parts.items()) + "}"
    data["digests"] = {name: part.digest for name, part in parts.items()}
    # the views' names and digests, and the sizes they are drawn at
    data["id"] = hashlib.md5(json.dumps([data["digests"], data["present"]]).encode()).hexdigest()
    payload = json.dumps(data)[:-1] + ', "views": ' + views_json + "}"
    mount = container if container is not None else st
    with mount.container(key=key):
        events = {}
        if on_click is not None:  # called before the next run with the clicked point's customdata
            events["on_clicked_change"] = lambda: on_click(st.session_state[f"{key}_views"].get("clicked"))
        _element(key=f"{key}_views", data=payload.encode(), width="stretch", **events)


def load_plotly() -> None:
    """The charts in views are drawn with the Plotly that Streamlit loads for its own charts; on a page whose
    every chart is in views, an empty chart (hidden) makes Streamlit load it. The page's style hides it even
    where no views element is drawn (the home page, which loads Plotly for the pages a student opens from it)."""
    st.html("<style>.st-key-views_plotly { display: none !important; }</style>")
    st.plotly_chart(go.Figure(layout=dict(height=10, width=10)), key="views_plotly", width="content")


@lru_cache(maxsize=1)
def _warm_up_charts() -> tuple[dict, ...]:
    """What the course's first charts draw (a heat map over a text's characters with a colour bar; lines and bars
    with a legend), small, for `show`'s `warm`: made with the pages' own figure code."""
    from figures import sequence as seq  # noqa: PLC0415 (the home page's only use of it)

    chars = "warm up"
    values = np.sin(np.arange(len(chars) * 8, dtype=np.float32).reshape(len(chars), 8))
    probs = {"a": np.full(len(chars), 0.5, np.float32), "b": np.linspace(0.1, 0.9, len(chars), dtype=np.float32)}
    return (
        figure(seq.state_heatmap(values, chars, "h", "unit", -1.0, 1.0, "t")),
        figure(seq.next_char(chars, probs, {"a": "A", "b": "B"}, "p", "bits", "saved", "t")),
    )


def preload(page) -> None:
    """On a page without charts (the home page): make the browser load, while the student reads it, the code
    the course's charts need (Plotly's, Streamlit's element for this one and this element's own script), so
    that the first page opened from it does not wait for them (markov's charts came 0.25–0.5 s after its run
    ended, and 1.6–2.4 s after its link was clicked when Plotly had to load too). Streamlit fetches each kind
    of widget's code when one is first drawn, and the home page has none of the pages' widgets: one of each,
    hidden, so that the first page's controls do not come 0.5–0.9 s after its charts."""
    shell.tables()  # the hidden tables below (and Plotly's figure) meet pandas whole
    load_plotly()
    st.html("<style>.st-key-views_preload { display: none !important; }</style>")
    with st.container(key="views_preload"):
        show(page, "views_preload_element", (), {"": text("")}, warm=_warm_up_charts())
        hidden = dict(label_visibility="collapsed")
        st.slider("slider", key="_preload_slider", **hidden)
        st.segmented_control("segmented", ["a", "b"], key="_preload_segmented", **hidden)
        st.selectbox("select", ["a", "b"], key="_preload_select", **hidden)
        st.number_input("number", key="_preload_number", **hidden)
        st.text_area("text area", key="_preload_text_area", **hidden)
        st.text_input("text", key="_preload_text", **hidden)
        st.metric("metric", "0")
        st.code("0", language=None)
        st.markdown("$x$")  # the maths in the pages' introductions
        st.table({"a": [0]})
        st.dataframe({"a": [0]})
        st.image('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>')  # diagrams are images


def chart(page, key: str, fig: go.Figure | dict, container=None, on_click: Callable[[Any], None] | None = None) -> None:
    """One Plotly chart that a run redraws in place (Plotly.react changes only what differs), where
    st.plotly_chart mounts a new chart for every new figure and draws it twice. `fig` may be a part already
    made (`figure`), as a cache keeps one. `on_click` is called, before the next run, with the customdata of a
    point the student clicked. The page calls load_plotly() once, before its first chart."""
    show(page, key, (), {"": fig if isinstance(fig, dict) else figure(fig)}, container, on_click=on_click)
