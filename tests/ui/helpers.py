"""Shared values for the UI tests."""

from __future__ import annotations

from datetime import date

TODAY = date(2021, 6, 15)


def first_action_id(window, plan: str = "SDUS", number: int = 1) -> int:  # type: ignore[no-untyped-def]
    plan_node = window.catalogue.plan(plan)
    return next(a.id for a in window.catalogue.plan_actions(plan_node) if a.number == number)


def unnamed_widgets(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Interactive widgets under `root` with neither an accessible name nor a button text (RGAA)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QFrame,
        QHeaderView,
        QLineEdit,
        QTextEdit,
    )

    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QAbstractItemView, QAbstractButton):
        for widget in root.findChildren(kind):
            if isinstance(widget, QHeaderView) or type(widget).__name__ in ("QToolButton", "QTabBar"):
                continue  # parts of a table, scroll area or tab bar, named by their owner
            if isinstance(widget.parent(), QAbstractItemView) and not isinstance(widget, QAbstractItemView):
                continue  # a table's corner button
            if isinstance(widget.parent(), QFrame) and isinstance(widget.parent().parent(), QComboBox):
                continue  # a combo box's drop-down list
            if type(widget) is QLineEdit and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the line edit inside a combo, spin or date box
            if not (widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())):
                missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing
