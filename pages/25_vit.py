"""Vision Transformer: a digit cut into patches, classified, and where the class token looks."""

import numpy as np
import streamlit as st

from figures import diagrams
from figures import vit as fig
from models import data
from models.vit import Config
from ui import canvas, i18n, lessons, shell, views, vitmodel
from ui.lessons import vit as lesson
from ui.urlstate import Setting

UNSURE = 0.6  # below this top probability the page says the model is unsure
C = shell.config("vit", Config)
SETTINGS = [
    Setting("source", "heldout", choices=("heldout", "drawn")),
    Setting("index", 0, lo=0, hi=data.N_TEST - 1),
    Setting("layer", C.n_layers, lo=1, hi=C.n_layers),
    Setting("head", "mean", choices=("mean", *(str(h) for h in range(1, C.n_heads + 1)))),
    Setting("patch", (C.grid**2 + 1) // 2, lo=1, hi=C.grid**2),
    Setting("all_heads", False),
]

page = shell.page("vit", SETTINGS, models=("vit",))
SHAPE = dict(patch=C.patch, grid=C.grid, tokens=C.grid**2, layers=C.n_layers, heads=C.n_heads)
page.intro(**SHAPE)
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
card = page.card("vit")
st.caption(page.t(".card", accuracy=card["metrics"]["test_accuracy"] * 100))
with st.expander(page.t(".confusion")):
    matrix = np.array(card["metrics"]["test_confusion"])
    views.chart(page, "confusion", fig.confusion(matrix, page.t(".predicted"), page.t(".true")))
WEIGHT = page.t(".weight")
HOVER = page.t(".weight") + ": %{z:.3f}"


@st.cache_data(max_entries=4, show_spinner=False)
def blank_charts(lang: str) -> dict[str, dict]:
    """A digit's charts drawn for a blank one, as chart parts: every digit's are these with its numbers
    (views.replaced), a fraction of the cost of building five figures for each new digit."""
    t = i18n.words("vit", lang)
    blank, grid = np.zeros((data.SIDE, data.SIDE), np.float32), np.zeros((C.grid, C.grid))
    weight, hover = t(".weight"), t(".weight") + ": %{z:.3f}"
    charts = {
        "patches": fig.patch_grid(blank, C.patch, title=t(".input")),
        "tokens": fig.token_strip(np.zeros((C.grid**2, C.patch, C.patch)), title=t(".tokens", **SHAPE)),
        "probs": fig.class_probs(np.full(10, 0.1), t(".digit"), t(".probability")),
        # titled as drawn (a title makes room above the image); the layer's and head's title replaces this one
        "cls_attention": fig.overlay(blank, grid, t(".attention"), weight, hover),
        "rollout": fig.overlay(blank, grid, t(".rollout"), weight, hover),
    }
    return {key: views.figure(chart) for key, chart in charts.items()}


@st.fragment
def attention_views(held: dict[str, tuple[np.ndarray, dict]], chosen: list[Setting], source: str):
    st.subheader(page.t(".attention"))
    g = C.grid
    c1, c2 = st.columns(2)
    layer = page.widget(c1.slider, "layer")
    head = page.widget(c2.segmented_control, "head", format_func=lambda h: page.t(f".head_{h}"), required=True)
    where = diagrams.vit(i18n.catalog(page.lang), C.n_layers, C.n_heads, layer, None if head == "mean" else int(head))
    st.container(key="where").image(where)
    left, right = st.columns(2)
    title = page.t(".cls_attention", layer=layer, head=page.t(f".head_{head}"))
    blank = blank_charts(page.lang)
    cls_views, rollout_views = {}, {}
    for name, (img, out) in held.items():
        attention = out["attention"]  # (layers, heads, tokens, tokens); token 0 is the class token
        weights = attention[layer - 1].mean(0) if head == "mean" else attention[layer - 1, int(head) - 1]
        cls = fig.upsample(weights[0, 1:].reshape(g, g))
        cls_views[name] = views.replaced(blank["cls_attention"], {0: {"z": img}, 1: {"z": cls}}, title)
        rollout = fig.upsample(out["rollout"][0, 1:].reshape(g, g))
        rollout_views[name] = views.replaced(blank["rollout"], {0: {"z": img}, 1: {"z": rollout}})
    views.show(page, "cls_attention", chosen, cls_views, left)
    views.show(page, "rollout", chosen, rollout_views, right)
    st.caption(page.t(".attention_caption"))
    # drawn only when asked for: it would otherwise be redrawn, unseen, with every new digit
    if page.widget(st.toggle, "all_heads"):
        attention = held[canvas.shown(page, source)][1]["attention"]
        maps = attention[:, :, 0, 1:].reshape(*attention.shape[:2], g, g)
        rows = [page.t(".layer_n", n=i + 1) for i in range(maps.shape[0])]
        cols = [page.t(".head_n", n=i + 1) for i in range(maps.shape[1])]
        grid = fig.head_grid(maps, rows, cols, page.t(".of_largest"), page.t(".of_largest_hover", value="%{z:.2f}"))
        views.chart(page, "head_grid", grid)


@st.fragment
def positions():
    st.subheader(page.t(".positions"))
    sim = vitmodel.position_similarity()
    g = int(np.sqrt(len(sim)))
    patch = page.widget(st.slider, "patch")
    left, right = st.columns(2)
    title = page.t(".similar_to", patch=patch)
    cosine, hover = page.t(".cosine"), page.t(".cosine") + ": %{z:.2f}"
    one = fig.overlay(
        np.zeros((data.SIDE, data.SIDE)), sim[patch - 1].reshape(g, g), title, cosine, hover, diverging=True
    )
    views.chart(page, "pos_one", one, left)
    views.chart(page, "pos_all", fig.similarity(sim, page.t(".similarity"), page.t(".patch_axis"), cosine), right)
    st.caption(page.t(".positions_caption", **SHAPE))
    lessons.guide(page, lesson.POSITIONS, **lesson.positions_facts())


@st.fragment
def classify():
    left, right = st.columns(2)
    with left:
        img = canvas.choose_digit(page, "vit_canvas")
    canvas_blank = img is None  # the held-out digit's views stay on the page, hidden (canvas.stand_in)
    img, source = canvas.stand_in(page, img)
    held = {
        name: (image, vitmodel.predict(image)) for name, image in canvas.held_digits(page, img, source=source).items()
    }
    chosen = canvas.chosen(page, source)
    probs = held[canvas.shown(page, source)][1]["probs"]
    blank_chart = blank_charts(page.lang)  # a new digit's charts: these with its numbers
    patches, tokens, headings, bars = {}, {}, {}, {}
    for name, (image, out) in held.items():
        patches[name] = views.replaced(blank_chart["patches"], {0: {"z": image}})
        tokens[name] = views.replaced(blank_chart["tokens"], {0: {"z": fig.strip(vitmodel.patches(image))}})
        p = out["probs"]
        headings[name] = views.text(page.t(".prediction", digit=int(np.argmax(p)), p=p.max() * 100), "heading")
        bars[name] = views.replaced(blank_chart["probs"], {0: {"y": p, "marker": {"color": fig.class_colors(p)}}})
    views.show(page, "patches", chosen, patches, right)
    with st.container(key="digit_views"):
        views.show(page, "tokens", chosen, tokens)
        views.show(page, "prediction", chosen, headings)
        if probs.max() < UNSURE:
            st.warning(page.t(".unsure"))
        views.show(page, "probs", chosen, bars)
        lessons.guide(page, lesson.DIGITS, **lesson.digits_facts())
        lessons.ask(page, lesson.STROKES, lesson.strokes_facts)
        # a fragment inside this one: a new layer or head reruns only the attention views
        attention_views(held, chosen, source)
        # here, not in the inner fragment: its steps change the digit, which only this fragment redraws
        lessons.guide(page, lesson.LAYERS, **lesson.layers_facts())
        if canvas_blank:
            canvas.hide("patches", "digit_views")


classify()
positions()
