"""Ctrl+P asks « Notes de suivi : depuis le [date] » first (the last 12 months by default), by keyboard: the date
typed, Entrée prints those notes (read back with pdftotext); an unreadable date keeps the dialog open with the
reason; Échap cancels and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sdus_desktop.store.services import Services
from sdus_desktop.ui.common import files
from sdus_desktop.ui.print import print_fiche_dialog
from sdus_desktop.ui.print.print_fiche_dialog import NotesPeriodDialog
from tests.cli.test_cli_print_notes import pdf_text
from tests.ui.helpers import TODAY, first_action_id, unnamed_widgets

REAL_ASK = print_fiche_dialog.ask_notes_period


@pytest.fixture
def noted(window, db, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """Fiche 12 shown, with notes of 10/01/2019, 01/09/2020 and 01/06/2021 (today: 15/06/2021); the real dialog;
    the save dialog answers fiche.pdf."""
    action_id = first_action_id(window, "SDUS", 12)
    services = Services(db, "Marie Dupont")
    for day, text in (("10/01/2019", "Note de 2019"), ("01/09/2020", "Note de septembre 2020"),
                      ("01/06/2021", "Note de juin 2021")):
        services.add_note(action_id, day, text)
    window.open_action(action_id)
    monkeypatch.setattr(print_fiche_dialog, "ask_notes_period", REAL_ASK)
    out = tmp_path / "fiche.pdf"
    monkeypatch.setattr(files, "choose_save_path", lambda parent, title, proposed, flt, suffix: out)
    return out


def _in_dialog(qtbot, steps) -> list[str]:  # type: ignore[no-untyped-def]
    """Run `steps(dialog)` on the notes dialog once Ctrl+P has opened it (it is modal); what the field showed."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NotesPeriodDialog) or not dialog.isAncestorOf(QApplication.focusWidget()):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog.since.text())
        seen.append(type(QApplication.focusWidget()).__name__)
        steps(dialog)

    QTimer.singleShot(0, act)
    return seen


def test_ctrl_p_prints_the_notes_since_the_date_typed(window, qtbot, shown, noted) -> None:  # type: ignore[no-untyped-def]
    def steps(dialog) -> None:  # type: ignore[no-untyped-def]
        assert unnamed_widgets(dialog) == []
        QTest.keyClick(dialog.since, Qt.Key_A, Qt.ControlModifier)
        QTest.keyClicks(dialog.since, "01/01/2019")
        QTest.keyClick(dialog.since, Qt.Key_Return)

    seen = _in_dialog(qtbot, steps)
    QTest.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    assert seen == ["15/06/2020", "DateLineEdit"]   # 12 months before 15/06/2021, the focus in the date
    text = pdf_text(noted)
    assert "Notes de suivi (depuis le 01/01/2019)" in text
    assert "Note de 2019" in text and "Note de septembre 2020" in text and "Note de juin 2021" in text


def test_the_default_prints_the_last_12_months(window, qtbot, shown, noted) -> None:  # type: ignore[no-untyped-def]
    _in_dialog(qtbot, lambda dialog: QTest.keyClick(dialog.since, Qt.Key_Return))
    QTest.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    text = pdf_text(noted)
    assert "Notes de suivi (depuis le 15/06/2020)" in text
    assert "Note de septembre 2020" in text and "Note de 2019" not in text


def test_an_unreadable_date_is_explained_and_escape_writes_nothing(window, qtbot, shown, noted) -> None:  # type: ignore[no-untyped-def]
    def steps(dialog) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClick(dialog.since, Qt.Key_A, Qt.ControlModifier)
        QTest.keyClicks(dialog.since, "31/02/2021")
        QTest.keyClick(dialog.since, Qt.Key_Return)
        assert dialog.isVisible() and shown.shown[-1][0] == "Imprimer la fiche"
        assert "date invalide « 31/02/2021 »" in shown.shown[-1][1]
        assert QApplication.focusWidget() is dialog.since
        QTest.keyClick(dialog.since, Qt.Key_Escape)

    _in_dialog(qtbot, steps)
    QTest.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    assert not Path(noted).exists() and shown.written == []
    assert "annulée" in window.statusBar().currentMessage()


def test_an_empty_date_prints_every_note(qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    dialog = NotesPeriodDialog(None, TODAY)
    qtbot.addWidget(dialog)
    dialog.since.clear()
    assert dialog.period().since is None and dialog.period().describe() == "toutes"
