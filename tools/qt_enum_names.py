"""Rewrite Qt's short enum names (`Qt.UserRole`, `QDialogButtonBox.Ok`) to their qualified form
(`Qt.ItemDataRole.UserRole`, `QDialogButtonBox.StandardButton.Ok`), which PySide6's type stubs declare and mypy
checks. Both forms work at run time: the rewrite changes no behaviour.

Usage: python tools/qt_enum_names.py [FILE…]   (default: every module of sdus_desktop/ui). Re-run it after
merging a branch that still uses short names; `make lint` (mypy) names any left.
"""

from __future__ import annotations

import enum
import re
import sys
from pathlib import Path

from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

REPO = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\b(Q[A-Za-z]+|Qt)\.([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()")


def qt_class(name: str) -> type | None:
    for module in (QtCore, QtGui, QtWidgets, QtPrintSupport):
        found = getattr(module, name, None)
        if isinstance(found, type):
            return found
    return None


def qualified(class_name: str, member: str) -> str | None:
    """`Qt`, `UserRole` → `ItemDataRole.UserRole` (None when `member` is not a short enum name, or is ambiguous)."""
    cls = qt_class(class_name)
    if cls is None or isinstance(getattr(cls, member, None), type):
        return None
    enums = {name: value for klass in cls.__mro__ for name, value in vars(klass).items()
             if isinstance(value, type) and issubclass(value, enum.Enum)}
    if member in enums:
        return None
    owners = sorted({name for name, value in enums.items() if member in value.__members__})
    return f"{owners[0]}.{member}" if len(owners) == 1 else None


def rewrite(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        full = qualified(match.group(1), match.group(2))
        return f"{match.group(1)}.{full}" if full else match.group(0)

    return NAME.sub(replace, text)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "sdus_desktop" / "ui").rglob("*.py"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
