"""Where written files go: the folder the person chose last time (never a folder created unasked), a save
dialog to choose the file, and a notice that offers « Ouvrir » and « Ouvrir le dossier » once written.

Tests (and the scripted run) replace `choose_save_path` to answer the file dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def existing_folder(configured: object) -> Path:
    """The configured folder when it exists; else the user's Documents folder when it exists; else home.
    Nothing is created."""
    for candidate in (str(configured or ""), str(Path.home() / "Documents")):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def suggested_path(settings: Any, setting: str, file_name: str) -> Path:
    return existing_folder(settings.value(setting)) / file_name


def remember_folder(settings: Any, setting: str, path: Path) -> None:
    settings.set_value(setting, str(path.parent))


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str,
                     suffix: str) -> Path | None:
    """The file the person chooses in the system's save dialog (None: cancelled). The suffix is added when
    missing; replacing an existing file is asked by the dialog itself."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)


def open_path(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def announce_written(parent: QWidget | None, title: str, what: str, path: Path) -> QMessageBox:
    """A notice (not blocking the window) saying where the file is, with « Ouvrir » and « Ouvrir le dossier »."""
    box = QMessageBox(QMessageBox.Icon.Information, title, f"{what} :\n{path}", QMessageBox.StandardButton.NoButton,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("fichier_ecrit")
    open_button = box.addButton("Ouvrir", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Ouvrir le dossier", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Fermer", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: object) -> None:
        if button is open_button:
            open_path(path)
        elif button is folder_button:
            open_path(path.parent)

    box.buttonClicked.connect(clicked)
    box.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable while the notice is shown
    box.show()
    return box
