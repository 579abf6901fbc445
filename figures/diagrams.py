"""Small "where am I" diagrams of the architectures, drawn as inline SVG, with the part the view shows lit.

Each builder takes the selection and a language's catalog and returns an SVG string, for `st.image` (which
shows it as an <img>; `st.html`'s sanitiser keeps HTML only and drops inline SVG). Every
word in a drawing is a `diagrams.*` entry of that catalog; operators (⊙, +) are drawn as shapes, not text.
Every drawn part is a `<g data-part="…">`; the lit ones also carry `data-lit="true"`, which tests and
the browser read back.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from xml.etree import ElementTree

from figures.common import RED

INK, MUTED, LINE = "#111111", "#555555", "#8a8a8a"
LIT_FILL, FILL = "#fde3e2", "#f4f4f4"
FONT = "sans-serif"
SVG = "{http://www.w3.org/2000/svg}"  # the namespace ElementTree puts before every tag


class _Drawing:
    """SVG elements collected in order; `part` groups elements under a name, lit or not."""

    def __init__(self, words: Mapping[str, str], lit: Iterable[str]):
        self.words, self.lit, self.items = words, set(lit), []

    def word(self, key: str, **values) -> str:
        return self.words[f"diagrams.{key}"].format(**values)

    def part(self, name: str, elements: list[str]) -> None:
        lit = name in self.lit
        attrs = f' data-part="{html.escape(name)}"' + (' data-lit="true"' if lit else "")
        self.items.append(f"<g{attrs}>{''.join(elements)}</g>")

    def add(self, *elements: str) -> None:
        self.items.extend(elements)

    def svg(self, width: int, height: int, title_key: str) -> str:
        title = html.escape(self.word(title_key))
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" '
            f'role="img" aria-label="{title}" font-family="{FONT}">'
            f'<rect x="0" y="0" width="{width}" height="{height}" rx="6" fill="#fff" stroke="#e3e3e3"/>'
            f"{''.join(self.items)}</svg>"
        )

    # elements: each returns an SVG string; `lit` draws it in the highlight colour

    def text(self, x, y, key: str, size=11, anchor="start", lit=False, bold=False, color=None, **values) -> str:
        weight = ' font-weight="bold"' if bold or lit else ""
        fill = RED if lit else (color or INK)
        return (
            f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{weight}>'
            f"{html.escape(self.word(key, **values))}</text>"
        )

    @staticmethod
    def box(x, y, w, h, lit=False, rx=4) -> str:
        fill, stroke, width = (LIT_FILL, RED, 2.2) if lit else (FILL, "#a8a8a8", 1)
        return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'

    @staticmethod
    def line(points, lit=False, arrow=True) -> str:
        color, width = (RED, 2.6) if lit else (LINE, 1.3)
        path = " ".join(f"{x},{y}" for x, y in points)
        out = f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{width}"/>'
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
            s = 5
            tip = (x1, y1)
            base = (x1 - dx * s, y1 - dy * s)
            side = (-dy * s * 0.6, dx * s * 0.6)
            corners = [tip, (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1])]
            out += f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in corners)}" fill="{color}"/>'
        return out

    @staticmethod
    def op(x, y, kind: str, lit=False, r=7) -> str:
        """A pointwise operation as a circle: × (product) or + (sum), drawn with strokes."""
        color = RED if lit else "#666"
        out = f'<circle cx="{x}" cy="{y}" r="{r}" fill="#fff" stroke="{color}" stroke-width="{2 if lit else 1.2}"/>'
        a = r * 0.5
        if kind == "+":
            segments = [(x - a, y, x + a, y), (x, y - a, x, y + a)]
        else:
            segments = [(x - a, y - a, x + a, y + a), (x - a, y + a, x + a, y - a)]
        for x0, y0, x1, y1 in segments:
            out += f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{color}" stroke-width="1.4"/>'
        return out

    def gate(self, cx, y, key: str, name: str, w=34, h=26) -> None:
        """A gate's box with its symbol, lit when `name` is."""
        lit = name in self.lit
        self.part(name, [self.box(cx - w / 2, y, w, h, lit), self.text(cx, y + h / 2 + 5, key, 15, "middle", lit)])

    def dots(self, x, y, n: int, lit: set[int], key: str, prefix: str) -> None:
        """A row of n numbered dots (heads) after a label; the dots in `lit` (1-based) filled."""
        self.add(self.text(x, y + 4, key, 10, color=MUTED))
        for k in range(1, n + 1):
            color = RED if k in lit else "#999"
            fill = RED if k in lit else "#fff"
            if k in lit:
                self.lit.add(f"{prefix}{k}")
            cx = x + 52 + (k - 1) * 16
            self.part(
                f"{prefix}{k}",
                [f'<circle cx="{cx}" cy="{y}" r="5" fill="{fill}" stroke="{color}" stroke-width="1.3"/>'],
            )


