"""One query token's way through an encoder head, drawn in the browser (ui/computed.py): the query token, like
the layer and the head, answers in the frame the student moves it, without a trip to the server.

The page hands the browser the trained model's numbers for every layer, head and query token of the text
(`datemodel.every_query`: the very numbers `datemodel.attention_step` gives for each, as float32, or as the
float64 they are), and the chart part of the score steps (`figures.attention.score_steps`). For the values the
widgets hold, the element's script picks that query's numbers and draws them as the page drew them on the
server: the score steps split around the query's own key (`figures.attention.score_steps`), q and the output
as rows of painted cells (`figures.sequence.vector`), and the sentences naming the token and quoting the
largest weight, the entropy and the difference from the model's forward pass, from the catalog with blanks.
Tests compare what the browser draws with `attention_step` at the same values (tests/e2e/test_attnquery.py).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

from figures import attention as fig
from ui import computed
from ui.urlstate import Setting

JS = r"""
const f32 = (b64) => decode({dtype: 'f4', bdata: b64});

// which query the widgets choose: layer, head and token counted from 0 (a token past the text's end, while a
// run for a shorter text is under way, shows the last one)
function query(d, [layer, head, token]) {
  return {l: +layer - 1, h: +head - 1, t: Math.min(+token, d.labels.length) - 1};
}

// one query's row of a (layers, heads, T, width) array, as numbers
function row(d, name, {l, h, t}) {
  const a = d[name];
  const width = a.length / (d.layers * d.heads * d.labels.length);
  const at = ((l * d.heads + h) * d.labels.length + t) * width;
  return Array.from(a.subarray(at, at + width));
}

const one = (d, name, {l, h, t}) => d[name][(l * d.heads + h) * d.labels.length + t];

const RED = [228, 87, 86], BLUE = [76, 120, 168];  // figures.common's RED and BLUE

// figures.sequence.vector: a short vector as one row of cells, red (positive) or blue (negative) grounds
function vector(root, values, name) {
  const m = Math.max(...values.map(Math.abs)) || 1.0;
  const table = document.createElement('table');
  table.className = 'vector';
  table.style.cssText = 'font-family:monospace;font-size:.8rem;border-collapse:collapse;color:#111;background:#fff';
  const tr = table.insertRow(), th = document.createElement('th');
  th.style.cssText = 'padding:2px 8px;text-align:left;font-weight:normal';
  th.textContent = name;
  tr.appendChild(th);
  for (const v of values) {
    const a = Math.min(1.0, Math.abs(v) / m), [r, g, b] = v >= 0 ? RED : BLUE;
    const td = tr.insertCell();
    td.style.cssText = `background:rgba(${r},${g},${b},${a.toFixed(2)});padding:2px 6px;text-align:right`;
    td.textContent = (v >= 0 ? '+' : '') + v.toFixed(2);
  }
  const box = document.createElement('div');
  box.className = 'computed-scroll';
  box.appendChild(table);
  root.replaceChildren(box);
  return true;
}

const MODEL = {
  prepare: (d) => {
    for (const name of ['q', 'out', 'scores', 'scaled', 'weights']) if (typeof d[name] === 'string') d[name] = f32(d[name]);
  },
  name: (d, values) => values.join('|'),
  // the score steps drawn ahead: the next and the previous token, then the other heads, this layer's first
  ahead: (d, [layer, head, token]) => {
    const out = [];
    for (const t of [+token + 1, +token - 1]) if (t >= 1 && t <= d.labels.length) out.push([layer, head, String(t)]);
    const layers = [+layer, ...Array.from({length: d.layers}, (_, i) => i + 1).filter((l) => l !== +layer)];
    for (const l of layers) {
      for (let h = 1; h <= d.heads; h++) if (l !== +layer || h !== +head) out.push([String(l), String(h), token]);
    }
    return out;
  },
  slots: {
    step1: (v, root, d, values) => {
      sentence(root, fill(d.words, {token: d.labels[query(d, values).t]}), 'computed-text');
      return true;
    },
    q: (v, root, d, values) => {
      const at = query(d, values);
      return vector(root, row(d, 'q', at), fill(d.words, {token: d.labels[at.t]}));
    },
    out: (v, root, d, values) => {
      const at = query(d, values);
      return vector(root, row(d, 'out', at), fill(d.words, {token: d.labels[at.t]}));
    },
    // figures.attention.score_steps: each row's two bar traces, the other keys and the query's own key
    scores: (v, root, d, values) => {
      const at = query(d, values), label = d.labels[at.t], own = fill(d.words.own, {token: label});
      const traces = [];
      for (const name of ['scores', 'scaled', 'weights']) {
        const [rest, picked] = split(row(d, name, at), at.t, d.hover);
        traces.push(rest, {...picked, name: own, legendgroup: own});
      }
      const title = fill(d.words.scores, {token: label});
      return chart(v, root, traces, null, (layout) => ({
        annotations: layout.annotations.map((note, i) => (i === 0 ? {...note, text: title} : note)),
      }));
    },
    peak: (v, root, d, values) => {
      const at = query(d, values);
      sentence(root, fill(d.words, {peak: one(d, 'peak', at) * 100, entropy: one(d, 'entropy', at)}), 'computed-caption');
      return true;
    },
    same: (v, root, d, values) => {
      sentence(root, fill(d.words, {diff: one(d, 'diff', query(d, values))}), 'computed-caption');
      return true;
    },
  },
};
"""

_element = computed.component("seqgen_attnquery", JS)

# what each place of the page needs of every_query's numbers (float32 rows, or float64 numbers)
NEEDS = {
    "step1": (),
    "q": ("q",),
    "out": ("out",),
    "scores": ("scores", "scaled", "weights"),
    "peak": ("peak", "entropy_bits"),
    "same": ("diff_from_model",),
}
SHORT = {"entropy_bits": "entropy", "diff_from_model": "diff"}  # the names the script reads


def shared(page, settings: Sequence[Setting], queries: dict[str, np.ndarray], labels: list[str]) -> dict:
    """What every place needs: the controls (layer, head, token), the tokens' labels and hover names, and the
    number of layers and heads the arrays hold."""
    layers, heads = queries["q"].shape[:2]
    return {
        **computed.shared(page, settings),
        "labels": labels,
        "hover": fig.named(labels),
        "layers": int(layers),
        "heads": int(heads),
    }


def show(key: str, slot: str, data: dict, queries: dict[str, np.ndarray], container=None, part=None, words=None):
    """Mount one place under `key`: `slot` names what it draws (NEEDS), into `part` (the score steps' chart) or
    with `words` (a catalog sentence with blanks; for the scores, the title's and the own key's)."""
    arrays = {}
    for name in NEEDS[slot]:
        a = queries[name]
        if a.dtype == np.float32:
            arrays[SHORT.get(name, name)] = base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()
        else:
            arrays[SHORT.get(name, name)] = [None if np.isnan(x) else float(x) for x in a.ravel()]
    computed.show(_element, key, slot, {**data, **arrays}, container, part, words)
