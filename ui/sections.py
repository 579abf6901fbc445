"""Sections of a page that a segmented control switches in the browser, with no run: one run draws the section of
every choice, and a style rule keyed on the control's buttons shows the chosen one's parts and takes the others'
off the page (no room, not shown, not read by a screen reader; laid out at the page's width, so that their charts
are drawn while the browser is idle, ui/views.py, and a click shows them drawn).

The page draws, as siblings in one block: a container keyed `{name}_choice` holding the control (a Setting with
browser=True), this module's style, and a container keyed `{name}_body` holding containers keyed
`{name}_{choice}_{part}`, one per choice and part, anywhere in it (in a column too: a part out of sight keeps its
column's width). A views element with the setting writes it to the address, and may hold a view of each choice in
a place the sources share (one chart, drawn once)."""

from collections.abc import Sequence

from ui.urlstate import Setting

WRAPPER = "[data-testid=stLayoutWrapper]"  # Streamlit's, around each keyed container
HIDE = "position: absolute; left: 0; right: 0; top: 0; height: 0; overflow: hidden; visibility: hidden;"


def style(name: str, setting: Setting, parts: Sequence[str]) -> str:
    """The rule that hides the parts of every choice but the one checked. It reads the control's buttons (in the
    order of the setting's choices) from the row the control is in, so that the browser checks it again when
    that row changes, not at every change anywhere in the main area."""
    rules = []
    for n, chosen in enumerate(setting.choices, 1):
        checked = f".st-key-{setting.key} button:nth-of-type({n})[aria-checked=true]"
        body = f"{WRAPPER}:has(> .st-key-{name}_choice {checked}) ~ {WRAPPER} > .st-key-{name}_body"
        for other in (c for c in setting.choices if c != chosen):
            rules += [f"{body} {WRAPPER}:has(> .st-key-{name}_{other}_{p})" for p in parts]
    boxes = f".st-key-{name}_body, .st-key-{name}_body [data-testid=stColumn]"  # where a part out of sight lies
    return f"<style>{boxes} {{ position: relative; }}\n{', '.join(rules)} {{ {HIDE} }}</style>"
