"""Left panel: search field, filters (plan, statut, Mes fiches, pilote, en retard, année) and the tree."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.ui.catalogue import Catalogue
from sdus_desktop.ui.navigation import (
    ACTION_ID_ROLE,
    KIND_FICHE,
    KIND_ROLE,
    Criteria,
    NavigationFilter,
    NavigationModel,
)

EXPAND_ALL_LIMIT = 300


class NavigationPanel(QWidget):
    action_selected = Signal(int)

    def __init__(self, model: NavigationModel, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.referent_name = ""
        self.show_closed = False  # Affichage › Afficher les plans clos (ui.plans_dialog)
        self.proxy = NavigationFilter(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher (titre, pilote, partenaire, étape, indicateur…)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher une fiche")
        self.plan = _combo("Filtrer par plan", [])
        self.status = _combo("Filtrer par statut", [("Tous les statuts", "")] +
                             [(f"{s.symbol} {s.label}", s.value) for s in ActionStatus])
        self.pilote = _combo("Filtrer par pilote", [])
        self.year = _combo("Filtrer par année du calendrier", [])
        self.reload_choices(catalogue)
        self.mine = QCheckBox("&Mes fiches")
        self.mine.setAccessibleName("Afficher seulement mes fiches")
        self.late = QCheckBox("En retard seu&lement")
        self.late.setAccessibleName("Afficher seulement les fiches en retard")
        self.count = QLabel()
        self.count.setAccessibleName("Nombre de fiches affichées")

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Arborescence des plans et des fiches")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tree.expandToDepth(0)

        search_label = QLabel("&Rechercher :")
        search_label.setBuddy(self.search)
        filters = QGridLayout()
        filters.addWidget(self.plan, 0, 0)
        filters.addWidget(self.status, 0, 1)
        filters.addWidget(self.pilote, 1, 0)
        filters.addWidget(self.year, 1, 1)
        filters.addWidget(self.mine, 2, 0)
        filters.addWidget(self.late, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.apply_filters)
        self.search.returnPressed.connect(self.open_first_match)
        self.search.installEventFilter(self)
        for combo in (self.plan, self.status, self.pilote, self.year):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.mine.toggled.connect(self.apply_filters)
        self.late.toggled.connect(self.apply_filters)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._current_changed)
        # The count follows the tree whatever changes it (a filter, or an edit that takes a fiche out of
        # the filtered tree): recounted once per burst of row changes, back in the event loop.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._update_count)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(lambda *_: self._count_timer.start())
        for signal in (self.proxy.layoutChanged, self.proxy.modelReset):
            signal.connect(lambda *_: self._count_timer.start())
        self._update_count()

    def reload_choices(self, catalogue: Catalogue) -> None:
        """Fill the plan, pilote and year filters from the catalogue (again after a plan change)."""
        pilotes = sorted({name for action in catalogue.all_actions() for name in action.pilotage}, key=str.casefold)
        years = sorted({y for plan in catalogue.plans for y in plan.years})
        for combo, choices in (
            (self.plan, [("Tous les plans", "")] + [(f"{plan.code} — {plan.title}{' (clos)' if plan.closed else ''}",
                                                      plan.code) for plan in catalogue.plans]),
            (self.pilote, [("Tous les pilotes", "")] + [(name, name) for name in pilotes]),
            (self.year, [("Toutes les années", None)] + [(str(y), y) for y in years]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in choices:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def set_referent_name(self, name: str) -> None:
        changed = name != self.referent_name
        self.referent_name = name
        self.mine.setEnabled(bool(name))
        self.mine.setToolTip("" if name else "Indiquez le référent de ce poste dans Outils › Paramètres")
        if not name and self.mine.isChecked():
            self.mine.setChecked(False)  # a greyed-out, checked box would filter on nobody: toggled re-filters
        elif changed and self.mine.isChecked():
            self.apply_filters()

    def criteria(self) -> Criteria:
        return Criteria(
            text=self.search.text(), plan=self.plan.currentData() or "", status=self.status.currentData() or "",
            referent=self.referent_name if self.mine.isChecked() else "", pilote=self.pilote.currentData() or "",
            late_only=self.late.isChecked(), year=self.year.currentData(), show_closed=self.show_closed,
        )

    def apply_filters(self) -> None:
        criteria = self.criteria()
        self.proxy.set_criteria(criteria)
        shown = self._update_count()
        if criteria.active():
            if shown <= EXPAND_ALL_LIMIT:
                self.tree.expandAll()  # every matching fiche in sight
            else:
                self.tree.expandToDepth(1)  # a broad match: expanding thousands of rows would lag the typing

    def open_first_match(self) -> None:
        """Entrée in the search field opens the first fiche found and puts the focus in the list."""
        found = self.visible_action_ids()
        if found:
            self.select_action(found[0])
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """↓ in the search field moves into the results, as in a browser's search box."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:  # type: ignore[attr-defined]
            if not self.tree.currentIndex().isValid():
                found = self.visible_action_ids()
                if found:
                    self.select_action(found[0])
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def visible_action_ids(self) -> list[int]:
        return self.proxy.visible_action_ids()

    def select_action(self, action_id: int) -> None:
        source = self.model.fiche_index(action_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self.tree.scrollTo(index)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def _current_changed(self, current: QModelIndex, *_: object) -> None:
        if current.isValid():
            first = current.siblingAtColumn(0)
            if first.data(KIND_ROLE) == KIND_FICHE:
                self.action_selected.emit(int(first.data(ACTION_ID_ROLE)))

    def _update_count(self) -> int:
        shown = len(self.visible_action_ids())
        self.count.setText(f"{shown} fiche{'s' if shown > 1 else ''} affichée{'s' if shown > 1 else ''}")
        return shown


def _combo(accessible_name: str, choices: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setToolTip(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    for text, data in choices:
        combo.addItem(text, data)
    return combo
