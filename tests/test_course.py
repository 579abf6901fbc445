"""The course map is consistent with the files: every page exists and is reachable."""

import re
from pathlib import Path

from ui import course

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_file_exists_and_its_url_is_its_id():
    pages = course.all_pages()
    assert len({p.id for p in pages}) == len(pages)
    for p in pages:
        assert (ROOT / p.file).is_file(), p.file
        # Streamlit serves pages/NN_name.py at /name
        assert re.sub(r"^\d+_", "", Path(p.file).stem) == p.id


def test_every_file_in_pages_is_on_the_map():
    on_map = {p.file for p in course.all_pages()}
    assert {f"pages/{f.name}" for f in (ROOT / "pages").glob("*.py")} == on_map
