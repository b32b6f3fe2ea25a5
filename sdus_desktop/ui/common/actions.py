"""Menu actions built one way: French text with its mnemonic, shortcut, and a description used as status tip,
tooltip and accessible object name (screen readers announce it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(
    parent: QWidget, text: str, slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, description: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    described = description or text.replace("&", "").rstrip("…")
    action.setStatusTip(described)
    action.setToolTip(described)
    action.setObjectName(described)
    action.triggered.connect(lambda _checked=False: slot())
    return action
