"""The VAE's 2-D latent space: move through it and decode, encode a digit, split its ELBO, compare with an autoencoder."""

import numpy as np
import streamlit as st

from figures import diagrams
from figures import vae as fig
from models import data
from ui import canvas, i18n, lessons, sections, shell, vaemodels, views
from ui.lessons import vae as lesson
from ui.urlstate import Setting

TRAINED_RANGE = 3.0  # |z| beyond this is where the prior puts almost no mass
SETTINGS = [
    Setting("z1", 0.0, lo=-8.0, hi=8.0),
    Setting("z2", 0.0, lo=-8.0, hi=8.0),
    Setting("selected", -1, lo=-1, hi=data.N_TEST - 1),
    # the browser holds the map with either many points: a click only switches which one shows (ui/views.py)
    Setting("points", 300, choices=(300, data.N_TEST), browser=True),
    Setting("extent", 2.0, lo=0.5, hi=6.0),
    # a 2 and a 6: the line between their codes stays on digits, the pixel blend is a double exposure
    Setting("a", lesson.PAIR[0], lo=0, hi=data.N_TEST - 1),
    Setting("b", lesson.PAIR[1], lo=0, hi=data.N_TEST - 1),
    # a held-out digit or one drawn: each has its own section, both drawn, switched in the browser (ui/sections.py)
    Setting("source", "heldout", choices=("heldout", "drawn"), browser=True),
    Setting("index", 0, lo=0, hi=data.N_TEST - 1),
    Setting("seed", lesson.PRIOR_SEED, lo=0, hi=9999),  # the VAE draws 8 kinds of digit, the autoencoder 5
    Setting("codes", False),
]

page = shell.page("vae", SETTINGS, models=("vae", "autoencoder"))
Z = SETTINGS[:2]  # z1 and z2: where the latent map's marker is
page.intro()
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
vae_card = page.card("vae")
x_heldout, labels, codes = vaemodels.heldout()
DIGITS = [page.t(".digit_n", d=d) for d in range(10)]  # hover and legend names
# the parts of the VAE each section shows, lit in its diagram
SHOWN = {
    "map": ("z", "decoder", "x_hat"),
    "grid": ("z", "decoder", "x_hat"),
    "line": ("x", "encoder", "mu_sigma", "z", "decoder", "x_hat"),
    "posterior": ("x", "encoder", "mu_sigma", "z", "decoder", "x_hat"),
    "prior": ("prior", "z", "decoder", "x_hat"),
}


def where(section: str, key: str = "") -> None:
    """The VAE's diagram with the parts this section shows lit (keyed `where_{section}`, or `key`)."""
    svg = diagrams.vae(i18n.catalog(page.lang), SHOWN[section])
    st.container(key=key or f"where_{section}").image(svg)


def select_point(index) -> None:
    if isinstance(index, int) and 0 <= index < len(labels):  # a held-out digit's index, as the chart gave it
        page.set(selected=index)


@st.cache_data(max_entries=8, show_spinner=False)
def latent_map(n: int, lang: str) -> views.Encoded:
    """The first n held-out digits at their codes, with the marker at the origin, as a chart part written once."""
    names = [i18n.t("vae.digit_n", lang, d=d) for d in range(10)]
    chart = fig.latent_map(codes[:n], labels[:n], names, i18n.t("vae.label", lang), marker=(0.0, 0.0))
    return views.encoded(views.figure(chart))


@st.fragment
def explore():
    st.subheader(page.t(".map"))
    left, right = st.columns([3, 2])
    with right:
        z1, z2 = page.widget(st.slider, "z1", step=0.1), page.widget(st.slider, "z2", step=0.1)
        if max(abs(z1), abs(z2)) > TRAINED_RANGE:
            st.warning(page.t(".extrapolating"))
        views.chart(
            page, "decoded", views.image(vaemodels.decode(z1, z2), title=page.t(".decoded", z1=z1, z2=z2), height=260)
        )
        where("map")
    with left:
        # the first N held-out digits (the split is shuffled); fewer points redraw faster as the marker moves
        points = page.settings["points"]
        sizes = {k: page.t(".points_n", n=k) for k in points.choices}
        page.widget(st.segmented_control, "points", format_func=sizes.get, required=True)
        # each map is built once per size and language, its marker at the origin: the browser puts it at the z the
        # sliders hold (anchor), at once, and a move sends the maps as before (cached in the browser: not 83 KB)
        maps, captions = {}, {}
        for n in points.choices:
            maps[points.dump(n)] = latent_map(n, page.lang)
            captions[points.dump(n)] = views.text(page.t(".map_caption", n=n), "caption")
        views.show(page, "latent_map", [points], maps, on_click=select_point, anchor=Z)
        views.show(page, "map_caption", [points], captions)
    selected = page["selected"]
    if selected >= 0:
        pair = vaemodels.reconstruct(selected)
        title = page.t(".reconstruction", index=selected, label=labels[selected])
        views.chart(page, "reconstruction", views.image_grid(pair, cols=2, title=title, height=220))


@st.fragment
def grid():
    st.subheader(page.t(".grid"))
    where("grid")
    extent = page.widget(st.slider, "extent", step=0.5)
    images = vaemodels.decode_grid(page["z1"], page["z2"], extent)
    views.chart(page, "grid", views.image_grid(images, cols=8, height=520))
    st.caption(page.t(".grid_caption", z1=page["z1"], z2=page["z2"], extent=extent))