def lstm_cell(lit: str, words: Mapping[str, str]) -> str:
    """The LSTM cell: c_{t−1} → × f → + i ⊙ g → c_t along the top, h_t = o ⊙ tanh(c_t); `lit` one of f i g o c h."""
    d = _Drawing(words, {lit})
    belt, bus, gy = 62, 168, 112
    d.add(d.text(8, 17, "lstm_title", 14, bold=True), d.text(8, 35, f"lstm_{lit}", 13, lit=True))
    d.add(d.text(222, belt - 8, "belt", 12, "middle", color=MUTED))
    # the belt: c_{t-1} in, × f, + i ⊙ g, c_t out
    d.part("c", [d.line([(38, belt), (290, belt)], lit == "c"), d.text(294, belt + 4, "c_t", 14, lit=lit == "c")])
    d.add(d.text(4, belt + 4, "c_prev", 13, color=MUTED), d.op(80, belt, "×"), d.op(150, belt, "+"))
    d.add(
        d.line([(125, gy), (125, 90), (142, 90)], lit in "ig"), d.line([(170, gy), (170, 90), (158, 90)], lit in "ig")
    )
    d.add(d.op(150, 90, "×", lit in "ig"), d.line([(150, 83), (150, belt + 7)], lit in "ig"))
    d.add(d.line([(80, gy), (80, belt + 7)], lit == "f"))
    # h_t = o ⊙ tanh(c_t)
    d.add(d.line([(250, belt), (250, 82)], lit == "h"))
    d.part(
        "tanh",
        [
            '<rect x="234" y="82" width="32" height="16" rx="8" fill="#fff" stroke="#999"/>',
            d.text(250, 94, "tanh", 9, "middle", color=MUTED),
        ],
    )
    d.add(d.line([(250, 98), (250, 118)], lit == "h"), d.line([(232, 125), (243, 125)], lit in "oh"))
    d.add(d.op(250, 125, "×", lit == "h"))
    d.part("h", [d.line([(257, 125), (290, 125)], lit == "h"), d.text(294, 129, "h_t", 14, lit=lit == "h")])
    for cx in (80, 125, 170, 215):
        d.add(d.line([(cx, bus), (cx, gy + 26)], arrow=False))
    for cx, name in ((80, "f"), (125, "i"), (170, "g"), (215, "o")):
        d.gate(cx, gy, name, name)
    # inputs: h_{t-1} and x_t on one bus under the gates
    d.add(d.line([(38, bus), (215, bus)], arrow=False), d.text(4, bus + 4, "h_prev", 13, color=MUTED))
    d.add(d.line([(60, 192), (60, bus)], arrow=False), d.text(68, 194, "x_t", 13, color=MUTED))
    return d.svg(320, 200, "lstm_title")


def gru_cell(lit: str, words: Mapping[str, str]) -> str:
    """The GRU cell: h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} along the top, r feeding the candidate n; `lit` r z n h."""
    d = _Drawing(words, {lit})
    top, bus, gy = 62, 168, 120
    d.add(d.text(8, 17, "gru_title", 14, bold=True), d.text(8, 35, f"gru_{lit}", 13, lit=True))
    d.part("h", [d.line([(38, top), (290, top)], lit == "h"), d.text(294, top + 4, "h_t", 14, lit=lit == "h")])
    d.add(d.text(4, top + 4, "h_prev", 13, color=MUTED), d.op(110, top, "×", lit == "z"), d.op(230, top, "+"))
    # z keeps the old state (z ⊙ h_{t-1}) and lets the candidate in ((1 − z) ⊙ n)
    d.add(d.line([(110, gy), (110, top + 7)], lit == "z"), d.line([(110, 92), (148, 92)], lit == "z", arrow=False))
    d.part(
        "one_minus",
        [
            f'<rect x="148" y="84" width="26" height="16" rx="8" fill="#fff" stroke="{RED if lit == "z" else "#999"}"/>',
            d.text(161, 96, "one_minus", 9, "middle", color=MUTED),
        ],
    )
    d.add(d.line([(174, 92), (222, 92)], lit == "z"), d.op(230, 92, "×", lit in "zn"))
    d.add(d.line([(230, gy), (230, 99)], lit == "n"), d.line([(230, 85), (230, top + 7)], lit in "zn"))
    d.add(d.line([(187, gy + 13), (213, gy + 13)], lit == "r"))
    d.add(d.line([(46, top), (46, bus)], arrow=False))
    for cx in (110, 170, 230):
        d.add(d.line([(cx, bus), (cx, gy + 26)], arrow=False))
    d.gate(110, gy, "z", "z")
    d.gate(170, gy, "r", "r")
    d.gate(230, gy, "n", "n")
    d.add(d.line([(46, bus), (230, bus)], arrow=False))
    d.add(d.line([(70, 192), (70, bus)], arrow=False), d.text(78, 194, "x_t", 13, color=MUTED))
    return d.svg(320, 200, "gru_title")


