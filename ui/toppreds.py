"""The markov page's most likely next characters at a position, drawn in the browser (ui/computed.py): the position
slider answers in the frame the student moves it, without a trip to the server.

The page hands the browser, for the bigram and every recurrent model whose reading of the text it holds, each
position's ten most likely next characters (their indices in the training alphabet and their probabilities, the
float32 numbers the models gave) and each model's chart part. For the model and the position the widgets hold,
the element's script draws the text read so far (as st.code showed it), the character that actually comes next
and the two panels of bars, as `figures.sequence.top_predictions` draws them. Tests compare what the browser draws
with `seqmodels` (tests/e2e/test_toppreds.py).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence

import numpy as np

from figures import sequence as fig
from models.data import text
from ui import computed
from ui.urlstate import Setting

CONTEXT = 60  # characters of the text shown before the position

JS = r"""
// a position the widgets hold, within the text (a longer text's position, while a run for this one is under way)
const at = (d, pos) => Math.min(Math.max(+pos, 1), d.length);

const MODEL = {
  prepare: (d) => {
    if (d.text != null) d.chars = Array.from(d.text);  // by character, as Python counts them
    for (const key of Object.keys(d.top || {})) {
      const [indices, probs] = d.top[key];
      if (typeof indices === 'string') d.top[key] = [decode({dtype: 'u1', bdata: indices}), f32(probs)];
    }
  },
  name: (d, values) => values.join('|'),
  // the positions either side, then the other models held at this one (a click on one shows its panel at once)
  ahead: (d, [model, pos]) => [
    ...[+pos + 1, +pos - 1].filter((p) => p >= 1 && p <= d.length).map((p) => [model, String(p)]),
    ...Object.keys(d.parts || {}).filter((k) => k !== model).map((k) => [k, pos]),
  ],
  slots: {
    // the text read so far, as the page showed it with st.code
    context: (v, root, d, [model, pos]) => {
      const p = at(d, pos), pre = document.createElement('pre'), code = document.createElement('code');
      pre.className = 'computed-code';
      code.textContent = (p > CONTEXT ? '…' : '') + d.chars.slice(Math.max(0, p - CONTEXT), p).join('') + '▌';
      pre.appendChild(code);
      root.replaceChildren(pre);
      return true;
    },
    after: (v, root, d, [model, pos]) => {
      const p = at(d, pos);
      sentence(root, p < d.length ? fill(d.words.actual, {char: d.next[p - 1]}) : d.words.end, 'computed-caption');
      return true;
    },
    // figures.sequence.top_predictions: the bigram's panel, then the model's, the most likely on top
    top: (v, root, d, [model, pos]) => {
      if (!d.parts[model]) return true;  // a model this run does not hold: the run the click started brings it
      // this model's part (its panel's title and colour), decoded once per model and data
      d.part = d.parts[model];  // the element has a chart (drawn ahead too: computed's ahead)
      const decoded = d.decoded || (d.decoded = {});
      v.part = decoded[model] || (decoded[model] = typed(structuredClone(d.parts[model])));
      const p = at(d, pos), traces = ['bigram', model].map((key) => {
        const [indices, probs] = d.top[key], row = (p - 1) * d.k;
        return {x: Array.from(probs.subarray(row, row + d.k)), y: Array.from(indices.subarray(row, row + d.k), (i) => d.labels[i])};
      });
      return chart(v, root, traces);
    },
  },
};
""".replace("CONTEXT", str(CONTEXT))
JS = "const f32 = (b64) => decode({dtype: 'f4', bdata: b64});\n" + JS

_element = computed.component("seqgen_toppreds", JS)


def spelled(c: str) -> str:
    """A character as the page names it in a sentence: “c” (U+0063), or its visible mark (␣ for a space)."""
    visible = fig.label(c)
    return f"“{visible}” (U+{ord(c):04X})" if visible == c else visible


def shared(page, settings: Sequence[Setting], s: str) -> dict:
    """What every place needs: the model and position controls and the text's length."""
    return {**computed.shared(page, settings), "length": len(s)}


def show_context(key: str, data: dict, s: str, container=None) -> None:
    computed.show(_element, key, "context", {**data, "text": s}, container)


def show_after(key: str, data: dict, s: str, actual: str, end: str, container=None) -> None:
    """The character that comes after the position (`actual`, a sentence with the blank `char`), or `end`."""
    computed.show(
        _element,
        key,
        "after",
        {**data, "next": [spelled(c) for c in s[1:]]},
        container,
        words=dict(actual=actual, end=end),
    )


def show_top(key: str, data: dict, results: Mapping[str, dict], parts: Mapping[str, dict], container=None) -> None:
    """The top characters' panels: `results` the bigram's and each held model's reading (seqmodels), `parts`
    each held model's chart part (the bigram's panel beside its own)."""
    top = {}
    for name, res in results.items():
        indices = np.ascontiguousarray(res["top_i"][:, ::-1], dtype=np.uint8)  # most likely on top: last
        probs = np.ascontiguousarray(res["top_p"][:, ::-1], dtype="<f4")
        top[name] = [base64.b64encode(a.tobytes()).decode() for a in (indices, probs)]
    labels = fig.top_labels(text.training_chars())
    k = int(next(iter(results.values()))["top_i"].shape[1])
    computed.show(_element, key, "top", {**data, "top": top, "labels": labels, "k": k, "parts": dict(parts)}, container)
