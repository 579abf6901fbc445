"""Every page's lessons, found by module: ui/lessons/<page id>.py."""

import importlib
import pkgutil

import ui.lessons
from ui import course
from ui.lessons import Guide, Question


def modules() -> dict[str, object]:
    names = {m.name for m in pkgutil.iter_modules(ui.lessons.__path__)}
    return {p.id: importlib.import_module(f"ui.lessons.{p.id}") for p in course.all_pages() if p.id in names}


def parts(module, kind):
    return [v for v in vars(module).values() if isinstance(v, kind)]


def files() -> dict[str, str]:
    return {p.id: p.file for p in course.all_pages()}


GUIDES = [(page, g) for page, m in modules().items() for g in parts(m, Guide)]
QUESTIONS = [(page, q) for page, m in modules().items() for q in parts(m, Question)]
