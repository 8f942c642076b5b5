"""The architecture as a test: imports flow app -> assistant -> index, and the engine knows
nothing of the web layer, the evaluation or web frameworks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "assistant/engine": ("assistant.web", "assistant.eval", "gradio", "fastapi", "starlette"),
    "assistant/llm": ("assistant.web", "assistant.eval", "gradio", "fastapi", "starlette"),
    "index": ("assistant", "gradio", "fastapi", "starlette"),
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def violations(folder: Path, forbidden: tuple[str, ...], root: Path = REPO) -> list[str]:
    return [
        f"{path.relative_to(root)} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for module in imported_modules(path)
        if any(module == f or module.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(folder):
    assert violations(REPO / folder, FORBIDDEN[folder]) == []


def test_the_check_sees_a_planted_bad_import(tmp_path):
    planted = tmp_path / "engine"
    planted.mkdir()
    (planted / "bad.py").write_text("import os\nfrom assistant.web.render import escape\n")
    (planted / "lazy.py").write_text("def f():\n    import gradio\n")
    assert violations(planted, FORBIDDEN["assistant/engine"], root=tmp_path) == [
        "engine/bad.py imports assistant.web.render",
        "engine/lazy.py imports gradio",
    ]
