"""Every dialog the main window's menus open, opened without blocking on a faked available screen area."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu

from tests.ui.helpers import first_action_id

SCREENS = {"1024x600": QRect(0, 0, 1024, 552), "150%": QRect(0, 0, 683, 368)}  # available: taskbar counted


def _menu_actions(menu: QMenu):  # type: ignore[no-untyped-def]
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu())
        elif not action.isSeparator():
            yield action


def open_every_dialog(window, monkeypatch, tmp_path: Path, area: QRect) -> dict[str, QDialog]:  # type: ignore[no-untyped-def]
    """Trigger every menu action (Quitter excepted); return the dialogs of the application they opened, by the
    action's text. exec() returns at once (rejected); file dialogs answer « cancelled »; the import reads a
    missing workbook."""
    from sdus_desktop.ui.common import screen_fit
    from sdus_desktop.ui.common.dialogs import FirstRunDialog
    from sdus_desktop.ui.exchange import exchange_actions

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(area))
    opened: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(exchange_actions, "choose_files", lambda w: [tmp_path / "absent.xlsx"])
    from sdus_desktop.ui.common.settings import MODE_CENTRAL

    window.settings.set_value("mode", MODE_CENTRAL)  # every menu entry, the central team's ones included
    window.apply_settings()
    window.open_action(first_action_id(window))
    dialogs: dict[str, QDialog] = {}
    for menu in window.menus.values():
        for action in list(_menu_actions(menu)):
            if action is window.quit_action or not action.isEnabled():
                continue
            before = set(QApplication.topLevelWidgets())
            opened.clear()
            action.trigger()
            QApplication.processEvents()
            shown = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
            for dialog in opened + shown:
                if isinstance(dialog, QDialog) and type(dialog).__module__.startswith("sdus_desktop"):
                    dialogs.setdefault(action.text().replace("&", ""), dialog)
    dialogs["Premier lancement"] = FirstRunDialog(window.settings, window)
    return dialogs
