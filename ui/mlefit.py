"""The maximum-likelihood fit computed in the browser: the number of samples, of bins and the training step
answer in the frame the student moves them, without a trip to the server.

The fit is small enough to compute there: a histogram model over K = 40 values, at most 300 steps of
gradient descent on its logits. The page hands the browser the samples that every N shares (the first N of
one seed's 2,000 draws are exactly `models.mle.sample(N, seed)`: numpy draws them in order), P_data and
the step size; the element's script runs `models.mle`'s descent, its measures and the capacity curve for
the values the sliders hold, and draws them into the page's chart parts (the same parts the server built,
zeros refilled), its numbers and its sentences. The sliders are the page's settings marked `browser=True`:
they do not rerun the script, and the element writes them into the URL as ui/views.py does. Tests compare
what the browser draws with `models.mle` at the same values (tests/e2e/test_mlefit.py).

Every place on the page is its own element (a chart, the numbers, a sentence), so that the page keeps its
layout; they share what they compute (one fit per N and bins, remembered by the first element to need it).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

import numpy as np
import streamlit as st

from models import mle
from ui import views
from ui.urlstate import Setting

CSS = """
.mlefit-metrics { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 1rem; }
@media (max-width: 640px) { .mlefit-metrics { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.mlefit-label { font-size: .875rem; }
.mlefit-value { font-size: 2.25rem; line-height: 1.3; }
.mlefit-text { margin: 0 0 1rem; }
.mlefit-caption { font-size: .875rem; opacity: .6; margin-bottom: .25rem; }
.mlefit-wait { opacity: .6; font-size: .9rem; }
"""

HTML = '<div class="mlefit"></div>'

JS = (
    views.COMMON
    + r"""
// models/mle.py, step for step: the same operations in the same order, so the same numbers to the last digits.
const FITS = window.__mleFits || (window.__mleFits = new Map());  // what is computed, shared by the elements
const REMEMBER = 64;

function remember(key, make) {
  if (FITS.has(key)) return FITS.get(key);
  const value = make();
  FITS.set(key, value);
  if (FITS.size > REMEMBER) FITS.delete(FITS.keys().next().value);
  return value;
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// softmax(θ) into q (mle.model_probs' and mle.descent's: exp(θ − max θ), then divided by its sum)
function softmax(theta, q) {
  let top = -Infinity, total = 0;
  for (let j = 0; j < theta.length; j++) if (theta[j] > top) top = theta[j];
  for (let j = 0; j < theta.length; j++) total += (q[j] = Math.exp(theta[j] - top));
  for (let j = 0; j < theta.length; j++) q[j] /= total;
  return q;
}

function binOf(d, bins, value) { return Math.floor((value * bins) / d.k); }

function counted(d, n) {
  return remember(`${d.seed}|counts|${n}`, () => {
    const counts = new Float64Array(d.k);
    for (let i = 0; i < n; i++) counts[d.samples[i]] += 1;
    return counts;
  });
}

// θ after 0, 1, ..., steps of gradient descent on the empirical NLL, from the uniform model (mle.descent);
// only the last one where `all` is false
function descent(d, counts, bins, all) {
  const share = new Float64Array(bins), q = new Float64Array(bins), theta = new Float64Array(bins);
  const total = sum(counts);
  for (let v = 0; v < d.k; v++) share[binOf(d, bins, v)] += counts[v];
  for (let j = 0; j < bins; j++) share[j] /= total;
  const path = all ? [theta.slice()] : null;
  for (let s = 0; s < d.steps; s++) {
    softmax(theta, q);
    for (let j = 0; j < bins; j++) theta[j] -= d.lr * (q[j] - share[j]);
    if (all) path.push(theta.slice());
  }
  return all ? path : theta;
}

// p_θ over the K values (mle.model_probs) and the fit's measures (mle.measure)
function measure(d, theta, counts) {
  const bins = theta.length, q = softmax(theta, new Float64Array(bins)), width = new Float64Array(bins);
  for (let v = 0; v < d.k; v++) width[binOf(d, bins, v)] += 1;
  const probs = new Float64Array(d.k);
  let nll = 0, ce = 0;
  for (let v = 0; v < d.k; v++) {
    const b = binOf(d, bins, v);
    probs[v] = q[b] / width[b];
    nll -= counts[v] * Math.log(probs[v]);
    ce -= d.p[v] * Math.log(probs[v]);
  }
  return {probs, nll: nll / sum(counts), ce};
}

// the fit with these bins after every step (lesson.fitted)
function fitted(d, n, bins) {
  return remember(`${d.seed}|fit|${n}|${bins}`, () => {
    const counts = counted(d, n);
    const fits = descent(d, counts, bins, true).map((theta) => measure(d, theta, counts));
    return {
      probs: fits.map((f) => f.probs),
      nll: fits.map((f) => f.nll),
      ce: fits.map((f) => f.ce),
      kl: fits.map((f) => f.ce - d.entropy),
      empirical: Float64Array.from(counts, (c) => c / n),
    };
  });
}

// the fully trained fit for every number of bins (lesson.capacity) and the best of them
function capacity(d, n) {
  return remember(`${d.seed}|capacity|${n}`, () => {
    const counts = counted(d, n), nll = [], ce = [];
    for (let b = 1; b <= d.k; b++) {
      const f = measure(d, descent(d, counts, b, false), counts);
      nll.push(f.nll);
      ce.push(f.ce);
    }
    return {nll, ce, best: ce.indexOf(Math.min(...ce)) + 1};
  });
}

// A sentence with the browser's numbers: the server wrote ⟪name:spec⟫ where a number goes (ui.mlefit.blanks);
// **bold** as Markdown draws it, every character drawn as text.
function fill(words, values) {
  return words.replace(/⟪(\w+):([^⟫]*)⟫/g, (_, name, spec) => {
    const digits = /^\.(\d+)f$/.exec(spec);
    return digits ? values[name].toFixed(Number(digits[1])) : String(values[name]);
  });
}

function sentence(el, text, className) {
  const p = document.createElement('p');
  p.className = className;
  text.split('**').forEach((piece, i) => {
    if (i % 2) {
      const strong = document.createElement('strong');
      strong.textContent = piece;
      p.appendChild(strong);
    } else {
      p.appendChild(document.createTextNode(piece));
    }
  });
  el.replaceChildren(p);
}

function values(v) {
  return v.data.controls.map((c, i) => {
    const el = document.querySelector(`.st-key-${c.key}`);
    const value = el && READ.slider(el, c);
    return value == null || value === '' ? v.data.current[i] : value;
  });
}

function chart(v, root, data, shapes) {
  if (!window.Plotly) return false;
  const part = v.part || (v.part = typed(structuredClone(v.data.part)));
  const layout = {...part.layout, template: themed(root, v.data.template, v)};
  if (shapes) layout.shapes = part.layout.shapes.map((s, i) => (shapes[i] ? {...s, ...shapes[i]} : s));
  const traces = part.data.map((trace, i) => ({...trace, y: data[i]}));
  let plot = root.querySelector('.js-plotly-plot');
  if (!plot) {
    plot = document.createElement('div');
    root.replaceChildren(plot);
    window.Plotly.newPlot(plot, traces, layout, CONFIG);
  } else {
    // the same arrays for what did not change: Plotly.react leaves those traces alone
    const same = traces.map((t, i) => (plot.data[i] && plot.data[i].y === t.y ? plot.data[i] : t));
    window.Plotly.react(plot, same, layout, CONFIG);
  }
  return true;
}

const SLOTS = {
  fit: (v, root, d, [n, bins, step]) => {
    const f = fitted(d, n, bins);
    return chart(v, root, [d.p, f.empirical, f.probs[step]]);
  },
  curves: (v, root, d, [n, bins, step]) => {
    const f = fitted(d, n, bins);
    return chart(v, root, [f.nll, f.ce, f.kl], [null, {x0: step, x1: step}]);
  },
  capacity: (v, root, d, [n, bins]) => {
    const c = capacity(d, n);
    return chart(v, root, [c.nll, c.ce], [null, {x0: bins, x1: bins}]);
  },
  metrics: (v, root, d, [n, bins, step]) => {
    const f = fitted(d, n, bins);
    const numbers = [f.nll[step], f.ce[step], d.entropy, f.kl[step]];
    const grid = document.createElement('div');
    grid.className = 'mlefit-metrics';
    v.data.words.forEach((label, i) => {
      const cell = document.createElement('div');
      cell.className = 'mlefit-metric';
      cell.dataset.value = numbers[i];
      const top = document.createElement('div'), value = document.createElement('div');
      top.className = 'mlefit-label';
      top.textContent = label;
      value.className = 'mlefit-value';
      value.textContent = numbers[i].toFixed(3);
      cell.append(top, value);
      grid.appendChild(cell);
    });
    root.replaceChildren(grid);
    return true;
  },
  identity: (v, root, d, [n, bins, step]) => {
    const f = fitted(d, n, bins);
    sentence(root, fill(v.data.words, {kl: f.kl[step], ce: f.ce[step], h: d.entropy}), 'mlefit-text');
    return true;
  },
  capacity_intro: (v, root, d, [n]) => {
    sentence(root, fill(v.data.words, {n}), 'mlefit-text');
    return true;
  },
  capacity_caption: (v, root, d, [n]) => {
    sentence(root, fill(v.data.words, {best: capacity(d, n).best}), 'mlefit-caption');
    return true;
  },
};

function update(root) {
  const v = root.__mlefit;
  const [n, bins, step] = values(v).map(Number);
  const d = v.data, name = `${d.seed}|${n}|${bins}|${step}`;
  if (name === v.shown) return;
  if (!(n >= 1 && n <= d.samples.length && bins >= 1 && bins <= d.k && step >= 0 && step <= d.steps)) return;
  if (!SLOTS[d.slot](v, root, d, [n, bins, step])) {  // a chart, before the page's Plotly has loaded
    if (!root.querySelector('.mlefit-wait')) {
      const wait = document.createElement('div');
      wait.className = 'mlefit-wait';
      wait.textContent = d.loading;
      root.replaceChildren(wait);
    }
    if (!v.waiting) v.waiting = setTimeout(() => { v.waiting = null; update(v.root); }, 50);
    return;
  }
  v.shown = name;
  root.dataset.shown = name;
  written(d.controls, [n, bins, step].map(String));
}

export default function ({ data: bytes, parentElement }) {
  const root = parentElement.querySelector('.mlefit');
  const v = root.__mlefit || (root.__mlefit = {});
  v.root = root;
  if (bytes !== v.bytes) {
    v.bytes = bytes;
    v.data = JSON.parse(new TextDecoder().decode(bytes));
    v.data.samples = Uint8Array.from(atob(v.data.samples), (c) => c.charCodeAt(0));
    v.part = null;  // decoded again from the new data
    v.shown = null;
  }
  update(root);
  if (!v.observer) {
    // a slider's new value shows as aria-valuetext in the main area, in the frame it is drawn
    v.observer = new MutationObserver(() => {
      if (root.isConnected) update(root);
      else { v.observer.disconnect(); v.observer = null; }
    });
    const main = document.querySelector('[data-testid=stMain]') || document.body;
    v.observer.observe(main, {subtree: true, attributes: true, attributeFilter: ['aria-valuetext']});
  }
}
"""
)

_element = st.components.v2.component("seqgen_mlefit", html=HTML, css=CSS, js=JS, isolate_styles=False)


class _Blank:
    """A number the browser writes in: formatted, it says which and how (⟪kl:.3f⟫), for the element's fill()."""

    def __init__(self, name: str):
        self.name = name

    def __format__(self, spec: str) -> str:
        return f"⟪{self.name}:{spec}⟫"


def blanks(*names: str) -> dict[str, _Blank]:
    """Placeholders for a catalog sentence whose numbers the browser computes: page.t(key, **blanks("kl"))."""
    return {name: _Blank(name) for name in names}


def shared(page, seed: int, settings: Sequence[Setting], steps: int) -> dict:
    """What every element of the fit needs: the seed's samples (all that any N draws), P_data, the step size,
    and the sliders it follows, n, bins and step (in that order)."""
    return {
        "seed": seed,
        # one byte per draw (the values are 0..K-1), base64: a third of the JSON list
        "samples": base64.b64encode(mle.sample(settings[0].hi, seed).astype(np.uint8).tobytes()).decode(),
        "p": [float(x) for x in mle.p_data()],
        "entropy": mle.entropy(),
        "lr": mle.LR,
        "k": mle.K,
        "steps": steps,
        "controls": views.controls(settings),
        "current": [str(page[s.key]) for s in settings],
        "template": views.TEMPLATE,
        "loading": page.t("views.loading"),
    }


def show(key: str, slot: str, fit: dict, container=None, part: dict | None = None, words=None) -> None:
    """Mount one element of the fit: `slot` is a chart ("fit", "curves", "capacity", drawn into `part`, the
    chart part with zeros), the four numbers ("metrics", `words` their labels) or a sentence ("identity",
    "capacity_intro", "capacity_caption", `words` the sentence with blanks)."""
    payload = json.dumps({**fit, "slot": slot, "part": part, "words": words})
    mount = container if container is not None else st
    with mount.container(key=key):
        _element(key=f"{key}_fit", data=payload.encode(), width="stretch")
