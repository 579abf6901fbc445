"""Home: what the app is for and a map of the course, a card per topic."""

import streamlit as st

from ui import course, shell

page = shell.page("home")
st.markdown(page.t("home.intro"))

for part in course.PARTS:
    st.header(page.t(f"part.{part.id}"), divider="gray")
    for i, topic in enumerate(part.topics):
        if i % 3 == 0:
            columns = st.columns(3)  # a row of three cards, so that cards line up
        with columns[i % 3].container(border=True, height="stretch"):
            st.markdown(f"**{page.t(f'{topic}.name')}**")
            st.caption(page.t(f"{topic}.do"))
            targets = course.pages_for(topic)
            if course.has_more(topic):
                with st.expander(page.t("home.more")):
                    st.markdown(page.t(f"{topic}.more"))
            elif not targets:
                st.caption(page.t("home.coming"))
            for target in targets:
                page.link(target)
