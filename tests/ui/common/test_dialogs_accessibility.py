"""RGAA: every interactive widget of every dialog has an accessible name (or a visible button text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import unnamed_widgets


def _dialogs(window, settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.common.dialogs import FirstRunDialog, SettingsDialog
    from sdus_desktop.ui.common.help_dialog import HelpDialog
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog
    from sdus_desktop.ui.dashboard.timeline_view import TimelineDialog
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
    from sdus_desktop.ui.exchange.export_workbook_dialog import ComiteWorkbookDialog, ExportWorkbookDialog
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog
    from sdus_desktop.ui.print.print_dossier_dialog import DossierDialog

    return {
        "premier lancement": lambda: FirstRunDialog(settings, window),
        "paramètres": lambda: SettingsDialog(settings, window),
        "export classeur": lambda: ExportWorkbookDialog(window),
        "classeur du comité": lambda: ComiteWorkbookDialog(window),
        "dossier du comité": lambda: DossierDialog(window),
        "conflits": lambda: ConflictsDialog(window),
        "import": lambda: ImportDialog(window, [tmp_path / "absent.xlsx"]),
        "premiers pas": lambda: HelpDialog(window),
        "comités figés": lambda: SnapshotsDialog(window),
        "calendrier des étapes": lambda: TimelineDialog(window),
    }


@pytest.mark.parametrize("name", ["premier lancement", "paramètres", "export classeur", "classeur du comité",
                                  "dossier du comité", "conflits", "import", "premiers pas",
                                  "comités figés", "calendrier des étapes"])
def test_dialog_widgets_are_named(window, settings, tmp_path: Path, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialogs(window, settings, tmp_path)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_widgets(dialog) == []


def test_the_check_sees_an_unnamed_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QLineEdit())
    assert unnamed_widgets(dialog) == ["QLineEdit in QDialog"]


def test_f1_opens_the_guide(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    from sdus_desktop.ui.common.help_dialog import HelpDialog

    opened: list[str] = []
    monkeypatch.setattr(HelpDialog, "exec", lambda self: opened.append(self.text.toPlainText()) or 0)
    guide = next(a for a in window.menus["aide"].actions() if a.shortcut() == QKeySequence(QKeySequence.HelpContents))
    guide.trigger()
    assert opened and "Ctrl+Z annule la dernière modification" in opened[0]
