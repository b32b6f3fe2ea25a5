"""Printing from the main window: "Imprimer la fiche" (Ctrl+P: a PDF where the person chooses, then « Ouvrir » / « Ouvrir le dossier »),
"Imprimer la fiche sur une imprimante…" (Qt print dialog, when a printer exists) and
"Dossier du comité de suivi…" (plan or current selection, since-date, cancellable progress).

The dossier is built off the GUI thread (ui.background: progress dialog, « Annuler » stops the build and no
partial file is left); a single fiche is quick and stays on the GUI thread. reportlab is imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.core.progress import Cancelled, Progress
from sdus_desktop.ui.common import files, messages
from sdus_desktop.ui.common.actions import make_action
from sdus_desktop.ui.common.background import run_in_background

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

DIALOG_TITLE = "Impression"


def install(window: MainWindowWidget) -> None:
    """Add the printing actions to the Fichier menu; called once by MainWindow.__init__."""
    menu = window.menus["fichier"]
    first = menu.actions()[0] if menu.actions() else None

    def add(text: str, slot: Callable[[], object], shortcut: str | None, accessible: str) -> QAction:
        action = make_action(window, text, slot, shortcut, accessible)
        menu.insertAction(first, action)  # type: ignore[arg-type]  # None: appended (Qt's stubs do not say so)
        return action

    window.print_fiche_action = add("&Imprimer la fiche", lambda: print_current_fiche(window), "Ctrl+P",
                                    "Imprimer la fiche affichée en PDF")
    window.print_printer_action = add("Imprimer la fiche sur une im&primante…",
                                      lambda: print_current_fiche_on_printer(window), "Ctrl+Shift+P",
                                      "Envoyer la fiche affichée à une imprimante")
    # Asking the system for its printers takes time: done when the menu opens, not at start-up.
    menu.aboutToShow.connect(lambda: window.print_printer_action.setEnabled(printer_available()))
    window.print_dossier_action = add("&Dossier du comité de suivi…", lambda: open_dossier_dialog(window), None,
                                      "Produire le dossier PDF du comité de suivi")
    if first is not None and not first.isSeparator():
        menu.insertSeparator(first)


# -- helpers that tests replace -------------------------------------------------------------------
def open_document(path: Path) -> bool:
    """Show a PDF in the system viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def printer_available() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


# -- file names -------------------------------------------------------------------------------------
def print_folder(window: MainWindowWidget) -> Path:
    """The folder the person printed to last time when it still exists (else Documents, else home).
    Nothing is created: files go where the person chooses."""
    return files.existing_folder(window.settings.value("print_folder"))


def free_name(folder: Path, stem: str) -> Path:
    """folder/stem.pdf, or stem (2).pdf … when a previous print is still open (locked on Windows)."""
    candidate = folder / f"{stem}.pdf"
    counter = 2
    while candidate.exists():
        try:
            candidate.unlink()  # an older print of the same day: replace it when possible
            break
        except OSError:
            candidate = folder / f"{stem} ({counter}).pdf"
            counter += 1
    return candidate


def fiche_file_stem(plan_code: str, number: int, today: date) -> str:
    return f"{plan_code}_fiche_{number}_{today.isoformat()}"


def dossier_file_stem(plan_code: str | None, today: date) -> str:
    return f"{plan_code or 'SDUS-SDSF'}_comite_de_suivi_{today.isoformat()}"


def _today(window: MainWindowWidget) -> date:
    today = getattr(window, "today", None)
    return today() if callable(today) else date.today()


def _grace(window: MainWindowWidget) -> int:
    try:
        return int(window.settings.value("lateness_grace_days") or 0)
    except (TypeError, ValueError):
        return 0


