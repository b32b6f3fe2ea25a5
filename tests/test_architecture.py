"""Layering: only sdus_desktop.ui imports PySide6; lower layers never import upper ones."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sdus_desktop"
QT_FREE = ("core", "store", "exchange", "reports", "cli")
# What each layer may import from the application (besides itself).
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "exchange": {"core", "store"},
    "reports": {"core", "store"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _sources(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_never_imports_pyside6(layer: str) -> None:
    offenders = [f"{path.relative_to(PACKAGE)}: {name}" for path in _sources(layer) for name in _imports(path)
                 if name.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


def test_nothing_outside_ui_imports_pyside6() -> None:
    """Top-level modules (app.py, __main__.py) included: the entry point only hands over to ui."""
    outside = [path for path in PACKAGE.rglob("*.py") if "ui" not in path.relative_to(PACKAGE).parts[:1]]
    assert any(path.name == "app.py" for path in outside)
    offenders = [f"{path.relative_to(PACKAGE)}: {name}" for path in outside for name in _imports(path)
                 if name.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_dependencies_point_down(layer: str) -> None:
    offenders = []
    for path in _sources(layer):
        for name in _imports(path):
            parts = name.split(".")
            layers = ("core", "store", "exchange", "reports", "ui", "cli")
            if parts[0] == "sdus_desktop" and len(parts) > 1 and parts[1] in layers \
                    and parts[1] not in ALLOWED[layer] | {layer}:
                offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_the_ast_check_sees_real_imports() -> None:
    ui_imports = [name for path in _sources("ui") for name in _imports(path)]
    assert any(name.startswith("PySide6") for name in ui_imports)


def test_importing_store_and_core_does_not_load_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import sdus_desktop.core, sdus_desktop.store\n"
        "for package in (sdus_desktop.core, sdus_desktop.store):\n"
        "    for info in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{package.__name__}.{info.name}')\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('QT:' + ','.join(loaded))\n"
        "print('MODULES:' + str(len([n for n in sys.modules if n.startswith('sdus_desktop.store.')])))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["QT"] == ""
    assert int(lines["MODULES"]) >= 10  # the store modules really were imported
