"""Left panel: search field, filters (plan, statut, pilote, référent, année, Mes fiches, en retard) and the
tree (fiche, statut, référent)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.organisations import organisations
from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.core.text import fold
from sdus_desktop.ui.navigation.catalogue import Catalogue
from sdus_desktop.ui.navigation.navigation import (
    ACTION_ID_ROLE,
    KIND_FICHE,
    KIND_ROLE,
    NO_REFERENT,
    REFERENT_COLUMN,
    STATUS_COLUMN,
    Criteria,
    NavigationFilter,
    NavigationModel,
)

EXPAND_ALL_LIMIT = 300
REFERENT_COLUMN_MIN_TREE_WIDTH = 460  # narrower, the Référent column waits to be asked for: titles first


class NavigationPanel(QWidget):
    action_selected = Signal(int)

    def __init__(self, model: NavigationModel, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.referent_name = ""
        self.show_closed = False  # Affichage › Afficher les plans clos (ui.plans_dialog)
        self.user_name = ""
        self._quiet = False
        self.shown_id: int | None = None  # the fiche on the right: highlighted whenever the tree lists it
        self._expanded: set[tuple[int, ...]] | None = None  # the tree's own expansion, kept while filtering
        self.proxy = NavigationFilter(model, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher (titre, pilote, partenaire, étape, indicateur…)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher une fiche")
        self.plan = _combo("Filtrer par plan", [])
        self.status = _combo("Filtrer par statut", [("Tous les statuts", "")] +
                             [(f"{s.symbol} {s.label}", s.value) for s in ActionStatus])
        self.pilote = _combo("Filtrer par pilote", [])
        self.year = _combo("Filtrer par année du calendrier", [])
        self.referent = _combo("Filtrer par référent", [])
        self.reload_choices(catalogue)
        self.reload_referents()
        model.referents_changed.connect(self.reload_referents)
        self.mine = QCheckBox("&Mes fiches")
        self.mine.setAccessibleName("Afficher seulement mes fiches")
        self.late = QCheckBox("En retard seu&lement")
        self.late.setAccessibleName("Afficher seulement les fiches en retard")
        self.count = QLabel()
        self.count.setAccessibleName("Nombre de fiches affichées")
        self.count.setWordWrap(True)  # a long note never widens the panel (nor the window)
        self.empty_reason = QLabel()
        self.empty_reason.setWordWrap(True)
        self.empty_reason.setAccessibleName("Aucune fiche ne correspond")
        self.reset_button = QPushButton("Réinitialiser les filtres")
        self.reset_button.setAccessibleName("Réinitialiser la recherche et les filtres")
        self.reset_button.clicked.connect(self.reset_filters)
        self.empty_box = QWidget()
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.setContentsMargins(4, 8, 4, 8)
        empty_layout.addWidget(self.empty_reason)
        empty_layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.empty_box.hide()

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Arborescence des plans et des fiches")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setSectionResizeMode(REFERENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.tree.viewport().installEventFilter(self)  # Statut and Référent never take more than 40 % and 25 %
        self.tree.expandToDepth(0)
        # Affichage › Colonne « Référent » (also on the header's context menu). Until the person chooses, it
        # shows when the tree is wide enough for it and the titles (not on a 1024-pixel screen).
        self._referent_column_chosen: bool | None = None
        self.referent_column_action = QAction("Colo&nne « Référent » dans l'arborescence", self)
        self.referent_column_action.setCheckable(True)
        self.referent_column_action.triggered.connect(self.show_referent_column)
        self.tree.header().setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.header().addAction(self.referent_column_action)

        search_label = QLabel("&Rechercher :")
        search_label.setBuddy(self.search)
        filters = QGridLayout()
        filters.addWidget(self.plan, 0, 0)
        filters.addWidget(self.status, 0, 1)
        filters.addWidget(self.pilote, 1, 0)
        filters.addWidget(self.referent, 1, 1)
        filters.addWidget(self.year, 2, 0)
        filters.addWidget(self.late, 2, 1)
        search_row = QHBoxLayout()  # « Mes fiches » beside the search label: no extra row on a small screen
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(search_label)
        search_row.addStretch(1)
        search_row.addWidget(self.mine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(search_row)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_box, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.apply_filters)
        self.search.returnPressed.connect(self.open_first_match)
        self.search.installEventFilter(self)
        for combo in (self.plan, self.status, self.pilote, self.year, self.referent):
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
        pilotes = sorted(organisations(item for action in catalogue.all_actions() for item in action.pilotage),
                         key=fold)
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

    def show_referent_column(self, shown: bool) -> None:
        """The person's choice (Affichage menu): kept whatever the width of the tree."""
        self._referent_column_chosen = shown
        self._place_referent_column()
        self.fit_columns()

    def _place_referent_column(self) -> None:
        shown = self._referent_column_chosen
        if shown is None:
            shown = self.tree.viewport().width() >= REFERENT_COLUMN_MIN_TREE_WIDTH
        if self.tree.isColumnHidden(REFERENT_COLUMN) == shown:
            self.tree.setColumnHidden(REFERENT_COLUMN, not shown)
        self.referent_column_action.setChecked(shown)  # (setChecked does not trigger)

    def reload_referents(self) -> None:
        """The Référent filter's choices: every person named référent of a fiche (kept chosen while they
        still are; a person no longer named anywhere falls back to « Tous les référents », re-filtering)."""
        choices: list[tuple[str, object]] = [("Tous les référents", None), ("Sans référent", NO_REFERENT)]
        choices += [(name, person_id) for person_id, name in self.model.referents()]
        combo = self.referent
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)
        if current is not None and found < 0:
            self.apply_filters()

    def set_referent_name(self, name: str, user_name: str | None = None) -> None:
        """This workstation's référent or organisation (and the user's name): « Mes fiches » looks for both
        among the référents and the pilotes of each fiche."""
        if user_name is not None:
            changed_user = user_name != self.user_name
            self.user_name = user_name
        else:
            changed_user = False
        changed = name != self.referent_name or changed_user
        self.referent_name = name
        has_names = bool(self.my_names())
        self.mine.setEnabled(has_names)
        self.mine.setToolTip(f"Fiches dont {' ou '.join(self.my_names())} est référent ou pilote" if has_names
                             else "Indiquez votre nom ou votre organisation dans Outils › Paramètres")
        if not has_names and self.mine.isChecked():
            self.mine.setChecked(False)  # a greyed-out, checked box would filter on nobody: toggled re-filters
        elif changed and self.mine.isChecked():
            self.apply_filters()

    def my_names(self) -> list[str]:
        names: list[str] = []
        for name in (self.user_name, self.referent_name):
            if name.strip() and fold(name) not in [fold(n) for n in names]:
                names.append(name.strip())
        return names

    def criteria(self) -> Criteria:
        return Criteria(
            text=self.search.text(), plan=self.plan.currentData() or "", status=self.status.currentData() or "",
            mine=self.my_names() if self.mine.isChecked() else [], pilote=self.pilote.currentData() or "",
            referent_id=self.referent.currentData(),
            late_only=self.late.isChecked(), year=self.year.currentData(), show_closed=self.show_closed,
        )

    def apply_filters(self) -> None:
        criteria = self.criteria()
        was_filtered = self.proxy.criteria.active()
        if not was_filtered and criteria.active():
            self._expanded = self._expansion()  # the person's own unfolding, put back once filters are cleared
        current = self.shown_id
        self.proxy.set_criteria(criteria)
        shown = self._update_count()
        self.fit_columns()
        if criteria.active():
            if shown <= EXPAND_ALL_LIMIT:
                self.tree.expandAll()  # every matching fiche in sight
            else:
                self.tree.expandToDepth(1)  # a broad match: expanding thousands of rows would lag the typing
        elif self._expanded is not None:
            self._restore_expansion(self._expanded)
            self._expanded = None
        if current is not None:
            self.select_action(current, quiet=True)  # the fiche shown stays highlighted when it is listed
        self._show_empty(shown, criteria)

    def reset_filters(self) -> None:
        """Back to the whole tree: no search, no filter (one refilter)."""
        widgets = (self.search, self.plan, self.status, self.pilote, self.year, self.referent, self.mine, self.late)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.plan, self.status, self.pilote, self.year, self.referent):
                combo.setCurrentIndex(0)
            self.mine.setChecked(False)
            self.late.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.apply_filters()
        self.search.setFocus()

    def _show_empty(self, shown: int, criteria: Criteria) -> None:
        empty = shown == 0 and criteria.active()
        if empty:
            reasons = []
            if criteria.text.strip():
                reasons.append(f"la recherche « {criteria.text.strip()} »")
            if criteria.plan:
                reasons.append(f"le plan {criteria.plan}")
            if criteria.status:
                reasons.append(f"le statut « {self.status.currentText()} »")
            if criteria.pilote:
                reasons.append(f"le pilote « {self.pilote.currentText()} »")
            if criteria.referent_id == NO_REFERENT:
                reasons.append("« Sans référent »")
            elif criteria.referent_id is not None:
                reasons.append(f"le référent « {self.referent.currentText()} »")
            if criteria.year:
                reasons.append(f"l'année {criteria.year}")
            if criteria.mine:
                reasons.append(f"« Mes fiches » ({' ou '.join(criteria.mine)} comme référent ou pilote)")
            if criteria.late_only:
                reasons.append("« En retard seulement »")
            self.empty_reason.setText("Aucune fiche ne correspond à " + " et ".join(reasons) + ".\n\n"
                                      "Modifiez la recherche ou les filtres, ou réinitialisez-les pour revoir "
                                      "toutes les fiches.")
        self.empty_box.setVisible(empty)
        self.tree.setVisible(not empty)

    def _expansion(self) -> set[tuple[int, ...]]:
        """Expanded rows of the unfiltered tree, as row paths in the source model."""
        expanded: set[tuple[int, ...]] = set()

        def walk(parent: QModelIndex, path: tuple[int, ...]) -> None:
            for row in range(self.model.rowCount(parent)):
                source = self.model.index(row, 0, parent)
                if self.tree.isExpanded(self.proxy.mapFromSource(source)):
                    expanded.add((*path, row))
                    walk(source, (*path, row))

        walk(QModelIndex(), ())
        return expanded

    def _restore_expansion(self, expanded: set[tuple[int, ...]]) -> None:
        self.tree.collapseAll()
        for path in sorted(expanded, key=len):
            source = QModelIndex()
            for row in path:
                source = self.model.index(row, 0, source)
            self.tree.setExpanded(self.proxy.mapFromSource(source), True)

    def current_action_id(self) -> int | None:
        current = self.tree.currentIndex().siblingAtColumn(0)
        if current.isValid() and current.data(KIND_ROLE) == KIND_FICHE:
            return int(current.data(ACTION_ID_ROLE))
        return None

    def open_first_match(self) -> None:
        """Entrée in the search field opens the first fiche found and puts the focus in the list."""
        found = self.visible_action_ids()
        if found:
            self.select_action(found[0])
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def fit_columns(self) -> None:
        """Statut and Référent as wide as their texts but at most 35 % and 22 % of the tree: on a small screen
        the titles stay readable (a cut status keeps its symbol, first; cut names end in « … », the whole list
        is in the tooltip)."""
        width = self.tree.viewport().width()
        header = self.tree.header()
        for column, share in ((STATUS_COLUMN, 0.35), (REFERENT_COLUMN, 0.22)):
            wanted = max(self.tree.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(wanted, int(width * share)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """↓ in the search field moves into the results, as in a browser's search box."""
        if watched is self.tree.viewport() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place_referent_column()
            self.fit_columns()
            return False
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

    def select_action(self, action_id: int | None, quiet: bool = False) -> bool:
        """Highlight this fiche in the tree. When the filters hide it, nothing stays highlighted (the tree
        never points at another fiche than the one shown). `quiet`: without opening it again."""
        if not quiet:
            self.shown_id = action_id
            self._count_timer.start()
        index = QModelIndex()
        if action_id is not None:
            index = self.proxy.mapFromSource(self.model.fiche_index(action_id))
        selection = self.tree.selectionModel()
        self._quiet = quiet
        try:
            if not index.isValid():
                selection.clear()  # clears the current index as well
                return False
            self.tree.scrollTo(index)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        return True

    def _current_changed(self, current: QModelIndex, *_: object) -> None:
        if current.isValid() and not self._quiet:
            first = current.siblingAtColumn(0)
            if first.data(KIND_ROLE) == KIND_FICHE:
                self.action_selected.emit(int(first.data(ACTION_ID_ROLE)))

    def _update_count(self) -> int:
        visible = self.visible_action_ids()
        shown = len(visible)
        text = f"{shown} fiche{'s' if shown > 1 else ''} affichée{'s' if shown > 1 else ''}"
        if self.shown_id is not None and self.shown_id not in visible:
            text += " · la fiche ouverte est masquée par la recherche ou les filtres"
        self.count.setText(text)
        return shown


def _combo(accessible_name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setToolTip(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    for text, data in choices:
        combo.addItem(text, data)
    return combo
