"""Layering: only sdus_desktop.ui imports PySide6; lower layers never import upper ones.

The contracts live in pyproject.toml ([tool.importlinter]); `lint-imports` checks them here and in `make lint`.
Each contract is shown to fail on a copy of the package with one bad import injected."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "sdus_desktop"
QT_FREE = ("core", "store", "exchange", "reports", "ops", "cli")
# What each layer may import from the application (besides itself).
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "exchange": {"core", "store"},
    "reports": {"core", "store"},
    "ops": {"core", "store", "exchange", "reports"},
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
            layers = ("core", "store", "exchange", "reports", "ops", "ui", "cli")
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


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on the package found in `root` (first on the path)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_imports_only_the_standard_library() -> None:
    """Stronger than the listed third-party packages of the contract: anything not stdlib is refused."""
    offenders = [f"{path.relative_to(PACKAGE)}: {name}" for path in _sources("core") for name in _imports(path)
                 if name.split(".")[0] not in sys.stdlib_module_names
                 and not name.startswith(("sdus_desktop.core", "__future__"))]
    assert offenders == []


# (file to edit, injected line, contract that must break, import that must be named)
INJECTIONS = [
    ("core/text.py", "import sqlalchemy", "core is pure", "sdus_desktop.core.text -> sqlalchemy"),
    ("cli/main.py", "from sdus_desktop.ui import messages", "Layers", "sdus_desktop.cli.main -> sdus_desktop.ui"),
    ("store/coercion.py", "from ..exchange import normalize", "Layers",
     "sdus_desktop.store.coercion -> sdus_desktop.exchange.normalize"),
    ("store/seed.py", "import PySide6", "PySide6 only in ui", "sdus_desktop.store.seed -> PySide6"),
    ("reports/chart.py", "from sqlalchemy import select", "SQLAlchemy, Alembic and the sqlite3 driver only in store",
     "sdus_desktop.reports.chart -> sqlalchemy"),
    ("ui/common/messages.py", "import sqlite3", "SQLAlchemy, Alembic and the sqlite3 driver only in store",
     "sdus_desktop.ui.common.messages -> sqlite3"),
    ("reports/chart.py", "import openpyxl", "openpyxl and defusedxml only in exchange",
     "sdus_desktop.reports.chart -> openpyxl"),
    ("exchange/merge.py", "import reportlab", "reportlab only in reports", "sdus_desktop.exchange.merge -> reportlab"),
    ("ui/common/actions.py", "from sdus_desktop.store.models import Action", "No ORM rows",
     "sdus_desktop.ui.common.actions -> sdus_desktop.store.models"),
    ("exchange/merge.py", "from sdus_desktop.reports import fonts", "Layers",
     "sdus_desktop.exchange.merge -> sdus_desktop.reports.fonts"),
    ("exchange/merge.py", "from sdus_desktop.ops import changes", "Layers",
     "sdus_desktop.exchange.merge -> sdus_desktop.ops"),
    ("ops/changes.py", "from sdus_desktop.cli import errors", "Layers", "sdus_desktop.ops.changes -> sdus_desktop.cli"),
    ("ops/edits.py", "import PySide6", "PySide6 only in ui", "sdus_desktop.ops.edits -> PySide6"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("target", "line", "contract", "named"), INJECTIONS, ids=[i[0] + ":" + i[1] for i in INJECTIONS])
def test_each_contract_fails_on_an_injected_import(tmp_path: Path, target: str, line: str, contract: str,
                                                   named: str) -> None:
    shutil.copytree(PACKAGE, tmp_path / "sdus_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "sdus_desktop" / target, "a", encoding="utf-8") as stream:
        stream.write(f"\n{line}  # injected by the test\n")
    result = _lint_imports(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    broken = [line for line in output.splitlines() if " BROKEN" in line]
    assert any(line.startswith(contract) for line in broken), output
    assert named in output, output


def test_tests_mirror_the_package() -> None:
    """Every package of the application has its test package at the same place (tests/ui/fiche for
    sdus_desktop/ui/fiche…), and no test package stands for a package that does not exist."""
    packages = {path.parent.relative_to(PACKAGE) for path in PACKAGE.rglob("__init__.py")} - {Path(".")}
    tests = REPO / "tests"
    missing = sorted(str(package) for package in packages if not (tests / package / "__init__.py").exists())
    assert not missing, f"packages without their tests/ mirror: {missing}"
    extra = {path.parent.relative_to(tests) for path in tests.rglob("__init__.py")} - {Path(".")} - packages
    assert extra <= {Path("catalogue"), Path("support")}, f"test packages mirroring nothing: {sorted(map(str, extra))}"