def transformer(
    words: Mapping[str, str],
    n_encoder: int,
    n_decoder: int,
    n_heads: int,
    lit: Iterable[tuple[str, int]] = (),
    head: int | None = None,
) -> str:
    """The encoder–decoder Transformer, layer 1 at the bottom: each encoder layer's self-attention and
    feed-forward, each decoder layer's masked self-attention, encoder–decoder attention and feed-forward.
    lit: (block, layer) pairs with block in encoder, decoder, cross; head: the head shown (None: all)."""
    lit = set(lit)
    d = _Drawing(words, {f"{b}{n}" for b, n in lit})
    W, col, sub, gap, head_h = 300, 138, 20, 3, 14
    enc_h, dec_h = head_h + 2 * (sub + gap) + 3, head_h + 3 * (sub + gap) + 3
    bottom = 40 + max(n_decoder * (dec_h + 8), n_encoder * (enc_h + 8))
    H = bottom + 52
    enc_x, dec_x = 8, W - 8 - col
    d.add(d.text(8, 17, "transformer_title", 13.5, bold=True))
    d.add(d.text(enc_x + col / 2, 35, "encoder", 12, "middle", bold=True))
    d.add(d.text(dec_x + col / 2, 35, "decoder", 12, "middle", bold=True))

    def layer_box(x, y, h, layer, blocks):
        d.add(d.box(x, y, col, h, rx=5), d.text(x + 5, y + 11, "layer_n", 10, color=MUTED, n=layer))
        ys = {}
        for k, (block, key) in enumerate(blocks):
            sy = y + head_h + k * (sub + gap)
            name = f"{block}{layer}"
            on = name in d.lit
            label = d.text(x + 9, sy + 14.5, key, 11, color=RED if on else INK)
            d.part(name, [d.box(x + 5, sy, col - 10, sub, on), label])
            ys[block] = sy
        return ys

    enc_top = bottom
    for layer in range(1, n_encoder + 1):
        enc_top = bottom - layer * (enc_h + 8) + 8
        layer_box(enc_x, enc_top, enc_h, layer, (("encoder", "self_attention"), ("ffn", "feed_forward")))
    rail = []
    blocks = (("ffn_dec", "feed_forward"), ("cross", "cross_attention"), ("decoder", "masked_attention"))
    for layer in range(1, n_decoder + 1):
        ys = layer_box(dec_x, bottom - layer * (dec_h + 8) + 8, dec_h, layer, blocks)
        rail.append((ys["cross"] + sub / 2, f"cross{layer}" in d.lit))
    # the encoder's output is read by every decoder layer's encoder–decoder attention
    rail_x, on = (enc_x + col + dec_x) / 2, any(on for _, on in rail)
    top_y = min(enc_top - 6, min(y for y, _ in rail))
    path = [(enc_x + col / 2, enc_top), (enc_x + col / 2, top_y), (rail_x, top_y), (rail_x, max(y for y, _ in rail))]
    d.add(d.line(path, on, arrow=False))
    for y, on in rail:
        d.add(d.line([(rail_x, y), (dec_x + 4, y)], on))
    for x, key in ((enc_x + col / 2, "source"), (dec_x + col / 2, "target")):
        d.add(d.line([(x, bottom + 14), (x, bottom + 1)]), d.text(x, bottom + 26, key, 11, "middle", color=MUTED))
    shown = set(range(1, n_heads + 1)) if head is None else {head}
    d.dots(8, H - 11, n_heads, shown if lit else set(), "heads", "head")
    return d.svg(W, H, "transformer_title")


