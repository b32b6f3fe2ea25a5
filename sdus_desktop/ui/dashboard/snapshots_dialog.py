"""« Comités de suivi figés »: freeze the state for a comité (read-only afterwards), list the frozen comités, and
compare two of them (or one and now) fiche by fiche; Entrée or a double click on a fiche opens it. In central mode
the comité chosen in the list can be marked validated (its past values are then locked: core.period_lock) or
its validation withdrawn."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.date_edit import DateLineEdit
from sdus_desktop.ui.common.screen_fit import resize_within_screen, scrolling_body
from sdus_desktop.ui.common.undo import follow_changes

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

TITLE = "Comités de suivi figés"
NOW = "now"
ACTION_ROLE = Qt.ItemDataRole.UserRole


class ChangesTree(QTreeWidget):
    """One top-level row per fiche that changed, its net changes below; Entrée opens the fiche."""

    def __init__(self, open_action: Any) -> None:
        super().__init__()
        self.open_action = open_action
        self.setHeaderHidden(True)
        self.setAccessibleName("Changements par fiche")
        self.setWordWrap(True)
        self.itemActivated.connect(lambda item, _column: self._open(item))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            return
        action_id = item.data(0, ACTION_ROLE)
        if action_id is not None:
            self.open_action(int(action_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._open(self.currentItem())
            return
        super().keyPressEvent(event)


class SnapshotsDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        today = date.today()
        self.comite_date = DateLineEdit("Date du comité à figer")
        self.comite_date.set_date(today)
        self.plan = QComboBox()
        self.plan.setAccessibleName("Plan à figer")
        for code, label in (("", "Les deux schémas"), ("SDUS", "SDUS"), ("SDSF", "SDSF")):
            self.plan.addItem(label, code)
        self.freeze_button = QPushButton("&Figer l'état")
        self.freeze_button.setAccessibleName("Figer l'état pour le comité à cette date")
        self.freeze_button.clicked.connect(self.freeze)
        freeze_row = QHBoxLayout()
        freeze_row.addWidget(self.comite_date)
        freeze_row.addWidget(self.plan)
        freeze_row.addWidget(self.freeze_button)
        freeze_row.addStretch(1)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["Comité du", "Plan", "Figé le", "Par", "Fiches", "Validation"])
        self.table.setAccessibleName("Comités figés")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)   # Tab leaves the list for the validation buttons
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.validated_on = DateLineEdit("Date de la validation par le comité")
        self.validate_button = QPushButton("&Valider ce comité…")
        self.validate_button.setAccessibleName("Le comité sélectionné a validé cet état : verrouiller ses valeurs")
        self.validate_button.clicked.connect(self.validate)
        self.withdraw_button = QPushButton("&Retirer la validation…")
        self.withdraw_button.setAccessibleName("Retirer la validation du comité sélectionné")
        self.withdraw_button.clicked.connect(self.withdraw)
        self.validation_note = QLabel("")
        self.validation_note.setWordWrap(True)
        validate_row = QHBoxLayout()
        validate_row.addWidget(QLabel("Validé le :"))
        validate_row.addWidget(self.validated_on)
        validate_row.addWidget(self.validate_button)
        validate_row.addWidget(self.withdraw_button)
        validate_row.addStretch(1)

        self.start = QComboBox()
        self.start.setAccessibleName("Comparer depuis le comité")
        self.end = QComboBox()
        self.end.setAccessibleName("Comparer jusqu'à")
        self.compare_button = QPushButton("&Comparer")
        self.compare_button.setAccessibleName("Comparer les deux états")
        self.compare_button.clicked.connect(self.compare)
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.start, 1)
        compare_row.addWidget(QLabel("avec"))
        compare_row.addWidget(self.end, 1)
        compare_row.addWidget(self.compare_button)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.changes = ChangesTree(self._open_action)

        form = QFormLayout()
        form.addRow("Figer l'état pour le comité &du :", _wrap(freeze_row))
        form.addRow("Co&mparer :", _wrap(compare_row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout, outer = scrolling_body(self)  # tall and wide: scrolls at 150 %, « Fermer » stays in view
        layout.addWidget(QLabel("Un état figé ne change plus : il sert de point de départ aux « évolutions » du "
                                "classeur et du dossier du comité suivant."))
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(validate_row)
        layout.addWidget(self.validation_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 2)
        outer.addWidget(buttons)
        for first, then in ((self.table, self.validated_on), (self.validated_on, self.validate_button),
                            (self.validate_button, self.withdraw_button)):
            QWidget.setTabOrder(first, then)
        resize_within_screen(self, 860, 620)
        self.reload()
        follow_changes(self, window.changed, self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if changes.snapshots:
            self.reload()

    def reload(self) -> None:
        from sdus_desktop.store.comite_snapshots import list_snapshots

        snapshots = list(reversed(list_snapshots(self.window_.db)))
        chosen = self._chosen_id()
        self.table.setRowCount(len(snapshots))
        for row, info in enumerate(snapshots):
            validation = f"validé le {info.validated_on:%d/%m/%Y} · verrouillé" if info.validated_on else "non validé"
            for column, text in enumerate((f"{info.comite_date:%d/%m/%Y}", info.plan_code or "SDUS et SDSF",
                                           f"{info.taken_at:%d/%m/%Y %H:%M}", info.user, str(info.fiche_count),
                                           validation)):
                item = QTableWidgetItem(text)
                item.setData(ACTION_ROLE, info.id)
                self.table.setItem(row, column, item)
        ids = [info.id for info in snapshots]
        if ids:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._selection_changed()
        self.start.clear()
        self.end.clear()
        for info in snapshots:
            self.start.addItem(info.label, info.id)
        self.end.addItem("maintenant", NOW)
        for info in snapshots:
            self.end.addItem(info.label, info.id)
        self.compare_button.setEnabled(bool(snapshots))
        if not snapshots:
            self.summary.setText("Aucun comité figé pour l'instant.")

    def _chosen_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return None if item is None else int(item.data(ACTION_ROLE))

    def _chosen(self) -> Any:
        from sdus_desktop.store.comite_snapshots import list_snapshots

        wanted = self._chosen_id()
        return next((info for info in list_snapshots(self.window_.db) if info.id == wanted), None)

    def _selection_changed(self) -> None:
        from sdus_desktop.store.comite_snapshots import validation_history

        info = self._chosen()
        central = bool(self.window_.settings.central_mode)
        self.validate_button.setEnabled(central and info is not None and info.validated_on is None)
        self.withdraw_button.setEnabled(central and info is not None and info.validated_on is not None)
        self.validated_on.setEnabled(self.validate_button.isEnabled())
        if info is None:
            self.validation_note.setText("")
            return
        if info.validated_on is None:
            self.validated_on.set_date(info.comite_date)
        note = f"Comité du {info.comite_date:%d/%m/%Y} : {info.validation_text}."
        history = validation_history(self.window_.db, info.id)
        if len(history) > 1 or (history and info.validated_on is None):
            note += " Historique : " + " ; ".join(history) + "."
        if not central:
            note += " La validation se fait en mode « Équipe centrale » (Paramètres)."
        self.validation_note.setText(note)

    def validate(self) -> Any:
        """The comité chosen in the list validated its state: once confirmed, its past values are locked."""
        from sdus_desktop.ops.comite import validate_comite
        from sdus_desktop.store.comite_snapshots import SnapshotError, drift, drift_text

        info = self._chosen()
        if info is None:
            return None
        try:
            when = self.validated_on.date_value()
        except ValueError as error:
            messages.warn(self, TITLE, f"Comité non validé : date de la validation : {error}.")
            self.validated_on.setFocus()
            return None
        day = f"{info.comite_date:%d/%m/%Y}"
        warning = drift_text(drift(self.window_.db, info.id))
        if not messages.confirm(self, TITLE, (
                f"Valider le {info.label} ?\n\nLes valeurs d'indicateurs des périodes terminées au {day}, les dates "
                f"réelles jusqu'au {day} et l'état des étapes terminées à cette date, que le comité a vus, "
                "ne pourront plus être modifiées par un classeur ni par un référent (ni les étapes et indicateurs "
                "qui les portent supprimés). L'équipe centrale pourra les "
                "corriger (inscrit au journal comme correction). La validation peut être retirée."
                + (f"\n\n{warning}" if warning else ""))):
            return None
        performed = self.window_.editor.perform(lambda services: validate_comite(services, info.id, when),
                                           refused=lambda error: messages.warn(self, TITLE, f"Comité non validé : {error}."),
                                           errors=(SnapshotError,))
        if performed is None:
            return None
        done = performed.value   # published: the fiche shows the cells now locked
        self.reload()
        self.window_.show_status(f"{done.label[0].upper()}{done.label[1:]} {done.validation_text}.")
        return done

    def withdraw(self) -> Any:
        from sdus_desktop.ops.comite import withdraw_validation
        from sdus_desktop.store.comite_snapshots import SnapshotError

        info = self._chosen()
        if info is None or not messages.confirm(self, TITLE, (
                f"Retirer la validation du {info.label} ?\n\nSes valeurs redeviendront modifiables par les classeurs "
                "et les référents. Le retrait est conservé (qui, quand).")):
            return None
        performed = self.window_.editor.perform(lambda services: withdraw_validation(services, info.id),
                                           refused=lambda error: messages.warn(self, TITLE,
                                                                               f"Validation non retirée : {error}."),
                                           errors=(SnapshotError,))
        if performed is None:
            return None
        done = performed.value   # published: the fiche shows them unlocked
        self.reload()
        self.window_.show_status(f"Validation du {done.label} retirée : ses valeurs sont de nouveau modifiables.")
        return done

    def freeze(self) -> Any:
        from sdus_desktop.ops.comite import freeze_comite
        from sdus_desktop.store.comite_snapshots import SnapshotError

        try:
            when = self.comite_date.date_value()
        except ValueError as error:
            messages.warn(self, TITLE, f"État non figé : date du comité : {error}.")
            self.comite_date.setFocus()
            return None
        if when is None:
            messages.warn(self, TITLE, "État non figé : saisissez la date du comité (jj/mm/aaaa).")
            self.comite_date.setFocus()
            return None
        plan_code = self.plan.currentData() or None
        done = self.window_.editor.perform(lambda services: freeze_comite(services, when, plan_code),
                                           refused=lambda error: messages.warn(self, TITLE, f"État non figé : {error}."),
                                           errors=(SnapshotError,))
        if done is None:
            return None
        info = done.value
        self.window_.show_status(f"État figé pour le {info.label} : {info.fiche_count} fiche(s).")
        return info

    def compare(self) -> Any:
        from sdus_desktop.core.comite_compare import compare
        from sdus_desktop.store.comite_snapshots import list_snapshots, load_state, restrict
        from sdus_desktop.store.comite_state import current_state

        db = self.window_.db
        infos = {info.id: info for info in list_snapshots(db)}
        start = infos[int(self.start.currentData())]
        before = load_state(db, start.id)
        if self.end.currentData() == NOW:
            after = current_state(db.path, date.today(), start.plan_code)
            end_label = "à maintenant"
        else:
            end = infos[int(self.end.currentData())]
            after = restrict(load_state(db, end.id), start.plan_code)
            before = restrict(before, end.plan_code)
            end_label = f"au {end.label}"
        comparison = compare(before, after)
        self.summary.setText(f"Du {start.label} {end_label} : {comparison.summary()}")
        self.changes.clear()
        for fiche in comparison.fiches:
            top = QTreeWidgetItem([f"{fiche.plan} {fiche.number} — {fiche.title}"])
            top.setData(0, ACTION_ROLE, fiche.action_id)
            lines = [fiche.status_text(), fiche.avancement_text() and f"avancement {fiche.avancement_text()}",
                     *(step.text() for step in fiche.steps), *(value.text() for value in fiche.values),
                     fiche.bilan is not None and f"nouveau bilan : {' '.join(fiche.bilan.split())}",
                     fiche.new_fiche and "nouvelle fiche"]
            top.setToolTip(0, top.text(0))
            for line in lines:
                if line:
                    child = QTreeWidgetItem([str(line)])
                    child.setToolTip(0, str(line))  # the whole text of an elided line
                    top.addChild(child)
            self.changes.addTopLevelItem(top)
            top.setExpanded(True)
        if comparison.fiches:
            first = self.changes.topLevelItem(0)
            if first is not None:
                self.changes.setCurrentItem(first)
        return comparison

    def _open_action(self, action_id: int) -> None:
        self.window_.open_action(action_id)
        self.accept()


def open_snapshots_dialog(window: MainWindowWidget) -> SnapshotsDialog:
    dialog = SnapshotsDialog(window)
    dialog.exec()
    return dialog


def _wrap(layout: Any) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    first = next((item.widget() for item in (layout.itemAt(i) for i in range(layout.count()))
                  if item.widget() is not None and item.widget().focusPolicy() != Qt.FocusPolicy.NoFocus), None)
    if first is not None:
        widget.setFocusProxy(first)  # the label's Alt+letter goes to the row's first field
    return widget
