"""The one door the GUI writes through: `Editor` runs an operation (sdus_desktop.ops), reports a refusal,
records undo and hands the OpChanges to the main window, whose `changed` signal refreshes every view.

Undo of an edit reverts its ChangeSet (journaled "saisie (annulation)"); redo reverts the undo ("saisie
(rétablissement)"). An import is undone in one step by undoing its imports (exchange.import_undo: a cell changed
since goes to « Conflits à arbitrer »); it is not redone (import the workbook again). The first redo(), run by
QUndoStack.push, does nothing: the change is already in the database.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from sdus_desktop.core.fields import field_label
from sdus_desktop.core.period_lock import REMOVAL_KINDS
from sdus_desktop.core.progress import Progress
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.changes import ChangeSet, EditError
from sdus_desktop.store.engine import DriverError
from sdus_desktop.store.period_locks import LockedError
from sdus_desktop.ui.common import messages

if TYPE_CHECKING:  # store.services imports SQLAlchemy: loaded on the first write, not at start-up
    from sdus_desktop.store.services import Services

Op = TypeVar("Op", bound=OpChanges)


class ChangeListener(Protocol):
    """What the editor tells (the main window): publish() emits its `changed` signal."""

    def publish(self, changes: OpChanges) -> None: ...


class RevertListener(Protocol):
    """Optional: told after an undo ("Annulé") or a redo ("Rétabli"), to show the fiche concerned."""

    def show_reverted(self, changeset: ChangeSet, verb: str, text: str) -> None: ...


UNDO_ORIGIN = "saisie (annulation)"
REDO_ORIGIN = "saisie (rétablissement)"  # a redo is not an undo: the Historique tells them apart
UNDO_IMPORT_TITLE = "Annuler un import"


def _parent(listener: ChangeListener) -> QWidget | None:
    return listener if isinstance(listener, QWidget) else None


class ServiceCommand(QUndoCommand):
    def __init__(self, services: Services, listener: ChangeListener, text: str, done: ChangeSet,
                 central: Callable[[], bool] = lambda: False) -> None:
        super().__init__(text)
        self._services = services
        self._listener = listener
        self._central = central
        self._done: ChangeSet = done
        self._undone: ChangeSet | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if self._undone is None:
            return
        self._done = self._run(self._undone, "Rétabli", REDO_ORIGIN)

    def undo(self) -> None:
        self._undone = self._run(self._done, "Annulé", UNDO_ORIGIN)

    def _run(self, changeset: ChangeSet, verb: str, origin: str) -> ChangeSet:
        from sdus_desktop.ops.edits import revert

        try:
            try:
                result = revert(self._services, changeset, origin)
            except LockedError as error:   # central mode: undoing a correction is a correction too
                if not (self._central() and confirm_correction(_parent(self._listener), error)):
                    raise
                with self._services.correcting_locks():
                    result = revert(self._services, changeset, origin)
        except EditError as error:
            self.setObsolete(True)
            messages.warn(_parent(self._listener), "Annulation impossible",
                          f"Cette modification ne peut plus être annulée ou rétablie.\n\n{error}")
            return ChangeSet()
        self._listener.publish(result)
        show_reverted = getattr(self._listener, "show_reverted", None)
        if callable(show_reverted) and result.changeset:
            show_reverted(result.changeset, verb, self.text())
        return result.changeset


class ImportCommand(QUndoCommand):
    """Ctrl+Z on an import batch: its imports undone in one step (after a verified backup). Not redone: the
    command leaves the stack once undone (import the workbook again to redo it)."""

    def __init__(self, services: Services, listener: ChangeListener, text: str, import_ids: tuple[int, ...]) -> None:
        super().__init__(text)
        self._services = services
        self._listener = listener
        self.import_ids = import_ids

    def redo(self) -> None:
        """Nothing: pushed once applied, and never redone (it leaves the stack when undone)."""

    def undo(self) -> None:
        from sdus_desktop.exchange.import_undo import UndoImportError
        from sdus_desktop.ops.imports import undo_imports
        from sdus_desktop.store.backup import BackupError

        self.setObsolete(True)
        parent = _parent(self._listener)
        try:
            result = undo_imports(self._services, self.import_ids)
        except (UndoImportError, BackupError, EditError, OSError, DriverError) as error:
            messages.error(parent, UNDO_IMPORT_TITLE, f"Annulation impossible : {error}. Rien n'a été modifié.")
            return
        self._listener.publish(result)
        lines = [text[0].upper() + text[1:] + "." for text in (undone.summary() for undone in result.value)]
        messages.information(parent, UNDO_IMPORT_TITLE, "\n".join(lines))


def follow_changes(dialog: QDialog, changed: SignalInstance, slot: Callable[[OpChanges], None]) -> None:
    """Refresh an open dialog from the main window's `changed` signal (every operation's OpChanges), until it
    is closed."""
    changed.connect(slot)

    def stop(_result: int) -> None:
        with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
            warnings.simplefilter("ignore", RuntimeWarning)
            changed.disconnect(slot)

    dialog.finished.connect(stop)


def confirm_correction(parent: QWidget | None, error: LockedError) -> bool:
    """Central mode: ask before changing a value a validated comité locked, or removing an étape or indicator
    that holds such values (No is the default)."""
    origin = error.lock.correction_origin()
    if error.lock.kind in REMOVAL_KINDS:
        what = REMOVAL_KINDS[error.lock.kind]
        title = f"Supprimer {what} arrêté{'e' if error.lock.kind == 'step' else ''}"
        return messages.confirm(
            parent, title, f"{error.where} :\n{error.lock.reason()}.\n\nSupprimer quand même ? La suppression "
                           f"sera inscrite au journal comme « {origin} » ; l'état figé du comité ne change pas.")
    what = "note" if error.lock.kind == "note" else "valeur"
    return messages.confirm(
        parent, f"Corriger une {what} arrêtée",
        f"{error.where} :\n{error.lock.reason()}.\n\nCorriger quand même cette {what} ? La correction sera "
        f"inscrite au journal comme « {origin} » ; l'état figé du comité ne change pas.")


def describe_changeset(changeset: ChangeSet) -> str:
    """Short French text for the Édition menu: "Annuler : état (fiche 12)"."""
    if not changeset:
        return "modification"
    first = changeset.changes[0]
    what = field_label(first.entity, first.field)
    if len(changeset) > 1:
        what += f" (+{len(changeset) - 1})"
    return what


class Editor:
    """The one door the views use to write: runs an operation, reports refusals, records undo, publishes.

    `services` gives the Services to use; it is called at each write (the main window creates them, and
    imports SQLAlchemy, on first use)."""

    def __init__(self, services: Callable[[], Services], stack: QUndoStack, listener: ChangeListener,
                 parent: QWidget | None = None, central: Callable[[], bool] = lambda: False) -> None:
        self._services = services
        self._central = central   # central mode: a value locked by a validated comité may be corrected
        self.stack = stack
        self.listener = listener
        self.parent = parent
        self.last_error: str | None = None
        self._deferring = 0

    @contextmanager
    def deferring_views(self) -> Iterator[None]:
        """Writes made inside (by an item delegate committing its editor) are saved and shown at once (the
        tables update their rows in place, so the editor and the focus survive); a refusal, its message box
        and the refresh that puts the stored value back wait until the editor is closed, back in the event loop.
        """
        self._deferring += 1
        try:
            yield
        finally:
            self._deferring -= 1

    def _later(self, work: Callable[[], None]) -> None:
        if self._deferring:
            QTimer.singleShot(0, work)
        else:
            work()

    @property
    def services(self) -> Services:
        return self._services()

    # -- the door ---------------------------------------------------------------------------------
    def perform(self, op: Callable[[Services], Op], text: str | None = None, *,
                refused: Callable[[Exception], None] | None = None,
                errors: tuple[type[Exception], ...] = (EditError,)) -> Op | None:
        """Run one operation (ops.*), then record its undo and publish what it changed (done()).

        A refusal (`errors`; EditError by default) changes nothing: `refused(error)` tells the person (by default
        « Saisie refusée » and the stored value put back in the widget) and None is returned."""
        self.last_error = None
        try:
            changes = op(self.services)
        except LockedError as error:
            if self._central():
                return self._correct(op, error, text, refused, errors)
            self.last_error = str(error)
            if refused is not None:
                refused(error)
            else:
                self._refuse(error, "")
            return None
        except errors as error:
            self.last_error = str(error)
            if refused is not None:
                refused(error)
            else:
                self._refuse(error)
            return None
        self.done(changes, text)
        return changes

    def perform_in_background(self, parent: QWidget, title: str, label: str,
                              op: Callable[[Services, Progress], Op], text: str | None = None) -> Op:
        """A slow operation (an import batch, a campaign) in a worker thread under a progress dialog with « Annuler »
        (ui.common.background), then done() on the GUI thread. Its errors (Cancelled…) reach the caller."""
        from sdus_desktop.ui.common.background import run_in_background

        services = self.services
        changes = run_in_background(parent, title, label, lambda progress: op(services, progress))
        self.done(changes, text)
        return changes

    def done(self, changes: OpChanges, text: str | None = None) -> None:
        """Record the undo of an operation that ran (an import undoes its imports, an edit reverts its
        ChangeSet), then publish it: the main window's `changed` signal refreshes the views."""
        if changes.undoable and changes.import_ids:
            self.stack.push(ImportCommand(self.services, self.listener, text or "import", changes.import_ids))
        elif changes.undoable and changes.changeset:
            self.record(changes.changeset, text)
        if changes:   # nothing saved, nothing to refresh
            self.listener.publish(changes)

    def _refuse(self, error: Exception, advice: str = "\n\nCorrigez la valeur et recommencez.") -> None:
        where = f"{error.where} :\n" if isinstance(error, EditError) and error.where else ""
        reason = error.reason if isinstance(error, EditError) else str(error)
        message = f"{where}{reason}{advice}"

        def refuse() -> None:
            messages.warn(self.parent, "Saisie refusée", message)
            self.listener.publish(OpChanges())  # put the stored value back in the widget

        self._later(refuse)

    def _correct(self, op: Callable[[Services], Op], error: LockedError, text: str | None,
                 refused: Callable[[Exception], None] | None = None,
                 errors: tuple[type[Exception], ...] = (EditError,)) -> Op | None:
        """Central mode: once confirmed, the same operation again as a correction (journaled as such). Asked after
        the editor is closed when the edit came from a table cell (the write then happens there)."""
        self.last_error = str(error)

        def ask_and_write() -> Op | None:
            if not confirm_correction(self.parent, error):
                self.listener.publish(OpChanges())   # put the stored value back in the widget
                return None
            services = self.services
            caught: tuple[type[Exception], ...] = (EditError, *errors)
            try:
                with services.correcting_locks():
                    changes = op(services)
            except caught as again:
                self.last_error = str(again)
                if refused is not None:
                    refused(again)
                else:
                    self._refuse(again)
                return None
            self.last_error = None
            self.done(changes, text)
            return changes

        if self._deferring:
            QTimer.singleShot(0, ask_and_write)
            return None
        return ask_and_write()

    # -- edits of a fiche (sdus_desktop.ops.edits / ops.notes) ----------------------------------
    def run(self, op: Callable[[Services], OpChanges], text: str | None = None,
            note: str | None = None) -> ChangeSet | None:
        """Run an edit operation of the fiche (perform, then its ChangeSet). Returns the ChangeSet, or None when
        refused (a message was shown). `note` is said in the status bar once saved (what a coherence rule did
        along with the edit). The views update in place (no model reset): an open editor survives it."""
        changes = self.perform(op, text)
        if changes is None:
            return None
        show_status = getattr(self.listener, "show_status", None)
        if changes.changeset and note and callable(show_status):
            show_status(f"Enregistré. {note}")
        return changes.changeset

    def record(self, changeset: ChangeSet, text: str | None = None) -> None:
        self.stack.push(ServiceCommand(self.services, self.listener, text or describe_changeset(changeset), changeset,
                                       self._central))

    def set(self, entity: str, key: int | str, field: str, value: object) -> bool:
        from sdus_desktop.ops import edits  # the write side loads on the first edit, not at start-up

        return self.run(lambda services: edits.set_field(services, entity, key, field, value)) is not None
