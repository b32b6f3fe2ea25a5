"""Every dialog the menus open fits a 1024×600 screen and the same screen at 150 % (683×400 logical pixels):
its frame inside the available area, every button inside the dialog; every input has a name or a buddy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from sdus_desktop.ui.common.screen_fit import FRAME
from tests.ui.common.dialog_harvest import SCREENS, open_every_dialog

EXPECTED = {"Paramètres…", "Premiers pas", "Calendrier des étapes…", "Sauvegardes…", "Premier lancement"}


def _outside(dialog: QDialog, area: QRect) -> list[str]:
    problems = []
    if dialog.width() + FRAME[0] > area.width() or dialog.height() + FRAME[1] > area.height():
        problems.append(f"{dialog.width()}×{dialog.height()} + cadre > {area.width()}×{area.height()}")
    inside = dialog.rect()
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisibleTo(dialog) or type(button).__name__ == "QToolButton":
            continue
        if any(isinstance(p, QAbstractItemView) for p in _ancestors(button, dialog)):
            continue  # inside a scrolled list or table: reached by scrolling
        rect = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
        if not inside.contains(rect) and not _in_scroll_area(button, dialog):
            problems.append(f"bouton « {button.text() or button.accessibleName()} » hors de la fenêtre")
    return problems


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    parents = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        parents.append(parent)
        parent = parent.parentWidget()
    return parents


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    return any(type(p).__name__ == "QScrollArea" for p in _ancestors(widget, top))


INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def _unnamed_inputs(dialog: QDialog) -> list[str]:
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in dialog.findChildren(QWidget):
        is_input = isinstance(widget, INPUTS) or (isinstance(widget, QCheckBox) and not widget.text())
        if not is_input or isinstance(widget, QHeaderView) or not widget.isVisibleTo(dialog):
            continue
        if type(widget) is QLineEdit and isinstance(widget.parent(), QAbstractSpinBox):
            continue  # the line edit inside a spin or date box, named by it (an editable combo's is not)
        if widget.focusPolicy().value == 0 or widget.accessibleName() or widget in buddies:
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return missing


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_dialog_fits_the_screen_and_names_its_inputs(window, monkeypatch, qtbot, tmp_path: Path,
                                                           screen: str) -> None:  # type: ignore[no-untyped-def]
    area = SCREENS[screen]
    dialogs = open_every_dialog(window, monkeypatch, tmp_path, area)
    assert set(dialogs) >= EXPECTED, sorted(dialogs)
    problems = {}
    for name, dialog in dialogs.items():
        dialog.show()
        qtbot.waitExposed(dialog)
        found = _outside(dialog, area) + _unnamed_inputs(dialog)
        if found:
            problems[name] = found
        dialog.close()
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    plain = text.replace("&&", "")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def _mnemonic_problems(dialog: QDialog) -> list[str]:
    problems, seen = [], {}
    texts = [label.text() for label in dialog.findChildren(QLabel)
             if label.buddy() is not None and label.isVisibleTo(dialog)]
    problems += [f"« {text} » sans raccourci" for text in texts if _mnemonic(text) is None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)
              if button.isVisibleTo(dialog) and type(button).__name__ != "QToolButton"]
    texts += [box.title() for box in dialog.findChildren(QGroupBox) if box.isVisibleTo(dialog)]
    for text in texts:
        letter = _mnemonic(text)
        if letter is not None and letter in seen:
            problems.append(f"Alt+{letter} : « {seen[letter]} » et « {text} »")
        seen.setdefault(letter, text) if letter else None
    by_text: dict[str, list[str]] = {}  # buttons with the same text: each says what it does to a screen reader
    for button in dialog.findChildren(QPushButton):
        if button.isVisibleTo(dialog):
            by_text.setdefault(button.text(), []).append(button.accessibleName())
    same = [text for text, names in by_text.items() if len(names) > 1 and len(set(names) - {""}) < len(names)]
    problems += [f"boutons « {text} » indistincts" for text in same]
    return problems


def test_form_labels_have_unique_mnemonics(window, monkeypatch, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs = open_every_dialog(window, monkeypatch, tmp_path, SCREENS["1024x600"])
    problems = {}
    for name, dialog in dialogs.items():
        dialog.show()
        if found := _mnemonic_problems(dialog):
            problems[name] = found
        dialog.close()
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())
