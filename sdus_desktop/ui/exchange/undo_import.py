"""« Annuler un import… » (Fichier menu): choose one of the latest imports and undo it in one action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog

from sdus_desktop.store.engine import DriverError
from sdus_desktop.ui.common import messages

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

TITLE = "Annuler un import"


def choose_import(window: MainWindowWidget, labels: list[str]) -> int | None:
    """Index of the import chosen in a list (tests replace this)."""
    label, ok = QInputDialog.getItem(window, TITLE, "Import à annuler (les plus récents d'abord) :", labels, 0, False)
    return labels.index(label) if ok and label in labels else None


def undo_an_import(window: MainWindowWidget) -> Any:
    from sdus_desktop.exchange.import_undo import UndoImportError, describe_import, list_imports
    from sdus_desktop.ops.imports import undo_imports
    from sdus_desktop.store.backup import BackupError
    from sdus_desktop.store.changes import EditError

    records = [record for record in list_imports(window.db) if record.undone_at is None]
    if not records:
        messages.information(window, TITLE, "Aucun import à annuler.")
        return None
    index = choose_import(window, [describe_import(record) for record in records])
    if index is None:
        return None
    record = records[index]
    if not messages.confirm(window, TITLE, f"Annuler l'import n° {record.id} (« {record.file_name} ») ?\n\nChaque "
                                           "valeur qu'il a écrite reprend sa valeur d'avant l'import ; une valeur "
                                           "modifiée depuis n'est pas écrasée : elle va dans « Conflits à arbitrer ». "
                                           "Une sauvegarde est faite avant."):
        return None
    done = window.editor.perform(
        lambda services: undo_imports(services, [record.id]),
        refused=lambda error: messages.error(window, TITLE, f"Annulation impossible : {error}. Rien n'a été modifié."),
        errors=(UndoImportError, BackupError, EditError, OSError, DriverError))
    if done is None:
        return None
    [result] = done.value
    text = result.summary()
    messages.information(window, TITLE, text[0].upper() + text[1:] + ".")
    return result
