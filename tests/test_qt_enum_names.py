"""tools/qt_enum_names.py: short Qt enum names rewritten to the qualified form mypy checks, nothing else."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("qt_enum_names", REPO / "tools" / "qt_enum_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_short_names_are_qualified_and_the_rest_left_alone(tmp_path: Path) -> None:
    tool = _tool()
    source = ("role = Qt.UserRole + 1\nbox = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)\n"
              "mode = QAbstractItemView.SelectRows\nkept = Qt.ItemDataRole.EditRole\n"
              "QTimer.singleShot(0, f)\nalign = Qt.AlignLeft | Qt.AlignVCenter\n")
    assert tool.rewrite(source) == (
        "role = Qt.ItemDataRole.UserRole + 1\n"
        "box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)\n"
        "mode = QAbstractItemView.SelectionBehavior.SelectRows\nkept = Qt.ItemDataRole.EditRole\n"
        "QTimer.singleShot(0, f)\nalign = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter\n")
    path = tmp_path / "vue.py"
    path.write_text(source, encoding="utf-8")
    assert tool.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == tool.rewrite(source)
    assert tool.rewrite(tool.rewrite(source)) == tool.rewrite(source)   # idempotent


def test_the_ui_package_has_no_short_name_left() -> None:
    tool = _tool()
    left = [str(path.relative_to(REPO)) for path in sorted((REPO / "sdus_desktop" / "ui").rglob("*.py"))
            if tool.rewrite(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8")]
    assert left == []