def vit(words: Mapping[str, str], n_layers: int, n_heads: int, layer: int, head: int | None = None) -> str:
    """The Vision Transformer as a strip, left to right: the class token and the patch tokens, n encoder layers,
    the classifier reading the class token. The selected layer's self-attention, its head(s) and the class
    token are lit; head None: all heads."""
    d = _Drawing(words, {f"encoder{layer}", "cls"})
    W, H, y, h = 640, 118, 30, 54
    d.add(d.text(8, 17, "vit_title", 13.5, bold=True))
    # tokens: the class token first, then a few patches standing for all of them
    d.part("cls", [d.box(8, y + 4, 22, 22, True, rx=3), d.text(8, y + h + 14, "class_token", 11, lit=True)])
    patches = [d.box(36 + k * 16, y + 8 + k % 2 * 14, 13, 13, rx=2) for k in range(5)]
    d.part("patches", [*patches, d.text(8, y + h + 28, "patches", 10.5, color=MUTED)])
    x0, step = 128, 104
    d.add(d.line([(118, y + h / 2), (x0 - 2, y + h / 2)]))
    for n in range(1, n_layers + 1):
        x = x0 + (n - 1) * step
        on = f"encoder{n}" in d.lit
        d.add(d.box(x, y, step - 14, h, rx=5), d.text(x + 5, y + 12, "layer_n", 10, color=MUTED, n=n))
        attention = [
            d.box(x + 4, y + 16, step - 22, 16, on),
            d.text(x + 8, y + 28, "self_attention", 10, color=RED if on else INK),
        ]
        d.part(f"encoder{n}", attention)
        d.part(f"mlp{n}", [d.box(x + 4, y + 35, step - 22, 15), d.text(x + 8, y + 46, "mlp", 10)])
        if n < n_layers:
            d.add(d.line([(x + step - 14, y + h / 2), (x + step - 1, y + h / 2)]))
    x = x0 + n_layers * step
    d.add(d.line([(x - 14, y + h / 2), (x - 1, y + h / 2)], True))
    d.part("classifier", [d.box(x, y + 12, W - 8 - x, 30), d.text(x + 6, y + 31, "classifier", 10.5)])
    shown = set(range(1, n_heads + 1)) if head is None else {head}
    d.dots(x0, H - 11, n_heads, shown, "heads", "head")
    return d.svg(W, H, "vit_title")


VAE_PARTS = ("x", "encoder", "mu_sigma", "z", "decoder", "x_hat", "prior")


def vae(words: Mapping[str, str], lit: Iterable[str]) -> str:
    """The VAE as one strip: x → encoder → μ, σ → z (or z from the prior N(0, I)) → decoder → x̂."""
    d = _Drawing(words, lit)
    W, H, y, h = 340, 98, 30, 32
    d.add(d.text(8, 17, "vae_title", 13.5, bold=True))
    blocks = [
        ("x", 8, 28),
        ("encoder", 48, 66),
        ("mu_sigma", 126, 42),
        ("z", 180, 28),
        ("decoder", 220, 66),
        ("x_hat", 298, 34),
    ]
    for k, (name, x, w) in enumerate(blocks):
        on = name in d.lit
        if name in ("encoder", "decoder"):  # wide to narrow, narrow to wide
            left, right = (0, 7) if name == "encoder" else (7, 0)
            pts = f"{x},{y + left} {x + w},{y + right} {x + w},{y + h - right} {x},{y + h - left}"
            fill, stroke = (LIT_FILL, RED) if on else (FILL, "#a8a8a8")
            shape = f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="{2.2 if on else 1}"/>'
        else:
            shape = d.box(x, y, w, h, on)
        d.part(name, [shape, d.text(x + w / 2, y + h / 2 + 4.5, name, 12, "middle", color=RED if on else INK)])
        if k:
            _, px, pw = blocks[k - 1]
            d.add(d.line([(px + pw, y + h / 2), (x - 1, y + h / 2)], on and blocks[k - 1][0] in d.lit))
    on = "prior" in d.lit
    d.part(
        "prior",
        [d.text(194, y + h + 30, "prior", 11.5, "middle", lit=on), d.line([(194, y + h + 16), (194, y + h + 1)], on)],
    )
    return d.svg(W, H, "vae_title")


def lit_parts(svg: str) -> list[str]:
    """The names of the lit parts of a diagram, in drawing order."""
    root = ElementTree.fromstring(svg)
    return [g.get("data-part") for g in root.iter(f"{SVG}g") if g.get("data-lit") == "true"]
