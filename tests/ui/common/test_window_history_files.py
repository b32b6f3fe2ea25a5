"""Historique readable and honest, the window on its screen, files where the person chooses (issue 8)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from sdus_desktop.store.models import JournalEntry
from sdus_desktop.ui.common import files
from tests.ui.helpers import first_action_id


def test_undo_and_redo_are_distinct_origins_in_the_journal(window, db) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    window.open_action(action_id)
    window.fiche_view.suivi.status.setFocus()
    QTest.keyClick(window.fiche_view.suivi.status, Qt.Key_Down)
    window.navigation.tree.setFocus()
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier)
    QTest.keyClick(window.navigation.tree, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    with db.reading() as session:
        origins = [e.origin for e in session.query(JournalEntry).filter_by(action_id=action_id)
                   .order_by(JournalEntry.id)]
    assert origins == ["saisie", "saisie (annulation)", "saisie (rétablissement)"]


def test_history_columns_are_readable_at_1024_and_a_row_shows_whole_values(window, services) -> None:  # type: ignore[no-untyped-def]
    action_id = first_action_id(window, "SDUS", 12)
    long_text = "Bilan détaillé. " * 40 + "FIN DU BILAN"
    window.notify_changed(services.set("action", action_id, "bilan", long_text))
    window.resize(1024, 600)
    window.open_action(action_id)
    window._show_tab(window.fiche_view.history)
    tab = window.fiche_view.history
    table = tab.table
    QTest.qWait(10)
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(tab.model.columnCount()):
        title = tab.model.headerData(column, Qt.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 8, title
    assert table.horizontalScrollBar().maximum() == 0  # every column in sight at 1024 px
    assert "FIN DU BILAN" not in tab.model.index(0, 5).data()  # the cell is short…
    table.setFocus()
    QTest.keyClick(table, Qt.Key_Home)
    assert "FIN DU BILAN" in tab.detail.toPlainText()  # …the selected row is shown whole
    assert "Avant :" in tab.detail.toPlainText()


def test_a_saved_geometry_larger_than_the_screen_is_clamped(qtbot, db, settings, shown) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.main_window import MainWindow

    big = MainWindow(db, settings)
    qtbot.addWidget(big)
    big.setGeometry(QRect(1500, 900, 1900, 1060))  # saved on a large screen, far right
    settings.qsettings.setValue("fenetre/geometrie", QByteArray(big.saveGeometry()))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry()) or area.contains(window.geometry())
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 600


def test_print_goes_where_the_person_chooses_and_offers_to_open(window, shown, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "jamais-cree"
    window.settings.set_value("print_folder", str(missing))
    window.open_action(first_action_id(window, "SDUS", 12))
    suggested: list[Path] = []
    target = tmp_path / "choisi" / "ma-fiche.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(files, "choose_save_path",
                        lambda parent, title, proposed, flt, suffix: suggested.append(proposed) or target)
    QTest.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    assert target.exists() and shown.written == [target]
    assert not missing.exists()  # never a folder created unasked
    assert suggested[0].name == "SDUS_fiche_12_2021-06-15.pdf"
    assert window.settings.value("print_folder") == str(target.parent)  # remembered for next time


def test_cancelling_the_save_dialog_writes_nothing(window, shown, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_action(first_action_id(window, "SDUS", 12))
    QTest.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    assert shown.written == [] and "annulée" in window.statusBar().currentMessage()


def test_the_written_notice_offers_open_and_open_folder(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[Path] = []
    monkeypatch.setattr(files, "open_path", lambda path: opened.append(path) or True)
    path = tmp_path / "fiche.pdf"
    box = files.announce_written(None, "Impression", "Fiche", path)
    qtbot.addWidget(box)
    texts = [button.text() for button in box.buttons()]
    assert texts.count("Ouvrir") == 1 and "Ouvrir le dossier" in texts and str(path) in box.text()
    next(b for b in box.buttons() if b.text() == "Ouvrir le dossier").click()
    assert opened == [tmp_path]
    box = files.announce_written(None, "Impression", "Fiche", path)
    qtbot.addWidget(box)
    QTest.keyClick(box, Qt.Key_Return)  # Entrée: « Ouvrir »
    assert opened[-1] == path
    assert isinstance(box, QMessageBox)
