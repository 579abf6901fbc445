"""The parameter calculator computed in the browser (ui/computed.py): the kind of data and the image's side
answer in the frame the student moves them, without a trip to the server.

The counts are `models.discrete`'s formulas, written here again for the browser (the same operations, so the
same numbers: tests/e2e/test_paramcounts.py compares what the browser draws with models.discrete): a sentence
about one pixel and the image, the models' counts side by side, and how they grow with the number of pixels up
to the image's (the page's chart part, its curves filled in).
"""

from __future__ import annotations

from collections.abc import Sequence

from models import discrete
from ui import computed
from ui.urlstate import Setting

JS = r"""
// models/discrete.py, formula for formula
const joint = (k, n) => (n * Math.log10(k) > 15 ? n * Math.log10(k) : Math.log10(k ** n - 1));  // log10_joint
const independent = (k, n) => n * (k - 1);
const markov = (k, n) => (k - 1) + (n - 1) * k * (k - 1);
const nade = (n, hidden) => 2 * n * hidden + n + hidden;

// discrete.readable_count: exact below a trillion, else as a power of ten
const readable = (log10) => (log10 < 12 ? grouped(String(Math.round(10 ** log10))) : `10^${grouped(log10.toFixed(1))}`);

// the page's counts (log10) for k values per pixel and n pixels, in the order of its metrics
function counts(d, k, n) {
  const logs = [joint(k, n), Math.log10(independent(k, n)), Math.log10(Math.max(1, markov(k, n)))];
  if (k === 2) logs.push(Math.log10(nade(n, d.hidden)));
  return logs;
}

// the curves for 1 .. max(n, 2) pixels
function growth(k, n) {
  return remember(`counts|${k}|${n}`, () => {
    const ns = Float64Array.from({length: Math.max(n, 2)}, (_, i) => i + 1);
    return [
      {x: ns, y: ns.map((m) => joint(k, m))},
      {x: ns, y: ns.map((m) => Math.log10(independent(k, m)))},
      {x: ns, y: ns.map((m) => Math.log10(Math.max(1, markov(k, m))))},
    ];
  });
}

const MODEL = {
  slots: {
    summary: (v, root, d, [kind, side]) => {
      const k = d.values[kind], n = side * side;
      const words = {k: grouped(String(k)), n: grouped(String(n)), one: grouped(String(k - 1))};
      sentence(root, fill(v.data.words, words), 'computed-text');
      return true;
    },
    metrics: (v, root, d, [kind, side]) => {
      const logs = counts(d, d.values[kind], side * side);
      metrics(root, v.data.words.slice(0, logs.length), logs.map(readable), logs);
      return true;
    },
    growth: (v, root, d, [kind, side]) => {
      const n = side * side;
      return chart(v, root, growth(d.values[kind], n), [{x0: n, x1: n}]);
    },
  },
};
"""

_element = computed.component("seqgen_paramcounts", JS)


def shared(page, settings: Sequence[Setting], hidden: int) -> dict:
    """What every element of the calculator needs: the values a pixel of each kind takes, NADE's hidden units
    and the controls it follows, the kind and the image's side (in that order)."""
    return {**computed.shared(page, settings), "values": discrete.VALUES, "hidden": hidden}


def show(key: str, slot: str, data: dict, container=None, part: dict | None = None, words=None) -> None:
    """Mount one place of the calculator: "summary" (`words` the sentence with blanks k, n, one), "metrics"
    (`words` the four models' labels, NADE's last: it counts binary pixels only) or "growth" (`part` the chart
    part, its curves filled in)."""
    computed.show(_element, key, slot, data, container, part, words)
