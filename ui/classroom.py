"""For a class: presenter mode's look, and a view shared as a link and a QR code."""

from __future__ import annotations

import io

import segno
import streamlit as st

# Projector sizes: chart text readable from the back of a room, titles that leave the screen to the charts.
PRESENTER_CSS = """
<style>
h1 { font-size: 1.8rem !important; padding-top: 0 !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; }
.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .cbaxis text { font-size: 18px !important; }
.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text, .js-plotly-plot .legendtext { font-size: 18px !important; }
.js-plotly-plot .gtitle, .js-plotly-plot .annotation-text { font-size: 20px !important; }
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


def reload_on_reconnect() -> None:
    st.html(RECONNECT_JS, unsafe_allow_javascript=True)


def presenter_style() -> None:
    st.html(PRESENTER_CSS)


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
