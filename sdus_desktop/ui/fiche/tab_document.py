"""« Fiche » tab: the document fields laid out like the printed fiche (editable in central mode only)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from sdus_desktop.core.fields import ACTION_DOCUMENT_FIELDS, LIST_FIELDS
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import CommitTextEdit, section_title

# Order and headings of the printed fiche; pairs share one row.
LAYOUT: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("pilotage", "partenaires"),
    ("public", "participation_citoyens"),
    ("problematique",),
    ("vigilance",),
    ("objectifs",),
    ("methodologie",),
    ("sous_actions",),
    ("resultat_attendu",),
    ("modalites_suivi",),
    ("incidence_financiere",),
    ("calendrier", "acteurs"),
)
HEADINGS = {
    "title": "Intitulé",
    "pilotage": "Pilotage",
    "partenaires": "Partenaires",
    "public": "Public",
    "participation_citoyens": "Participation des citoyens",
    "problematique": "Rappel de la problématique",
    "vigilance": "Points de vigilance",
    "objectifs": "Objectifs",
    "methodologie": "Méthodologie",
    "sous_actions": "Sous-actions",
    "resultat_attendu": "Objectif / résultat attendu",
    "modalites_suivi": "Modalités de suivi",
    "incidence_financiere": "Incidence financière",
    "calendrier": "Calendrier",
    "acteurs": "Acteurs",
}
BULLET = "• "


class DocumentTab(QScrollArea):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.action_id: int | None = None
        self.editable = False
        self.fields: dict[str, CommitTextEdit] = {}
        self.setWidgetResizable(True)
        self.setAccessibleName("Contenu de la fiche")
        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        self.mode_note = QLabel()
        self.mode_note.setWordWrap(True)
        self.mode_note.setStyleSheet("color: #4a4a4a; font-style: italic;")
        grid.addWidget(self.mode_note, 0, 0, 1, 2)
        row = 1
        for names in LAYOUT:
            for column, name in enumerate(names):
                assert name in ACTION_DOCUMENT_FIELDS
                span = 2 if len(names) == 1 else 1
                heading = section_title(HEADINGS[name])
                editor_widget = CommitTextEdit(HEADINGS[name])
                editor_widget.committed.connect(lambda text, field=name: self._save(field, text))
                heading.setBuddy(editor_widget)
                self.fields[name] = editor_widget
                box = QVBoxLayout()
                box.setSpacing(2)
                box.addWidget(heading)
                box.addWidget(editor_widget)
                box.addStretch(1)
                grid.addLayout(box, row, column, 1, span)
            row += 1
        grid.setRowStretch(row, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.setWidget(body)
        self.setFocusProxy(self.fields[LAYOUT[0][0]])  # Alt+1, or clicking the tab: the first field

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.mode_note.setText(
            "Mode équipe centrale : les champs de la fiche sont modifiables ; chaque champ est enregistré "
            "dès que vous le quittez." if editable else
            "Le contenu de la fiche est en lecture seule (mode référent). Le suivi se saisit dans les onglets "
            "Suivi, Étapes et Indicateurs."
        )
        for widget in self.fields.values():
            widget.setReadOnly(not editable)

    def show_action(self, action: Action) -> None:
        same = action.id == self.action_id
        self.action_id = action.id
        for name, widget in self.fields.items():
            value = getattr(action, name)
            if name in LIST_FIELDS:
                prefix = "" if self.editable else BULLET
                text = "\n".join(prefix + item for item in value)
            else:
                text = value or ""
            widget.set_value(text if text or self.editable else "—", keep_pending=same)

    def commit_pending(self) -> None:
        for widget in self.fields.values():
            widget.commit()

    def _save(self, field: str, text: str) -> None:
        if self.action_id is None or not self.editable:
            return
        value: object = text.splitlines() if field in LIST_FIELDS else text
        self.editor.set("action", self.action_id, field, value)