def make_current_fiche_pdf(window: MainWindowWidget, folder: Path | None = None) -> Path | None:
    """Write the fiche shown to a PDF: in `folder` (a temporary one, for the printer), else in the file the
    person chooses (the suggested name in the last print folder). None (after telling the user, or when the choice is cancelled) when nothing was written."""
    from sdus_desktop.ops.outputs import print_fiches

    action_id = window.current_action_id()
    if action_id is None:
        messages.warn(window, DIALOG_TITLE, "Aucune fiche affichée : choisissez d'abord une fiche dans la "
                                            "liste de gauche, puis relancez « Imprimer la fiche ».")
        return None
    today = _today(window)
    catalogue = window.catalogue  # the fiche shown is in the read model: no query needed
    plan_code, number = catalogue.plan_of[action_id].code, catalogue.actions[action_id].number
    stem = fiche_file_stem(plan_code, number, today)
    from sdus_desktop.ui.print import print_fiche_dialog

    notes = print_fiche_dialog.ask_notes_period(window, today)   # « Notes de suivi : depuis le … »
    if notes is None:
        window.show_status("Impression annulée : aucun fichier n'a été écrit.")
        return None
    if folder is not None:
        out = free_name(folder, stem)
    else:
        suggested = print_folder(window) / f"{stem}.pdf"
        chosen = files.choose_save_path(window, "Imprimer la fiche en PDF", suggested, "Documents PDF (*.pdf)",
                                        ".pdf")
        if chosen is None:
            window.show_status("Impression annulée : aucun fichier n'a été écrit.")
            return None
        out = chosen
        files.remember_folder(window.settings, "print_folder", out)
    try:
        print_fiches(window.db, out, plan_code, action_ids=[action_id], today=today, grace_days=_grace(window),
                     notes=notes)
    except OSError as error:
        messages.error(window, DIALOG_TITLE, f"La fiche n'a pas été imprimée : {describe_os_error(error, out)}.\n"
                                             "Choisissez un autre dossier ou fermez le PDF s'il est ouvert, "
                                             "puis recommencez.")
        return None
    return out


def print_current_fiche(window: MainWindowWidget) -> Path | None:
    out = make_current_fiche_pdf(window)
    if out is None:
        return None
    window.show_status(f"Fiche imprimée en PDF : {out}")
    files.announce_written(window, DIALOG_TITLE, "Fiche enregistrée en PDF", out)
    return out


def print_current_fiche_on_printer(window: MainWindowWidget) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if not printer_available():  # the shortcut works without opening the menu
        messages.warn(window, DIALOG_TITLE, "Aucune imprimante n'est installée sur ce poste : utilisez "
                                            "« Imprimer la fiche » (PDF) puis imprimez le PDF.")
        return False
    import tempfile

    out = make_current_fiche_pdf(window, Path(tempfile.gettempdir()))  # only for the printer
    if out is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Imprimer la fiche")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    try:
        pages = print_pdf(out, printer)
    except OSError as error:
        messages.warn(window, DIALOG_TITLE, f"{error}\n\nLe PDF de la fiche reste disponible : {out}\n"
                                            "Vérifiez l'imprimante (allumée, papier, réseau) puis recommencez.")
        return False
    window.show_status(f"Fiche envoyée à l'imprimante « {printer.printerName()} » ({pages} page(s)).")
    return True


def print_pdf(path: Path, printer: Any) -> int:
    """Render each page of a PDF (QtPdf) onto a QPrinter; return the number of pages printed."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    count = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("l'imprimante n'a pas pu être ouverte")
    try:
        target = painter.viewport()
        for index in range(count):
            if index:
                printer.newPage()
            size = document.pagePointSize(index)
            scale = min(target.width() / size.width(), target.height() / size.height())
            width, height = int(size.width() * scale), int(size.height() * scale)
            image = document.render(index, QSize(width, height))
            painter.drawImage(QRect(0, 0, width, height), image)
    finally:
        painter.end()
        document.close()
    return count


def open_dossier_dialog(window: MainWindowWidget) -> Path | None:
    from sdus_desktop.ui.print.print_dossier_dialog import DossierDialog

    dialog = DossierDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    dialog.since_choice.remember()
    return generate_dossier(window, dialog.choice())


def generate_dossier(window: MainWindowWidget, choice: Any) -> Path | None:
    """Write the dossier described by a DossierChoice under a progress dialog, then open it."""
    from sdus_desktop.ops.outputs import write_dossier

    today, grace = _today(window), _grace(window)
    since = datetime.combine(choice.since, datetime.min.time()) if choice.since else None

    def build(progress: Progress) -> int:   # runs in the worker thread: no widget here
        return write_dossier(window.db, choice.out, choice.plan_code, since=since, progress=progress,
                             action_ids=choice.action_ids, today=today, grace_days=grace,
                             snapshot_id=choice.snapshot_id).value

    try:
        run_in_background(window, DIALOG_TITLE, "Préparation du dossier du comité de suivi…", build)
    except Cancelled:
        window.show_status("Dossier du comité de suivi annulé : aucun fichier n'a été écrit.")
        return None
    except OSError as error:
        messages.error(window, DIALOG_TITLE,
                       f"Le dossier n'a pas été produit : {describe_os_error(error, choice.out)}.")
        return None
    except ValueError as error:
        messages.warn(window, DIALOG_TITLE, f"Dossier non produit : {error}.")
        return None
    window.show_status(f"Dossier du comité de suivi enregistré : {choice.out}")
    files.remember_folder(window.settings, "print_folder", choice.out)
    files.announce_written(window, DIALOG_TITLE, "Dossier du comité de suivi enregistré", choice.out)
    return choice.out
