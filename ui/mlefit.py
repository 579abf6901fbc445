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

Every place on the page is its own element of ui/computed.py (a chart, the numbers, a sentence), so that the
page keeps its layout; they share what they compute (one fit per N and bins, remembered by the first element
to need it).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

from models import mle
from ui import computed
from ui.urlstate import Setting

JS = r"""
// models/mle.py, step for step: the same operations in the same order, so the same numbers to the last digits.
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
  return remember(`mle|${d.seed}|counts|${n}`, () => {
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
  return remember(`mle|${d.seed}|fit|${n}|${bins}`, () => {
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
  return remember(`mle|${d.seed}|capacity|${n}`, () => {
    const counts = counted(d, n), nll = [], ce = [];
    for (let b = 1; b <= d.k; b++) {
      const f = measure(d, descent(d, counts, b, false), counts);
      nll.push(f.nll);
      ce.push(f.ce);
    }
    return {nll, ce, best: ce.indexOf(Math.min(...ce)) + 1};
  });
}

const ys = (arrays) => arrays.map((y) => ({y}));

const MODEL = {
  prepare: (d) => { d.samples = Uint8Array.from(atob(d.samples), (c) => c.charCodeAt(0)); },
  name: (d, now) => [d.seed, ...now].join('|'),
  slots: {
    fit: (v, root, d, [n, bins, step]) => {
      const f = fitted(d, +n, +bins);
      return chart(v, root, ys([d.p, f.empirical, f.probs[step]]));
    },
    curves: (v, root, d, [n, bins, step]) => {
      const f = fitted(d, +n, +bins);
      return chart(v, root, ys([f.nll, f.ce, f.kl]), [null, {x0: +step, x1: +step}]);
    },
    capacity: (v, root, d, [n, bins]) => {
      const c = capacity(d, +n);
      return chart(v, root, ys([c.nll, c.ce]), [null, {x0: +bins, x1: +bins}]);
    },
    metrics: (v, root, d, [n, bins, step]) => {
      const f = fitted(d, +n, +bins);
      const numbers = [f.nll[step], f.ce[step], d.entropy, f.kl[step]];
      metrics(root, v.data.words, numbers.map((x) => x.toFixed(3)), numbers);
      return true;
    },
    identity: (v, root, d, [n, bins, step]) => {
      const f = fitted(d, +n, +bins);
      sentence(root, fill(v.data.words, {kl: f.kl[step], ce: f.ce[step], h: d.entropy}), 'computed-text');
      return true;
    },
    capacity_intro: (v, root, d, [n]) => {
      sentence(root, fill(v.data.words, {n}), 'computed-text');
      return true;
    },
    capacity_caption: (v, root, d, [n]) => {
      sentence(root, fill(v.data.words, {best: capacity(d, +n).best}), 'computed-caption');
      return true;
    },
  },
};
"""

_element = computed.component("seqgen_mlefit", JS)
blanks = computed.blanks


def shared(page, seed: int, settings: Sequence[Setting], steps: int) -> dict:
    """What every element of the fit needs: the seed's samples (all that any N draws), P_data, the step size,
    and the sliders it follows, n, bins and step (in that order)."""
    return {
        **computed.shared(page, settings),
        "seed": seed,
        # one byte per draw (the values are 0..K-1), base64: a third of the JSON list
        "samples": base64.b64encode(mle.sample(settings[0].hi, seed).astype(np.uint8).tobytes()).decode(),
        "p": [float(x) for x in mle.p_data()],
        "entropy": mle.entropy(),
        "lr": mle.LR,
        "k": mle.K,
        "steps": steps,
    }


def show(key: str, slot: str, fit: dict, container=None, part: dict | None = None, words=None) -> None:
    """Mount one element of the fit: `slot` is a chart ("fit", "curves", "capacity", drawn into `part`, the
    chart part with zeros), the four numbers ("metrics", `words` their labels) or a sentence ("identity",
    "capacity_intro", "capacity_caption", `words` the sentence with blanks)."""
    computed.show(_element, key, slot, fit, container, part, words)
