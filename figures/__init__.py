"""Figure builders: arrays in, a Plotly figure out. They never call Streamlit."""
