"""The VAE's 2-D latent space: move through it and decode, encode a digit, split its ELBO, compare with an autoencoder."""

import numpy as np
import streamlit as st

from figures import common
from figures import vae as fig
from models import data
from ui import canvas, shell, vaemodels
from ui.urlstate import Setting

TRAINED_RANGE = 3.0  # |z| beyond this is where the prior puts almost no mass
SETTINGS = [
    Setting("z1", 0.0, lo=-8.0, hi=8.0),
    Setting("z2", 0.0, lo=-8.0, hi=8.0),
    Setting("selected", -1, lo=-1, hi=data.N_TEST - 1),
    Setting("points", 300, choices=(300, data.N_TEST)),
    Setting("extent", 2.0, lo=0.5, hi=6.0),
    Setting("a", 0, lo=0, hi=data.N_TEST - 1),
    Setting("b", 1, lo=0, hi=data.N_TEST - 1),
    Setting("source", "heldout", choices=("heldout", "drawn")),
    Setting("index", 0, lo=0, hi=data.N_TEST - 1),
    Setting("seed", 0, lo=0, hi=9999),
]

ui = shell.page("vae", SETTINGS)
st.markdown(ui.t(".intro"))
_, vae_card = ui.model("vae")
ui.model("autoencoder")
x_heldout, labels, codes = vaemodels.heldout()


def select_point() -> None:
    points = st.session_state["latent_map"].selection.points
    if points:
        st.session_state["selected"] = int(points[0]["customdata"])
        ui.sync()


@st.fragment
def explore():
    st.subheader(ui.t(".map"))
    left, right = st.columns([3, 2])
    with right:
        z1, z2 = ui.widget(st.slider, "z1", step=0.1), ui.widget(st.slider, "z2", step=0.1)
        if max(abs(z1), abs(z2)) > TRAINED_RANGE:
            st.warning(ui.t(".extrapolating"))
        st.plotly_chart(
            common.image(vaemodels.decode(z1, z2), title=ui.t(".decoded", z1=z1, z2=z2), height=260), key="decoded"
        )
    with left:
        # the first N held-out digits (the split is shuffled); fewer points redraw faster as the marker moves
        n = ui.widget(st.segmented_control, "points", format_func=lambda k: ui.t(".points_n", n=k), required=True)
        chart = fig.latent_map(codes[:n], labels[:n], marker=(z1, z2))
        st.plotly_chart(chart, key="latent_map", on_select=select_point, selection_mode="points")
        st.caption(ui.t(".map_caption", n=n))
    selected = ui["selected"]
    if selected >= 0:
        pair = vaemodels.reconstruct(selected)
        title = ui.t(".reconstruction", index=selected, label=labels[selected])
        st.plotly_chart(common.image_grid(pair, cols=2, title=title, height=220), key="reconstruction")


@st.fragment
def grid():
    st.subheader(ui.t(".grid"))
    extent = ui.widget(st.slider, "extent", step=0.5)
    images = vaemodels.decode_grid(ui["z1"], ui["z2"], extent)
    st.plotly_chart(common.image_grid(images, cols=8, height=520), key="grid")
    st.caption(ui.t(".grid_caption", z1=ui["z1"], z2=ui["z2"], extent=extent))


@st.fragment
def interpolation():
    st.subheader(ui.t(".interpolation"))
    c1, c2 = st.columns(2)
    a, b = ui.widget(c1.slider, "a"), ui.widget(c2.slider, "b")
    latent, pixels = vaemodels.interpolate(a, b)
    st.plotly_chart(common.image_grid(latent, cols=8, title=ui.t(".in_latent"), height=170), key="interp_latent")
    st.plotly_chart(common.image_grid(pixels, cols=8, title=ui.t(".in_pixels"), height=170), key="interp_pixels")


@st.fragment
def your_digit():
    st.subheader(ui.t(".your_digit"))
    source = ui.widget(st.segmented_control, "source", format_func=lambda s: ui.t(f".source_{s}"), required=True)
    if source == "heldout":
        x = x_heldout[ui.widget(st.slider, "index")]
    else:
        drawn = canvas.draw_digit(ui, "vae_canvas")
        if drawn is None:
            st.info(ui.t(".blank"))
            return
        x = (drawn > data.THRESHOLD).astype(np.float32).reshape(-1)
    q = vaemodels.posterior(x, ui["seed"])
    left, right = st.columns([3, 2])
    chart = fig.latent_map(codes, labels, ellipse=(q["mu"], q["sigma"]), height=380)
    left.plotly_chart(chart, key="posterior_map")
    with right:
        st.markdown(ui.t(".posterior", m1=q["mu"][0], m2=q["mu"][1], s1=q["sigma"][0], s2=q["sigma"][1]))
        c1, c2, c3 = st.columns(3)
        c1.metric(ui.t(".recon"), f"{q['recon']:.1f}")
        c2.metric(ui.t(".kl"), f"{q['kl']:.1f}")
        c3.metric(ui.t(".elbo"), f"{q['recon'] - q['kl']:.1f}")
        st.caption(ui.t(".elbo_caption", heldout=vae_card["metrics"]["test_elbo_nats"]))
    images = np.concatenate([x.reshape(1, 28, 28), q["samples"]])
    st.plotly_chart(common.image_grid(images, cols=9, title=ui.t(".q_samples"), height=150), key="q_samples")


@st.fragment
def generative():
    st.subheader(ui.t(".generative"))
    seed = ui.widget(st.number_input, "seed")
    from_vae, from_ae = vaemodels.from_prior(seed)
    st.plotly_chart(common.image_grid(from_vae, cols=8, title=ui.t(".prior_vae"), height=170), key="prior_vae")
    st.plotly_chart(common.image_grid(from_ae, cols=8, title=ui.t(".prior_ae"), height=170), key="prior_ae")
    st.caption(ui.t(".generative_caption"))


explore()
grid()
interpolation()
your_digit()
generative()
