"""GUI printing with pytest-qt, on a stand-in main window providing the shared contract attributes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog

from sdus_desktop.store.queries import iter_actions, load_plans
from sdus_desktop.store.services import Services
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.settings import Settings
from sdus_desktop.ui.navigation.catalogue import Catalogue
from sdus_desktop.ui.print import print_actions
from sdus_desktop.ui.print.print_dossier_dialog import DossierChoice, DossierDialog
from tests.reports.pdftools import flat_text, pages_text

TODAY = date(2026, 11, 22)



class StandInWindow(QMainWindow):
    """The attributes MainWindow promises to print_actions, nothing more."""

    def __init__(self, db, settings: Settings, current: int | None, visible: list[int]) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.db = db
        self.settings = settings
        self.services = Services(db, "Marie Dupont")
        self.catalogue = Catalogue(db)
        self.today = lambda: TODAY
        self.menus = {key: self.menuBar().addMenu(key) for key in ("fichier", "edition", "affichage", "outils",
                                                                   "aide")}
        self.menus["fichier"].addAction("Quitter")
        self._current, self._visible = current, visible
        self.statuses: list[str] = []

    def current_action_id(self) -> int | None:
        return self._current

    def current_plan_code(self) -> str | None:
        return "SDUS"

    def selected_action_ids(self) -> list[int]:
        return self._visible

    def notify_changed(self, changeset, undoable: bool = False) -> None:  # type: ignore[no-untyped-def]
        pass

    def show_status(self, text: str) -> None:
        self.statuses.append(text)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files announced as written (the notice offering « Ouvrir »); the save dialog answers its suggestion."""
    from sdus_desktop.ui.common import files

    shown: list[Path] = []
    monkeypatch.setattr(files, "announce_written", lambda parent, title, what, path: shown.append(path))
    monkeypatch.setattr(files, "choose_save_path", lambda parent, title, suggested, flt, suffix: suggested)
    from sdus_desktop.ui.print import print_fiche_dialog
    from tests.ui.conftest import _default_notes_period

    monkeypatch.setattr(print_fiche_dialog, "ask_notes_period", _default_notes_period)
    return shown


@pytest.fixture
def sdus_ids(db) -> dict[int, int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return {a.number: a.id for a in iter_actions(load_plans(session, "SDUS"))}


def _window(qtbot, db, tmp_path: Path, current: int | None, visible: list[int]) -> StandInWindow:  # type: ignore[no-untyped-def]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    (tmp_path / "impressions").mkdir(exist_ok=True)
    settings.set_value("print_folder", str(tmp_path / "impressions"))
    window = StandInWindow(db, settings, current, visible)
    qtbot.addWidget(window)
    print_actions.install(window)
    return window


def test_menu_entries_are_installed(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, tmp_path, None, [])
    texts = [a.text() for a in window.menus["fichier"].actions() if not a.isSeparator()]
    assert texts[:3] == ["&Imprimer la fiche", "Imprimer la fiche sur une im&primante…",
                         "&Dossier du comité de suivi…"]
    assert texts[-1] == "Quitter"
    assert window.print_fiche_action.shortcut().toString() == "Ctrl+P"
    assert window.print_fiche_action.statusTip() == "Imprimer la fiche affichée en PDF"


def test_print_current_fiche_writes_named_pdf_and_opens_it(qtbot, db, tmp_path: Path, opened, sdus_ids) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, tmp_path, sdus_ids[12], [])
    window.print_fiche_action.trigger()
    expected = tmp_path / "impressions" / "SDUS_fiche_12_2026-11-22.pdf"
    assert opened == [expected]
    assert "ACTION N°12" in flat_text(expected)
    assert window.statuses[-1] == f"Fiche imprimée en PDF : {expected}"


def test_print_without_fiche_explains_what_to_do(qtbot, db, tmp_path: Path, opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: warnings.append(text))
    window = _window(qtbot, db, tmp_path, None, [])
    window.print_fiche_action.trigger()
    assert opened == []
    assert warnings and "choisissez d'abord une fiche" in warnings[0]


