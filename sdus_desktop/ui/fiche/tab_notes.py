"""« Notes de suivi » tab: the fiche's dated notes, newest first; a new note (date, text, comité) by keyboard.

A note is added (Ajouter la note, or Ctrl+Entrée in the text), corrected (Corriger: the form takes the note,
« Enregistrer la correction » saves it, Échap gives up) or withdrawn (Retirer) — by its author or in central mode;
each is one operation (Ctrl+Z undoes it) journaled in Historique. The bilan stays the fiche's current summary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.notes import format_comite
from sdus_desktop.core.text import fold
from sdus_desktop.core.validation import format_date
from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.date_edit import DateLineEdit
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import plain_label

NO_COMITE = "— aucun comité —"
ADD_TEXT = "A&jouter la note"
SAVE_TEXT = "Enregistrer la &correction"
FUTURE_DAYS = 31   # a note dated further ahead is most likely a typo (2035 for 2025): asked before saving


class NoteText(QPlainTextEdit):
    """The text of a note: Tab leaves the field (everything by keyboard), Ctrl+Entrée adds the note."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setAccessibleName("Texte de la note de suivi")
        self.setPlaceholderText("Ce qui s'est passé, ce qui a été décidé, ce qui reste à faire…")


class NotesTab(QWidget):
    def __init__(self, db: Database, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.editor = editor
        self.central = False
        self.today = date.today()
        self.action_id: int | None = None
        self.notes: list[readmodel.Note] = []
        self.comites: dict[int, date] = {}
        self.editing: int | None = None   # the note being corrected in the form

        self.date = DateLineEdit("Date de la note")
        self.comite = QComboBox()
        self.comite.setAccessibleName("Comité de suivi auquel la note se rapporte (facultatif)")
        self.text = NoteText()
        self.text.setMinimumHeight(70)
        self.text.setMaximumHeight(130)   # the list of notes keeps the room at 1024×600
        self.add_button = QPushButton(ADD_TEXT)
        self.add_button.setAccessibleName("Ajouter la note de suivi")
        self.add_button.setToolTip("Ajoute la note à la fiche (Ctrl+Entrée depuis le texte).")
        self.cancel_button = QPushButton("A&bandonner la correction")
        self.cancel_button.setToolTip("Échap : le formulaire revient à une nouvelle note, rien n'est modifié.")
        self.cancel_button.setVisible(False)
        self.list = QListWidget()
        self.list.setAccessibleName("Notes de suivi de la fiche, la plus récente en premier")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.edit_button = QPushButton("Corri&ger la note")
        self.edit_button.setToolTip("F2 dans la liste : met la note choisie dans le formulaire (son auteur, ou le "
                                    "mode central).")
        self.remove_button = QPushButton("Retirer la note")
        self.remove_button.setToolTip("Suppr dans la liste : retire la note choisie (son auteur, ou le mode central) ; "
                                      "Ctrl+Z la remet.")
        self.empty = plain_label("Aucune note de suivi pour cette fiche.")
        self.who = plain_label()
        self.who.setWordWrap(True)
        self.who.setStyleSheet("color: #4a4a4a;")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        date_label = QLabel("Dat&e :")
        date_label.setBuddy(self.date)
        form.addRow(date_label, self.date)
        comite_label = QLabel("Comité de s&uivi :")
        comite_label.setBuddy(self.comite)
        form.addRow(comite_label, self.comite)
        text_label = QLabel("Te&xte :")
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.who)
        notes_label = QLabel("Notes enregistrées (la plus récente en &premier) :")
        notes_label.setBuddy(self.list)
        layout.addWidget(notes_label)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)

        self.add_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reset_form)
        self.edit_button.clicked.connect(self.start_correction)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.text, self.submit, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.list, self.start_correction,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._escape,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.date)   # Alt+6, or clicking the tab: the date of a new note
        self.reset_form()

    # -- showing ------------------------------------------------------------------------------
    def configure(self, today: date, central: bool) -> None:
        """The day a new note is dated by default, and whether the person works in central mode."""
        self.today, self.central = today, central
        if self.editing is None and not self.text.toPlainText():
            self.date.set_date(today)
        self._update_buttons()

    def show_action(self, action_id: int) -> None:
        """Read the fiche's notes and the frozen comités again; what is being typed for the same fiche stays."""
        if action_id != self.action_id:
            self.action_id = action_id
            self.reset_form()
        from sdus_desktop.store.comite_snapshots import list_snapshots

        chosen = self.comite.currentData()
        frozen = list_snapshots(self.db)
        self.comites = {info.id: info.comite_date for info in frozen}
        self.comite.blockSignals(True)
        self.comite.clear()
        self.comite.addItem(NO_COMITE, None)
        for info in sorted(frozen, key=lambda i: i.comite_date, reverse=True):   # the latest comité first
            self.comite.addItem(info.label, info.id)
        self.comite.setCurrentIndex(max(0, self.comite.findData(chosen)) if chosen is not None else 0)
        self.comite.blockSignals(False)
        self.notes = readmodel.notes_for_actions(self.db.path, [action_id]).get(action_id, [])
        current = self.list.currentRow()
        self.list.clear()
        for note in self.notes:
            text = self.note_text(note)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(note.text if len(note.text) < 2000 else note.text[:2000] + "…")
            self.list.addItem(item)
        self.empty.setVisible(not self.notes)
        self.list.setVisible(bool(self.notes))
        if self.notes:
            self.list.setCurrentRow(min(max(current, 0), len(self.notes) - 1))
        self._update_buttons()

    def note_text(self, note: readmodel.Note) -> str:
        parts = [format_date(note.note_date), note.author or "auteur inconnu"]
        if note.comite_snapshot_id is not None:
            parts.append(format_comite(note.comite_snapshot_id, self.comites.get(note.comite_snapshot_id)))
        return f"{' · '.join(parts)}\n{note.text}"

    def selected(self) -> readmodel.Note | None:
        row = self.list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def _user(self) -> str:
        return str(self.editor.services.user)

    def _may_change(self, note: readmodel.Note) -> bool:
        return self.central or fold(note.author) == fold(self._user())

    def _update_buttons(self) -> None:
        note = self.selected()
        allowed = note is not None and self.action_id is not None and self._may_change(note)
        self.edit_button.setEnabled(allowed)
        self.remove_button.setEnabled(allowed)
        if note is None or allowed:
            self.who.setText("")
        else:
            self.who.setText(f"La note choisie est de {note.author or 'un auteur inconnu'} : seul son auteur ou "
                             "l'équipe centrale (mode central) peut la corriger ou la retirer.")

    # -- writing ------------------------------------------------------------------------------
    def reset_form(self) -> None:
        self.editing = None
        self.date.set_date(self.today)
        self.text.setPlainText("")
        self.comite.setCurrentIndex(0)
        self.add_button.setText(ADD_TEXT)
        self.add_button.setAccessibleName("Ajouter la note de suivi")
        self.cancel_button.setVisible(False)

    def _escape(self) -> None:
        if self.editing is not None:
            self.reset_form()
            self.list.setFocus()

    def start_correction(self) -> None:
        note = self.selected()
        if note is None or not self.edit_button.isEnabled():
            return
        self.editing = note.id
        self.date.set_date(note.note_date)
        self.text.setPlainText(note.text)
        index = self.comite.findData(note.comite_snapshot_id) if note.comite_snapshot_id is not None else 0
        self.comite.setCurrentIndex(max(index, 0))
        self.add_button.setText(SAVE_TEXT)
        self.add_button.setAccessibleName("Enregistrer la correction de la note")
        self.cancel_button.setVisible(True)
        self.text.setFocus()

    def submit(self) -> None:
        if self.action_id is None:
            return
        if not self._date_confirmed():
            self.date.setFocus()   # Non: the form stays as typed, the date to correct
            return
        action_id, day, text = self.action_id, self.date.text(), self.text.toPlainText()
        comite = self.comite.currentData()
        if self.editing is None:
            from sdus_desktop.ops import notes  # the write side loads with the first edit
            done = self.editor.run(lambda services: notes.add_note(services, action_id, day, text, comite),
                                   "note de suivi ajoutée", "Note de suivi ajoutée.")
        else:
            note_id, central = self.editing, self.central
            values: dict[str, Any] = {"note_date": day, "text": text, "comite_snapshot_id": comite}
            from sdus_desktop.ops import notes  # the write side loads with the first edit
            done = self.editor.run(lambda services: notes.edit_note(services, note_id, values, central=central),
                                   "note de suivi corrigée", "Note de suivi corrigée.")
        if done is not None:
            self.reset_form()
            self.list.setCurrentRow(0 if self.notes else -1)
            self.date.setFocus()

    def _date_confirmed(self) -> bool:
        """A date more than a month after today is confirmed first; any other (or unreadable) date goes on."""
        try:
            day = self.date.date_value()
        except ValueError:
            return True   # the operation refuses it with its own message
        if day is None or (day - self.today).days <= FUTURE_DAYS:
            return True
        return messages.confirm(self, "Note de suivi", f"La note est datée du {format_date(day)}, dans plus d'un "
                                "mois. L'enregistrer à cette date ?")

    def remove_selected(self) -> None:
        note = self.selected()
        if note is None or not self.remove_button.isEnabled():
            return
        note_id, central = note.id, self.central
        from sdus_desktop.ops import notes  # the write side loads with the first edit
        if self.editor.run(lambda services: notes.remove_note(services, note_id, central=central), "note de suivi retirée",
                           "Note retirée (Ctrl+Z la remet).") is not None and self.editing == note_id:
            self.reset_form()
        self.list.setFocus()
