"""The shape of the code: one streamlit module, functions a reader can hold, modules of a size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "engagement"
APP_FILES = sorted([*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"])
MAX_FUNCTION_LINES = 100
MAX_MODULE_LINES = 600


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_ui_module_of_the_package_imports_streamlit():
    importing = sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "streamlit" in _imported_modules(_tree(path))
    )
    assert importing == ["engagement/ui.py"]


def _long_functions(path: Path) -> list[str]:
    long = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    return long


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_function_is_longer_than_a_reader_can_hold(path):
    assert _long_functions(path) == []


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


# Streamlit's table toolbar exports what is displayed and a download button can hand out any
# bytes: pages go through ui.table / ui.editor / ui.download (neutralized, audited).
RAW_OUTPUTS = {"dataframe", "data_editor", "download_button"}


def _raw_outputs(path: Path) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}("
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in RAW_OUTPUTS
    ]


def test_pages_show_tables_and_offer_files_only_through_the_safe_helpers():
    pages = sorted([*(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"])
    assert [hit for path in pages for hit in _raw_outputs(path)] == []
