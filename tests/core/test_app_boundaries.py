"""Apps read other apps through their selectors (ARCHITECTURE.md, "Dependency direction").

No module imports another app's views, and no module queries another app's models
(``<Model>.objects``/``DoesNotExist``); a model imported for a type annotation or a ForeignKey, or
``Model.objects.none()`` as an empty form choice, is fine. Static checks over the source, no database.
"""

from __future__ import annotations

import ast
from pathlib import Path

LONTAR = Path(__file__).resolve().parents[2] / "lontar"
#: modules still querying another app's models, each to move behind a selector of that app
KNOWN: set[tuple[str, str]] = {
    ("lontar/audit_pages/forms.py", "Organisation"),
    ("lontar/assessments/results_history.py", "Organisation"),
}


def _modules() -> list[tuple[str, str, ast.Module]]:
    found = []
    for path in sorted(LONTAR.rglob("*.py")):
        rel = path.relative_to(LONTAR.parent)
        if "migrations" in rel.parts:
            continue
        found.append((rel.as_posix(), rel.parts[1], ast.parse(path.read_text(encoding="utf-8"))))
    return found


def _foreign_imports(app: str, tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``from lontar.<other app>.… import …``."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lontar."):
            other = node.module.split(".")[1]
            if other not in (app, "core"):
                out.append((node.module, [a.asname or a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("lontar.") and a.name.split(".")[1] != app]
    return out


def _is_views(module: str, names: list[str]) -> bool:
    parts = module.split(".")
    return parts[2:3] == ["views"] or (len(parts) == 2 and "views" in names)


def test_no_app_imports_another_apps_views() -> None:
    wrong = [
        f"{path}: {module}"
        for path, app, tree in _modules()
        for module, names in _foreign_imports(app, tree)
        if _is_views(module, names)
    ]
    assert wrong == []


def _queried(tree: ast.Module, names: set[str]) -> set[str]:
    """Names of ``names`` used as ``Name.objects`` (but for ``Name.objects.none()``) or ``Name.DoesNotExist``."""
    empty_choices = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "none"
    }
    return {
        node.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in names
        and node.attr in ("objects", "_default_manager", "DoesNotExist")
        and id(node) not in empty_choices
    }


def test_no_app_queries_another_apps_models() -> None:
    wrong = set()
    for path, app, tree in _modules():
        models = {n for module, names in _foreign_imports(app, tree) if module.endswith(".models") for n in names}
        wrong |= {(path, name) for name in _queried(tree, models)}
    assert wrong - KNOWN == set()
