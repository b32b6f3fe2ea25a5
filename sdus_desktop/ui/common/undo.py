"""Undo/redo around the store services: a command holds the ChangeSet a service call returned.

undo() reverts it (journaled as "saisie (annulation)"); redo() reverts the undo (journaled as
"saisie (rétablissement)"). The first redo(),
run by QUndoStack.push, does nothing: the change is already in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from sdus_desktop.core.fields import field_label
from sdus_desktop.store.changes import ChangeSet, EditError
from sdus_desktop.store.period_locks import LockedError
from sdus_desktop.ui.common import messages

if TYPE_CHECKING:  # store.services imports SQLAlchemy: loaded on the first write, not at start-up
    from sdus_desktop.store.services import Services


class ChangeListener(Protocol):
    def refresh_views(self, changeset: ChangeSet) -> None: ...


class RevertListener(Protocol):
    """Optional: told after an undo ("Annulé") or a redo ("Rétabli"), to show the fiche concerned."""

    def show_reverted(self, changeset: ChangeSet, verb: str, text: str) -> None: ...


UNDO_ORIGIN = "saisie (annulation)"
REDO_ORIGIN = "saisie (rétablissement)"  # a redo is not an undo: the Historique tells them apart


class ServiceCommand(QUndoCommand):
    def __init__(self, services: Services, listener: ChangeListener, text: str, done: ChangeSet,
                 central: Callable[[], bool] = lambda: False) -> None:
        super().__init__(text)
        self._services = services
        self._central = central
        self._listener = listener
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
        parent = self._listener if isinstance(self._listener, QWidget) else None
        try:
            try:
                result = self._services.revert(changeset, origin=origin)
            except LockedError as error:   # central mode: undoing a correction is a correction too
                if not (self._central() and confirm_correction(parent, error)):
                    raise
                with self._services.correcting_locks():
                    result = self._services.revert(changeset, origin=origin)
        except EditError as error:
            self.setObsolete(True)
            messages.warn(parent, "Annulation impossible",
                          f"Cette modification ne peut plus être annulée ou rétablie.\n\n{error}")
            return ChangeSet()
        self._listener.refresh_views(result)
        show_reverted = getattr(self._listener, "show_reverted", None)
        if callable(show_reverted) and result:
            show_reverted(result, verb, self.text())
        return result


def confirm_correction(parent: QWidget | None, error: LockedError) -> bool:
    """Central mode: ask before changing a value a validated comité locked (No is the default)."""
    return messages.confirm(
        parent, "Corriger une valeur arrêtée",
        f"{error.where} :\n{error.lock.reason()}.\n\nCorriger quand même cette valeur ? La correction sera "
        f"inscrite au journal comme « {error.lock.correction_origin()} » ; l'état figé du comité ne change pas.")


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
    """The one door the views use to write: runs a service call, reports refusals, records undo.

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

    def run(self, call: Callable[[Services], ChangeSet], text: str | None = None,
            note: str | None = None) -> ChangeSet | None:
        """Run one service call. Returns its ChangeSet, or None when refused (a message was shown).

        `note` is said in the status bar once saved (what a coherence rule did along with the edit)."""
        self.last_error = None
        try:
            changeset = call(self.services)
        except LockedError as error:
            if self._central():
                return self._correct(call, error, text, note)
            self._refuse(error, "")
            return None
        except EditError as error:
            self._refuse(error)
            return None
        return self._saved(changeset, text, note)

    def _refuse(self, error: EditError, advice: str = "\n\nCorrigez la valeur et recommencez.") -> None:
        self.last_error = str(error)
        where = f"{error.where} :\n" if error.where else ""
        message = f"{where}{error.reason}{advice}"

        def refuse() -> None:
            messages.warn(self.parent, "Saisie refusée", message)
            self.listener.refresh_views(ChangeSet())  # put the stored value back in the widget

        self._later(refuse)

    def _correct(self, call: Callable[[Services], ChangeSet], error: LockedError, text: str | None,
                 note: str | None) -> ChangeSet | None:
        """Central mode: once confirmed, the same call again as a correction (journaled as such). Asked after the
        editor is closed when the edit came from a table cell (the write then happens there)."""
        self.last_error = str(error)

        def ask_and_write() -> ChangeSet | None:
            if not confirm_correction(self.parent, error):
                self.listener.refresh_views(ChangeSet())
                return None
            services = self.services
            try:
                with services.correcting_locks():
                    changeset = call(services)
            except EditError as again:
                self._refuse(again)
                return None
            self.last_error = None
            return self._saved(changeset, text, note)

        if self._deferring:
            QTimer.singleShot(0, ask_and_write)
            return None
        return ask_and_write()

    def _saved(self, changeset: ChangeSet, text: str | None, note: str | None) -> ChangeSet:
        if changeset:
            self.record(changeset, text)
            self.listener.refresh_views(changeset)  # in place (no model reset): an open editor survives it
            show_status = getattr(self.listener, "show_status", None)
            if note and callable(show_status):
                show_status(f"Enregistré. {note}")
        return changeset

    def record(self, changeset: ChangeSet, text: str | None = None) -> None:
        self.stack.push(ServiceCommand(self.services, self.listener, text or describe_changeset(changeset), changeset,
                                       self._central))

    def set(self, entity: str, key: int | str, field: str, value: object) -> bool:
        return self.run(lambda services: services.set(entity, key, field, value)) is not None
