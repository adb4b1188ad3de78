"""Launcher: `streamlit run serve.py` serves dashboard.py so that every page URL works as the
first request of a freshly started server (deep links, shared links).

Why a launcher: a folder named `pages/` beside the entrypoint makes Streamlit guess, when the
first browser session of the process starts, that the app uses its legacy file-based pages. A
page URL opened first (`/map`) then runs `pages/map.py` alone, without the frame and its filters,
until someone opens `/` (streamlit#9624). The guess is the class attribute
`PagesManager.uses_pages_directory`, made only while it is None; `st.navigation` sets it to False,
but only once dashboard.py has run, too late for that first request. No config option covers it
(Streamlit 1.67), so it is set here, before the server starts; `st.App` then serves the real
entrypoint. AppTest (tests/test_app.py) runs dashboard.py directly and is unaffected.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if not hasattr(PagesManager, "uses_pages_directory"):
    # A Streamlit upgrade renamed the flag: fail at start, not with broken links later.
    raise RuntimeError("streamlit changed PagesManager.uses_pages_directory: review serve.py")
PagesManager.uses_pages_directory = False

app = st.App("dashboard.py")
