"""How often each outcome came up in the first N draws, counted in the browser (ui/computed.py): the number of
samples answers in the frame the student moves it, without a trip to the server.

The page hands the browser one seed's draws for the largest N, one digit per draw: the first N of them are
exactly `models.discrete`'s N draws (numpy draws them in order). The element's script counts the first N, as
np.bincount(draws[:N]) / N does, and draws the frequencies into the page's chart part (the model's
probabilities the server drew beside them). Tests compare what the browser draws with `models.discrete` at the
same values (tests/e2e/test_samplefreqs.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ui import computed
from ui.urlstate import Setting

JS = r"""
// np.bincount(draws[:n], minlength=outcomes) / n
function frequencies(d, n) {
  const counts = new Float64Array(d.outcomes);
  for (let i = 0; i < n; i++) counts[d.draws.charCodeAt(i) - 48] += 1;
  return Array.from(counts, (c) => c / n);
}

const MODEL = {
  slots: {
    // trace 0 the probabilities (as the server drew them), trace 1 the frequencies
    bars: (v, root, d, [n]) => chart(v, root, [{}, {y: frequencies(d, +n)}]),
  },
};
"""

_element = computed.component("seqgen_samplefreqs", JS)


def shared(page, settings: Sequence[Setting], draws: np.ndarray, outcomes: int) -> dict:
    """What a chart of frequencies needs: the draws for the largest N (as digits, one character each), the
    number of outcomes, and the control it follows, the number of samples."""
    if outcomes > 10:
        raise ValueError(f"{outcomes} outcomes do not fit in one digit each")
    digits = (np.asarray(draws, dtype=np.uint8) + ord("0")).tobytes().decode()
    return {**computed.shared(page, settings), "draws": digits, "outcomes": outcomes}


def show(key: str, data: dict, part: dict, container=None) -> None:
    """Mount one chart of frequencies under `key`: `part` is the outcome bars with the probabilities drawn and
    zeros for the frequencies."""
    computed.show(_element, key, "bars", data, container, part)
