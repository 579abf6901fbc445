"""The translator's decoding, step by step, drawn in the browser (ui/computed.py): the step slider answers in the
frame the student moves it, without a trip to the server.

The page hands the browser, for every step of the answer, the decoder's probabilities of the next character and
where its last layer looks in the input (heads averaged), the very float32 numbers the server's charts drew, and
the charts of the first step as parts. For the step the slider holds, the element's script picks that step's
numbers and splits each chart's bars around the largest (`figures.attention.bars`), and writes the sentence
of what is written so far. Tests compare what the browser draws with `datemodel.run` (tests/e2e/test_decodestep.py).
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

// np.argmax: the first of the largest
function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

// figures.attention.bars for one step's row of a (steps, n) array: the largest bar red, the rest blue
function steps(v, root, d, step) {
  const n = d.values.length / d.steps, k = Math.min(Math.max(+step, 1), d.steps) - 1;
  const values = Array.from(d.values.subarray(k * n, (k + 1) * n));
  const title = fill(d.words, {step: k + 1});
  return chart(v, root, split(values, argmax(values), d.hover), null, (layout) => ({title: {...layout.title, text: title}}));
}

const MODEL = {
  prepare: (d) => { if (typeof d.values === 'string') d.values = f32(d.values); },
  ahead: (d, [step]) => [+step + 1, +step - 1].filter((k) => k >= 1 && k <= d.steps).map((k) => [String(k)]),
  slots: {
    bars: (v, root, d, [step]) => steps(v, root, d, step),
    // "Written so far: `{written}` → step {step} writes **{char}**"
    sentence: (v, root, d, [step]) => {
      const k = Math.min(Math.max(+step, 1), d.answer.length);
      const values = {written: d.answer.slice(0, k - 1) || '∅', step: k, char: d.answer[k - 1]};
      sentence(root, fill(d.words, values), 'computed-text');
      return true;
    },
  },
};
"""

_element = computed.component("seqgen_decodestep", JS)


def shared(page, settings: Sequence[Setting], answer: str) -> dict:
    """What every place needs: the step control and the answer the steps write."""
    return {**computed.shared(page, settings), "answer": answer}


def show_sentence(key: str, data: dict, words: str, container=None) -> None:
    """The sentence of what is written before the step and what the step writes (blanks: written, step, char)."""
    computed.show(_element, key, "sentence", data, container, words=words)


def show_bars(key: str, data: dict, labels: list[str], values: np.ndarray, part: dict, title: str, container=None):
    """One chart of bars per step: `values` (steps, len(labels)) as float32, `part` the first step's chart and
    `title` its title with the step as a blank."""
    values = np.ascontiguousarray(values, dtype="<f4")
    rows = {"values": base64.b64encode(values.tobytes()).decode(), "steps": len(values), "hover": fig.named(labels)}
    computed.show(_element, key, "bars", {**data, **rows}, container, part, title)
