"""Home: what the app is for and a map of the course, a card per topic."""

import streamlit as st

from ui import course, route, shell, views

page = shell.page("home", light=True)
st.markdown(page.t("home.intro"))

with st.expander(page.t("route.title", minutes=sum(s.minutes for s in route.STOPS)), icon=":material/route:"):
    st.markdown(page.t("route.intro"))
    first = route.STOPS[0]
    c1, c2 = st.columns(2)
    c1.page_link(
        first.info.file,
        label=page.t("route.start"),
        icon=":material/slideshow:",
        query_params=first.view | {"lang": page.lang, "present": "true"},
    )
    c2.download_button(
        page.t("route.download"),
        route.handout(page.t, page.lang, base=st.context.url.rstrip("/") if st.context.url else ""),
        file_name=f"class-route-{page.lang}.md",
        mime="text/markdown",
        icon=":material/download:",
        key="route_handout",
    )
    for n, stop in enumerate(route.STOPS, 1):
        with st.container(border=True, key=f"stop_{n}"):
            st.markdown(f"**{n}. {page.t(f'{stop.page}.nav')}** · {page.t('route.minutes', minutes=stop.minutes)}")
            st.markdown(f"{page.t('route.ask')} {page.t(f'route.{stop.page}.question')}")
            st.page_link(
                stop.info.file,
                label=page.t("route.open", n=n),
                icon=stop.info.icon,
                query_params=stop.view | {"lang": page.lang} | page.kept(),
            )
            st.caption(f"{page.t('route.conclude')} {page.t(f'route.{stop.page}.conclusion')}")

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

# The code every course page's charts need (Plotly's 4.7 MB among it), loaded at the foot of the home page
# while the student reads it: the first page opened from here does not wait for it.
views.preload(page)
# Every model loaded in the background, from here: after the page is drawn, so that a new server's first
# visitor does not wait for torch's import (ui/shell.py)
shell.warm()
