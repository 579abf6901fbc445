"""For a class: presenter mode's look, and a view shared as a link and a QR code."""

from __future__ import annotations

import io

import segno
import streamlit as st

# Projector sizes: chart text readable from the back of a room, titles that leave the screen to the charts.
# Chart titles, tick labels and legends are drawn larger by the charts' own layout (ui/views.py, presented), so
# that Plotly makes room for them; only a colour bar's labels are enlarged here, beside the chart.
PRESENTER_CSS = """
<style>
h1 { font-size: 1.8rem !important; padding-top: 0 !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; }
.js-plotly-plot .cbaxis text { font-size: 18px !important; }
</style>
"""


# A Streamlit session lives in one server process. When that process goes (a replica behind nginx
# dies, a host restarts it), the browser's frontend reconnects to whichever process answers, which
# knows nothing of this session: the page would sit there, stale and deaf. Reloading the page
# instead asks the live process for the same address, and the address holds the whole view.
RECONNECT_JS = """
<script>
(() => {
  if (window.__seqgenWatch) return;
  window.__seqgenWatch = true;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      // the page's own connection was made before this ran: a new one is a reconnection
      if (String(url).includes("/_stcore/stream")) this.addEventListener("open", () => location.reload());
    }
  };
})();
</script>
"""


# Narrow screens (phones): a smaller title and tighter spacing, so a chart fits on the first screen.
NARROW_CSS = """
<style>
@media (max-width: 640px) {
  h1 { font-size: 1.45rem !important; line-height: 1.25 !important; padding: 0 0 .25rem 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 2.2rem .8rem 1rem .8rem !important; }
  h2, h3 { font-size: 1.15rem !important; }
}
</style>
"""


def reload_on_reconnect() -> None:
    st.html(RECONNECT_JS + NARROW_CSS, unsafe_allow_javascript=True)


# A presentation clicker sends →/← or PageDown/PageUp: each press clicks the page's next (or previous)
# guide step, which sets its view and so its address. Keys typed into a box or a slider are left alone.
CLICKER_JS = """
<script>
(() => {
  if (window.__seqgenClicker) return;
  window.__seqgenClicker = true;
  const next = new Set(["ArrowRight", "PageDown"]), back = new Set(["ArrowLeft", "PageUp"]);
  document.addEventListener("keydown", (event) => {
    if (!next.has(event.key) && !back.has(event.key)) return;
    const el = document.activeElement;
    if (el && (el.matches("input, textarea, select, [role=slider], [contenteditable=true]"))) return;
    const steps = [...document.querySelectorAll('[class*="st-key-try_"] button')];
    if (!steps.length) return;
    const slot = "seqgen-slide:" + location.pathname;
    const now = Number(sessionStorage.getItem(slot) ?? -1);
    const to = Math.max(0, Math.min(steps.length - 1, now + (next.has(event.key) ? 1 : -1)));
    sessionStorage.setItem(slot, String(to));
    event.preventDefault();
    steps[to].scrollIntoView({block: "start", behavior: "instant"});
    steps[to].click();
  });
})();
</script>
"""


def presenter_style() -> None:
    st.html(PRESENTER_CSS)
    st.html(CLICKER_JS, unsafe_allow_javascript=True)


def qr_png(url: str, scale: int = 10) -> bytes:
    """The address as a QR code, a PNG (error correction M: still readable from a projected screen)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def share_dialog(page) -> None:
    st.dialog(page.t("share.title"), width="large")(_share)(page)


def _share(page) -> None:
    url = page.share_url()
    st.markdown(page.t("share.intro"))
    with st.container(key="share_qr", horizontal_alignment="center"):
        st.image(qr_png(url), width=360)
    st.code(url, language=None, wrap_lines=True)  # its copy button copies the link
    st.caption(page.t("share.caption"))


# Play: a step setting advanced by a timer, for a class to watch a process unfold. The timer is the
# fragment's own (`run_every`), so a slow tick delays the next one instead of piling reruns up, and a
# speed means more steps per tick rather than more ticks per second.
TICK = 0.4  # seconds between ticks
SPEEDS = {"slow": 1, "normal": 4, "fast": 16}  # multiples of a page's stride per tick


class Player:
    """Play/pause and speed for one step setting of a page, and the timer for the fragment that draws it."""

    def __init__(self, page, key: str, stride: int, top: int, speeds: dict[str, int] | None = None):
        self.page, self.key, self.stride, self.top = page, key, stride, top
        self.speeds = speeds or SPEEDS
        self.flag, self.speed_key = f"_play_{key}", f"_play_speed_{key}"

    @property
    def playing(self) -> bool:
        return bool(st.session_state.get(self.flag, False))

    @property
    def every(self) -> float | None:
        """The `run_every` of the fragment that draws the step (None while paused)."""
        return TICK if self.playing else None

    def _toggle(self) -> None:
        on = not self.playing
        st.session_state[self.flag] = on
        if on and st.session_state[self.key] >= self.top:
            self.page.set(**{self.key: 0})

    def controls(self) -> None:
        """The ▶/⏸ button and the speed, drawn outside the fragment: pressing one reruns the page, which
        starts or stops the fragment's timer."""
        c1, c2 = st.columns([1, 2])
        c1.button(
            self.page.t("play.pause" if self.playing else "play.play"),
            key=f"play_{self.key}",
            icon=":material/pause:" if self.playing else ":material/play_arrow:",
            on_click=self._toggle,
            width="stretch",
        )
        labels = {k: self.page.t(f"play.{k}") for k in self.speeds}
        c2.segmented_control(
            self.page.t("play.speed"),
            tuple(self.speeds),
            format_func=labels.get,
            key=self.speed_key,
            default="normal",
            label_visibility="collapsed",
        )

    def tick(self) -> None:
        """Called first in the fragment: one step further while playing; at the end, stop the timer."""
        if not self.playing:
            return
        by = self.stride * self.speeds.get(st.session_state.get(self.speed_key) or "normal", 1)
        self.page.set(**{self.key: min(self.top, st.session_state[self.key] + by)})
        if st.session_state[self.key] >= self.top:
            st.session_state[self.flag] = False
            st.rerun(scope="app")  # the whole page, so that the fragment is redrawn without its timer
