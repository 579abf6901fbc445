"""The benchmark's control with the app's one server setting: the bare slider app, with Nagle's algorithm off on
its sockets as ui/network.py turns it off for the app (the same Streamlit otherwise)."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ui import network  # noqa: E402

if st.runtime.exists():
    network.no_delay()
value = st.slider("x", 0, 1000, 0, key="x")
with st.container(key="out"):
    st.text(f"value: {value}")
