"""The benchmark's control: a bare Streamlit slider that updates a text."""

import streamlit as st

value = st.slider("x", 0, 1000, 0, key="x")
with st.container(key="out"):
    st.text(f"value: {value}")
