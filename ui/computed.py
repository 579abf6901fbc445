"""Views the browser computes: where what a page draws is small enough to compute in the page (the MLE fit,
the parameter counts), its controls answer in the frame the student moves them, without a trip to the server.

The page hands the browser what every value of its controls shares (samples, constants) and the chart parts it
already built, with zeros where the numbers go; an element's script, `BASE` + the model's own code + `TAIL`,
computes the view for the values the widgets hold now and draws it into the page: a chart (Plotly.react,
traces that did not change keep their arrays), numbers (as st.metric draws them) or a sentence from the catalog
with blanks the browser fills (`blanks`). The controls are the page's settings marked `browser=True`: they do
not rerun the script, and the element writes them into the URL as ui/views.py does.

The model's code defines `MODEL = {slots, prepare?, name?}`: `slots[slot](v, root, d, values)` draws one place
of the page and says whether it could (false: a chart before the page's Plotly has loaded); `prepare(d)` turns
the data into what the slots use, once per run's data; `name(d, values)` names a view (the element's
`data-shown`, which tests wait for). Every place on a page is its own element, so that the page keeps its
layout; what they compute they share (`remember`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import streamlit as st

from ui import views
from ui.urlstate import Setting

CSS = """
.computed-metrics { display: grid; grid-template-columns: repeat(var(--cols, 4), minmax(0, 1fr)); gap: 1rem; }
@media (max-width: 640px) { .computed-metrics { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.computed-label { font-size: .875rem; }
.computed-value { font-size: 2.25rem; line-height: 1.3; overflow-wrap: anywhere; }
.computed-text { margin: 0 0 1rem; }
.computed-code { background: rgba(128, 128, 128, .07); border-radius: .5rem; padding: 1rem; margin: 0 0 1rem;
  font-family: "Source Code Pro", monospace; font-size: .875rem; white-space: pre; overflow-x: auto; }  /* st.code */
.computed-text code { font-family: "Source Code Pro", monospace; font-size: .85em; padding: .1em .25em;
  border-radius: .25rem; background: rgba(128, 128, 128, .12); }  /* `code` as st.markdown draws it */
.computed-caption { font-size: .875rem; opacity: .6; margin-bottom: .25rem; }
.computed-wait { opacity: .6; font-size: .9rem; }
.computed-scroll { overflow-x: auto; }  /* a row of numbers wider than a phone scrolls rather than runs off */
"""

HTML = '<div class="computed"></div>'

BASE = (
    views.COMMON
    + r"""
const STORE = window.__computed || (window.__computed = new Map());  // what is computed, shared by the elements
const REMEMBER = 64;

function remember(key, make) {
  if (STORE.has(key)) return STORE.get(key);
  const value = make();
  STORE.set(key, value);
  if (STORE.size > REMEMBER) STORE.delete(STORE.keys().next().value);
  return value;
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// 1234567.25 -> "1,234,567.25" (Python's f"{x:,}" on the digits toFixed wrote)
function grouped(digits) {
  const [whole, part] = digits.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const body = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + body + (part == null ? '' : '.' + part);
}

// A sentence with the browser's values: the server wrote ⟪name:spec⟫ where a value goes (ui.computed.blanks):
// ".3f" and ".1e" as Python writes them, anything else as the value is (a count the model's code has grouped).
function fill(words, values) {
  return words.replace(/⟪(\w+):([^⟫]*)⟫/g, (_, name, spec) => {
    const fixed = /^\.(\d+)f$/.exec(spec), exponent = /^\.(\d+)e$/.exec(spec);
    if (fixed) return values[name].toFixed(Number(fixed[1]));
    // Python writes the exponent with two digits at least: 3.2e-07, not 3.2e-7
    if (exponent) return values[name].toExponential(Number(exponent[1])).replace(/e([+-])(\d)$/, (_, sign, d) => `e${sign}0${d}`);
    return String(values[name]);
  });
}

// **bold** and `code` as Markdown draws them, every character drawn as text
function sentence(root, text, className) {
  const p = document.createElement('p');
  p.className = className;
  for (const piece of text.split(/(\*\*[^*]*\*\*|`[^`]*`)/)) {
    const bold = piece.startsWith('**') && piece.endsWith('**') && piece.length >= 4;
    const code = !bold && piece.length >= 2 && piece.startsWith('`') && piece.endsWith('`');
    if (bold || code) {
      const el = document.createElement(bold ? 'strong' : 'code');
      el.textContent = bold ? piece.slice(2, -2) : piece.slice(1, -1);
      p.appendChild(el);
    } else if (piece) {
      p.appendChild(document.createTextNode(piece));
    }
  }
  root.replaceChildren(p);
}

// figures.attention.split_bars's two traces' fields for `values` with bar `chosen` picked: the rest (x, y and
// hover names), then the picked one
function split(values, chosen, hover) {
  const rest = values.map((_, i) => i).filter((i) => i !== chosen);
  return [
    {x: rest, y: rest.map((i) => values[i]), customdata: rest.map((i) => hover[i])},
    {x: [chosen], y: [values[chosen]], customdata: [hover[chosen]]},
  ];
}

// Numbers with their labels, as st.metric draws them side by side (two by two on a phone)
function metrics(root, labels, texts, numbers) {
  const grid = document.createElement('div');
  grid.className = 'computed-metrics';
  grid.style.setProperty('--cols', labels.length);
  labels.forEach((label, i) => {
    const cell = document.createElement('div');
    cell.className = 'computed-metric';
    cell.dataset.value = numbers[i];
    const top = document.createElement('div'), value = document.createElement('div');
    top.className = 'computed-label';
    top.textContent = label;
    value.className = 'computed-value';
    value.textContent = texts[i];
    cell.append(top, value);
    grid.appendChild(cell);
  });
  root.replaceChildren(grid);
}

// The page's chart part with these traces' fields (trace i gets traces[i]'s), shapes (shape i merged with
// shapes[i] where given) and layout fields (what `patch` makes of the part's layout, where given); false
// before the page's Plotly has loaded
function chart(v, root, traces, shapes, patch) {
  if (!window.Plotly) return false;
  const part = v.part || (v.part = typed(structuredClone(v.data.part)));
  let layout = {...part.layout, template: themed(root, v.data.template, v)};
  if (shapes) layout.shapes = part.layout.shapes.map((s, i) => (shapes[i] ? {...s, ...shapes[i]} : s));
  if (patch) Object.assign(layout, patch(part.layout));
  layout = presented(layout, v.data.present);
  const data = part.data.map((trace, i) => ({...trace, ...traces[i]}));
  // this place's key (its container's), for the margins Plotly settled on (COMMON's margined)
  const key = presentKey(v.key || (v.key = window.location.pathname + [...(root.closest('[class*="st-key-"]')?.classList || [])].find((c) => c.startsWith('st-key-'))), v.data.present);
  const width = v.into ? v.into.__width : elementWidth(v, root);
  const asked = margined(key, width, layout);
  if (v.into) {  // drawn ahead, off the page (TAIL's ahead)
    const into = v.into;
    window.Plotly.newPlot(into, data, asked, CONFIG).then(() => learn(key, width, into));
    v.into.__part = part;
    v.into.__data = v.data;
    return true;
  }
  let plot = root.querySelector('.js-plotly-plot');
  if (!plot) {
    plot = document.createElement('div');
    root.replaceChildren(plot);
    window.Plotly.newPlot(plot, data, asked, CONFIG).then(() => learn(key, width, plot));
  } else {
    // the same arrays for what did not change: Plotly.react leaves those traces alone (but a run's new part,
    // the probabilities of a new p say, changes what the browser does not compute too)
    const same = data.map((t, i) => {
      const was = plot.data[i];
      return plot.__part === part && was && Object.keys(traces[i]).every((k) => was[k] === t[k]) ? was : t;
    });
    window.Plotly.react(plot, same, asked, CONFIG);
  }
  plot.__part = part;
  plot.__data = v.data;  // what it was drawn from: kept, it is shown again while the element holds these numbers
  return true;
}

// The value each control's widget holds now (this run's where it is not drawn yet), or null where one is
// outside what its setting allows
function values(v) {
  const now = v.data.controls.map((c, i) => {
    const el = document.querySelector(`.st-key-${c.key}`);
    const value = el && READ[c.kind](el, c);
    return value == null || value === '' ? v.data.current[i] : String(value);
  });
  const ok = v.data.controls.every((c, i) =>
    c.kind === 'slider' ? Number(now[i]) >= c.lo && Number(now[i]) <= c.hi : c.options.includes(now[i]));
  return ok ? now : null;
}
"""
)

TAIL = r"""
// A chart of a model whose code names the views a student is likely to ask for next (`MODEL.ahead(d, values)`:
// value lists, the likeliest first) is drawn for those views ahead, one at a time while the browser is idle,
// off the page and as wide as its place; asking for one moves it into place, and the chart it replaces is kept
// for a move back. Not while a run is drawing the page, nor just after a key press or a click (the run or the
// move it starts comes first).
const KEEP = 12;  // charts kept per place
const OPENED_MS = 1000;  // nor in the second after a run brought new data (a page opening draws its own charts first)

const parked = (v, root) => offPage(v, elementWidth(v, root));
const nameOf = (d, values) => (MODEL.name ? MODEL.name(d, values) : values.join('|'));  // a view's name

function forget(v, plot) {
  window.Plotly?.purge(plot);
  plot.remove();
}

function keep(v, root, name, plot) {
  const kept = v.kept || (v.kept = new Map());
  if (kept.has(name)) forget(v, kept.get(name));
  plot.__width = plot.__width || elementWidth(v, root);
  parked(v, root).appendChild(plot);
  kept.set(name, plot);
  while (kept.size > KEEP) {
    const [oldest, old] = kept.entries().next().value;
    kept.delete(oldest);
    forget(v, old);
  }
}

// the chart kept for `name`, moved into place; false where none is kept for this data and width
function fromKept(v, root, name) {
  const plot = v.kept?.get(name);
  if (!plot) return false;
  v.kept.delete(name);
  if (plot.__data !== v.data || plot.__width !== elementWidth(v, root)) {
    forget(v, plot);
    return false;
  }
  const shown = root.querySelector('.js-plotly-plot');
  if (shown && v.shown) keep(v, root, v.shown, shown);
  root.replaceChildren(plot);
  return true;
}

// the charts kept for a place that has left the page (another page opened), let go: when a control moves on
// the page that replaced it, or when another place mounts
const PLACES = window.__computedPlaces || (window.__computedPlaces = new Set());
function letGo(v) {
  for (const plot of v.kept?.values() || []) forget(v, plot);
  v.kept?.clear();
  v.parked?.remove();
  v.parked = null;
  v.resized?.disconnect();
  v.sized = null;
  PLACES.delete(v);
}

function ahead(root) {
  const v = root.__computed;
  if (!MODEL.ahead || !v.data.part || v.aheadPending || !window.Plotly) return;
  v.aheadPending = true;
  whenIdle(() => {
    v.aheadPending = false;
    const root = v.root, now = values(v);
    if (!root.isConnected || !now || !v.part) return;
    const time = performance.now();
    if (busy() || time < v.calmFrom || heldWaiting()) {
      setTimeout(() => ahead(v.root), Math.max(INPUT_QUIET_MS, v.calmFrom - time));
      return;
    }
    const d = v.data;
    const next = MODEL.ahead(d, now).slice(0, KEEP - 1).find((values) => {
      const name = nameOf(d, values);
      return name !== v.shown && !(v.kept?.get(name)?.__data === d);
    });
    if (!next) return;
    const plot = document.createElement('div');
    parked(v, root).appendChild(plot);
    plot.__width = elementWidth(v, root);
    v.into = plot;
    try {
      MODEL.slots[d.slot](v, root, d, next);
    } finally {
      v.into = null;
    }
    keep(v, root, nameOf(d, next), plot);
    ahead(root);
  });
}

function update(root) {
  const v = root.__computed;
  const now = values(v);
  if (!now) return;
  const d = v.data, name = nameOf(d, now);
  if (name === v.shown) return;
  // a chart below the first screen, drawn when the student scrolls near it or the browser is idle (COMMON's held)
  if (d.part && window.Plotly && held(root, d.part.layout?.height || 450, () => update(v.root))) return;
  if (v.part && fromKept(v, root, name)) {
    v.shown = name;
    if (root.dataset.shown !== name) root.dataset.shown = name;
    written(v, d.controls, now);
    ahead(root);
    return;
  }
  if (!MODEL.slots[d.slot](v, root, d, now)) {  // a chart, before the page's Plotly has loaded
    if (!root.querySelector('.computed-wait')) {
      const wait = document.createElement('div');
      wait.className = 'computed-wait';
      wait.textContent = d.loading;
      root.replaceChildren(wait);
    }
    if (!v.waiting) v.waiting = setTimeout(() => { v.waiting = null; update(v.root); }, 50);
    return;
  }
  v.shown = name;
  if (root.dataset.shown !== name) root.dataset.shown = name;
  root.__near = true;  // drawn: never held again (a chart of this slot's first run came after a sentence)
  written(v, d.controls, now);
  ahead(root);
}

export default function ({ data: bytes, parentElement }) {
  const root = parentElement.querySelector('.computed');
  const v = root.__computed || (root.__computed = {});
  v.root = root;
  for (const other of PLACES) if (!other.root.isConnected) letGo(other);
  PLACES.add(v);
  if (bytes !== v.bytes) {
    v.bytes = bytes;
    const data = JSON.parse(new TextDecoder().decode(bytes));
    // the same numbers, sent by a run for another reason (a click on a model): only the server's values of the
    // controls differ; what is drawn and kept stays (each redraw was 30-50 ms of a markov model's click)
    if (v.data && data.digest === v.data.digest) {
      v.data.current = data.current;
    } else {
      v.data = data;
      if (MODEL.prepare) MODEL.prepare(v.data);
      v.part = null;  // decoded again from the new data
      v.shown = null;
      v.calmFrom = performance.now() + OPENED_MS;
      for (const plot of v.kept?.values() || []) forget(v, plot);  // drawn from the old data
      v.kept?.clear();
    }
  }
  const now = values(v);
  if (now) noted(v, v.data.controls, now);  // what the run wrote in the address, or its widgets show
  update(root);
  if (!v.observer) {
    // a slider's new value shows as aria-valuetext, a segmented control's as aria-checked, in the frame
    v.observer = new MutationObserver(() => {
      if (!root.isConnected) { v.observer.disconnect(); v.observer = null; letGo(v); return; }
      if (v.pending) return;
      v.pending = true;
      setTimeout(() => { v.pending = false; if (root.isConnected) update(root); }, 0);
    });
    const main = document.querySelector('[data-testid=stMain]') || document.body;
    v.observer.observe(main, {subtree: true, attributes: true, attributeFilter: ['aria-checked', 'aria-valuetext']});
  }
}
"""


def component(name: str, model_js: str):
    """The element for one model's code (its `MODEL`, see the module's docstring)."""
    return st.components.v2.component(name, html=HTML, css=CSS, js=BASE + model_js + TAIL, isolate_styles=False)


class _Blank:
    """A value the browser writes in: formatted, it says which and how (⟪kl:.3f⟫), for the element's fill()."""

    def __init__(self, name: str):
        self.name = name

    def __format__(self, spec: str) -> str:
        return f"⟪{self.name}:{spec}⟫"


def blanks(*names: str) -> dict[str, _Blank]:
    """Placeholders for a catalog sentence whose values the browser computes: page.t(key, **blanks("kl"))."""
    return {name: _Blank(name) for name in names}


def shared(page, settings: Sequence[Setting]) -> dict:
    """What every element needs to follow `settings` (the page's settings marked `browser=True`, in the order
    the model's code reads them): each widget's key, kind, default, range or choices, and this run's values."""
    return {
        "controls": [{**c, "lo": s.lo, "hi": s.hi} for c, s in zip(views.controls(settings), settings, strict=True)],
        "current": [s.dump(page[s.key]) for s in settings],
        "template": views.TEMPLATE,
        "loading": page.t("views.loading"),
    }


def show(element, key: str, slot: str, data: dict, container=None, part: dict | None = None, words=None) -> None:
    """Mount one place of a computed view under `key`: `slot` names what the model's code draws there, into
    `part` (a chart part with zeros) or with `words` (labels, or a sentence with blanks)."""
    # chart text at a projector's sizes in presenter mode (ui/views.py COMMON's presented)
    data = {**data, "present": bool(st.session_state.get("present"))}
    body = json.dumps({**data, "current": None, "slot": slot, "part": part, "words": words})
    # what the browser draws from, but the server's values of the controls: a run that sends the same again is
    # told so, and the element keeps what it drew
    digest = hashlib.md5(body.encode()).hexdigest()[:16]
    payload = json.dumps({**data, "slot": slot, "part": part, "words": words, "digest": digest})
    mount = container if container is not None else st
    with mount.container(key=key):
        element(key=f"{key}_computed", data=payload.encode(), width="stretch")
