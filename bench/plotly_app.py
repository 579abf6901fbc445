"""The benchmark's first-visit control for a chart: a bare Streamlit page with one small Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("chart")
st.plotly_chart(go.Figure(go.Scatter(y=[1, 3, 2])), key="chart")
