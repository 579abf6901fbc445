"""Home: what the app is for and a map of the course, a card per topic."""

import streamlit as st

from ui import course, shell

ui = shell.page("home")
st.markdown(ui.t("home.intro"))

for part in course.PARTS:
    st.header(ui.t(f"part.{part.id}"), divider="gray")
    for i, topic in enumerate(part.topics):
        if i % 3 == 0:
            columns = st.columns(3)  # a row of three cards, so that cards line up
        with columns[i % 3].container(border=True, height="stretch"):
            st.markdown(f"**{ui.t(f'{topic}.name')}**")
            st.caption(ui.t(f"{topic}.do"))
            targets = course.pages_for(topic)
            if course.has_more(topic):
                with st.expander(ui.t("home.more")):
                    st.markdown(ui.t(f"{topic}.more"))
            elif not targets:
                st.caption(ui.t("home.coming"))
            for target in targets:
                ui.link(target)