def test_dossier_dialog_choices(qtbot, db, tmp_path: Path, sdus_ids) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, tmp_path, None, [sdus_ids[1], sdus_ids[2]])
    dialog = DossierDialog(window)
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert choice.plan_code == "SDUS" and choice.action_ids is None
    assert choice.since == date(2026, 5, 22)
    assert choice.out == tmp_path / "impressions" / "SDUS_comite_de_suivi_2026-11-22.pdf"
    dialog.plan.setCurrentIndex(dialog.plan.findData(""))
    assert dialog.choice().plan_code is None
    assert dialog.choice().out.name == "SDUS-SDSF_comite_de_suivi_2026-11-22.pdf"
    assert dialog.visible.text() == "Les fiches visibles dans la liste de gauche (2)"
    dialog.visible.setChecked(True)
    assert dialog.choice().out.name == "fiches-visibles_comite_de_suivi_2026-11-22.pdf"
    dialog.out.setText(str(tmp_path / "mon-dossier.pdf"))
    dialog.out.setModified(True)  # typed by the user: kept whatever the choices
    dialog.whole_plan.setChecked(True)
    assert dialog.choice().out.name == "mon-dossier.pdf"
    dialog.visible.setChecked(True)
    dialog.since_choice.choose("none")
    assert dialog.choice().action_ids == [sdus_ids[1], sdus_ids[2]] and dialog.choice().since is None


def test_dossier_for_visible_fiches(qtbot, db, tmp_path: Path, opened, sdus_ids) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, tmp_path, None, [sdus_ids[1], sdus_ids[2]])
    out = tmp_path / "comite.pdf"
    result = print_actions.generate_dossier(window, DossierChoice(None, [sdus_ids[1], sdus_ids[2]], TODAY, out))
    assert result == out and opened == [out]
    pages = pages_text(out)
    assert sum("ACTION N°" in page for page in pages) == 2
    assert "Évolutions depuis le 22/11/2026" in pages[0]


@pytest.mark.slow
def test_cancelling_the_progress_dialog_writes_nothing(qtbot, db, tmp_path: Path, opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, tmp_path, None, [])
    cancel_after = {"calls": 0}
    original = QProgressDialog.setValue

    def set_value(dialog: QProgressDialog, value: int) -> None:
        original(dialog, value)
        cancel_after["calls"] += 1
        if cancel_after["calls"] == 5:
            dialog.cancel()  # what the "Annuler" button does

    monkeypatch.setattr(QProgressDialog, "setValue", set_value)
    out = tmp_path / "sortie" / "comite.pdf"
    assert print_actions.generate_dossier(window, DossierChoice("SDUS", None, None, out)) is None
    assert opened == []
    assert list(out.parent.iterdir()) == []
    assert window.statuses[-1] == "Dossier du comité de suivi annulé : aucun fichier n'a été écrit."
    assert QApplication.activeModalWidget() is None


def test_print_pdf_renders_every_page_to_a_printer(qtbot, db, tmp_path: Path, sdus_ids) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from sdus_desktop.reports.fiche_pdf import write_fiches

    source = tmp_path / "fiche.pdf"
    write_fiches(db, source, "SDUS", [12], today=TODAY)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    printer.setResolution(96)
    assert print_actions.print_pdf(source, printer) == 2
    assert len(pages_text(tmp_path / "imprime.pdf")) == 2


def test_real_main_window_gets_the_print_entries(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.main_window import MainWindow

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menus["fichier"].actions()]
    assert "&Imprimer la fiche" in texts and "&Dossier du comité de suivi…" in texts
    assert window.print_fiche_action.shortcut().toString() == "Ctrl+P"


def test_printer_failure_is_explained_and_the_pdf_kept(qtbot, db, tmp_path: Path, monkeypatch, sdus_ids) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintDialog

    warnings: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(print_actions, "printer_available", lambda: True)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.Accepted)

    def jammed(path: Path, printer: object) -> int:
        raise OSError("l'imprimante n'a pas pu être ouverte")

    monkeypatch.setattr(print_actions, "print_pdf", jammed)
    from sdus_desktop.ui.print import print_fiche_dialog
    from tests.ui.conftest import _default_notes_period

    monkeypatch.setattr(print_fiche_dialog, "ask_notes_period", _default_notes_period)
    window = _window(qtbot, db, tmp_path, sdus_ids[12], [])
    assert print_actions.print_current_fiche_on_printer(window) is False
    assert warnings and warnings[0].startswith("l'imprimante n'a pas pu être ouverte")
    assert "SDUS_fiche_12_2026-11-22.pdf" in warnings[0] and "Vérifiez l'imprimante" in warnings[0]