@st.fragment
def interpolation():
    st.subheader(page.t(".interpolation"))
    where("line")
    c1, c2 = st.columns(2)
    a, b = page.widget(c1.slider, "a"), page.widget(c2.slider, "b")
    latent, pixels = vaemodels.interpolate(a, b)
    views.chart(page, "interp_latent", views.image_grid(latent, cols=8, title=page.t(".in_latent"), height=170))
    views.chart(page, "interp_pixels", views.image_grid(pixels, cols=8, title=page.t(".in_pixels"), height=170))


@st.cache_data(max_entries=4, show_spinner=False)
def posterior_map(lang: str) -> dict:
    """Every held-out digit at its code, as a chart part: a digit adds only its ellipse (a shape)."""
    names = [i18n.t("vae.digit_n", lang, d=d) for d in range(10)]
    return views.figure(fig.latent_map(codes, labels, names, i18n.t("vae.label", lang), height=380))


SOURCE = page.settings["source"]
SOURCES = sections.style("vae", SOURCE, ("digit", "numbers", "samples"))


def keyed(source: str, key: str) -> str:
    """An element's key in a source's section: the held-out digit's keep the keys the page gave them before it had
    a section for each source; the drawn one's are named `drawn_...`."""
    return key if source == "heldout" else f"drawn_{key}"


def numbers(source: str, q: dict) -> None:
    """A digit's posterior and its ELBO split."""
    st.markdown(page.t(".posterior", m1=q["mu"][0], m2=q["mu"][1], s1=q["sigma"][0], s2=q["sigma"][1]))
    c1, c2, c3 = st.columns(3)
    c1.metric(page.t(".recon"), f"{q['recon']:.1f}")
    c2.metric(page.t(".kl"), f"{q['kl']:.1f}")
    c3.metric(page.t(".elbo"), f"{q['elbo']:.1f}")
    st.caption(page.t(".elbo_caption", heldout=vae_card["metrics"]["test_elbo_nats"]))
    where("posterior", keyed(source, "where_posterior"))


# A fragment: a drawing or a held-out digit's number redraws this section. The source switches in the browser
# (ui/sections.py): each source has its own digit, numbers and samples, both drawn, the canvas kept with what is
# drawn on it while a held-out digit shows; the map of every held-out code is one chart, with each digit's ellipse.
@st.fragment
def your_digit():
    st.subheader(page.t(".your_digit"))
    with st.container(key="vae_choice"):  # the row the sections' style reads the source from
        page.widget(st.segmented_control, "source", format_func=lambda s: page.t(f".source_{s}"), required=True)
        hints = {"heldout": page.t(".source_caption_heldout", n=data.N_TEST), "drawn": page.t("canvas.hint")}
        views.show(page, "source_caption", [SOURCE], {k: views.text(v, "caption") for k, v in hints.items()})
    st.html(SOURCES)
    with st.container(key="vae_body"):
        with st.container(key="vae_heldout_digit"):
            heldout = data.heldout(binarised=True)[0][page.widget(st.slider, "index")]
        with st.container(key="vae_drawn_digit"):
            drawn = canvas.drawn_digit(page, "vae_canvas", binarised=True, hint=False)
        digits = {"heldout": heldout, "drawn": drawn}  # the drawn one None while the canvas is blank
        posteriors = {k: vaemodels.posterior(d.reshape(-1), page["seed"]) for k, d in digits.items() if d is not None}
        left, right = st.columns([3, 2])
        chart = posterior_map(page.lang)  # a blank canvas's view: the map without an ellipse, under the prompt
        maps = {k: chart for k in SOURCE.choices} | {
            k: views.shaped(chart, [fig.oval(q["mu"], q["sigma"])]) for k, q in posteriors.items()
        }
        views.show(page, "posterior_map", [SOURCE], maps, left)
        for source, q in posteriors.items():
            with right.container(key=f"vae_{source}_numbers"):
                numbers(source, q)
        for source, q in posteriors.items():
            with st.container(key=f"vae_{source}_samples"):
                images = np.concatenate([digits[source][None], q["samples"]])
                part = views.image_grid(images, cols=9, title=page.t(".q_samples"), height=150)
                views.chart(page, keyed(source, "q_samples"), part)


@st.fragment
def generative():
    where("prior")
    seed = page.widget(st.number_input, "seed")
    from_vae, from_ae = vaemodels.from_prior(seed)
    views.chart(page, "prior_vae", views.image_grid(from_vae, cols=8, title=page.t(".prior_vae"), height=170))
    views.chart(page, "prior_ae", views.image_grid(from_ae, cols=8, title=page.t(".prior_ae"), height=170))
    st.caption(page.t(".generative_caption"))
    if page.widget(st.toggle, "codes"):
        prior = (np.zeros(2), np.ones(2) * lesson.RADIUS / 2)  # the circle of radius 2: two σ of N(0, I)
        left, right = st.columns(2)
        for col, name, z in ((left, "vae", codes), (right, "autoencoder", vaemodels.autoencoder_codes())):
            col.markdown(f"**{page.t('.codes_' + name)}**")
            views.chart(
                page,
                f"codes_{name}",
                fig.latent_map(z, labels, DIGITS, page.t(".label"), ellipse=prior, height=380),
                col,
            )
        st.caption(page.t(".codes_caption", **lesson.prior_facts()))


explore()
lessons.guide(page, lesson.MAP)
grid()
lessons.guide(page, lesson.GRID)
interpolation()
lessons.guide(page, lesson.LINE)
your_digit()
lessons.guide(page, lesson.POSTERIOR)
st.subheader(page.t(".generative"))
lessons.ask(page, lesson.PRIOR_DIGITS, lesson.prior_facts)
generative()
lessons.guide(page, lesson.PRIOR)
