"""The three layers hold: models and figures never import Streamlit (pages wire them), models never import
figures or the UI, and every module of models/ sits where the package says (lectures at the top, data/,
hub/, training/)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported(path: Path) -> set[str]:
    """Every module a file imports, as dotted names (`from a.b import c` gives a.b and a.b.c)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["models", "figures", "exercises"])
def test_models_figures_and_exercises_never_import_streamlit(folder):
    assert files(folder)
    for path in files(folder):
        names = imported(path)
        assert not any(n == "streamlit" or n.startswith("streamlit.") for n in names), path


def test_models_never_import_the_ui_or_the_figures():
    for path in files("models"):
        names = imported(path)
        assert not any(n.split(".")[0] in {"ui", "figures", "pages", "plotly"} for n in names), path


def test_the_models_folder_shows_the_architecture():
    top = {p.stem for p in (ROOT / "models").glob("*.py")}
    lectures = {"attention", "recurrent", "charlm", "memory", "ngram", "translator", "vit", "pixel", "nade", "vae"}
    maths = {"mle", "discrete", "common", "checks"}
    commands = {"train", "evaluate"}
    assert top == {"__init__"} | lectures | maths | commands
    assert {p.stem for p in (ROOT / "models" / "data").glob("*.py")} == {
        "__init__",
        "__main__",
        "text",
        "dates",
        "datereader",
        "digits",
    }
    assert {p.stem for p in (ROOT / "models" / "hub").glob("*.py")} == {"__init__", "registry"}
    from models.hub import registry

    for name in registry.MODELS:  # every family has its lecture at the top and its recipe in training/
        family = registry.MODELS[name]
        assert family in lectures and (ROOT / "models" / "training" / f"{family}.py").exists(), name
