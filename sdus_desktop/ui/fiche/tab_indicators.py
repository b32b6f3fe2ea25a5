"""« Indicateurs » tab: values per period (validated by kind), a comment per value, extra periods; beneath, the
targets per year (« Cibles par année », typed in central mode) and the chart of the selected indicator."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.period_lock import LOCK_SYMBOL, CellKey, Lock
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.delegates import CommitDelegate
from sdus_desktop.ui.common.flow_layout import flow_row
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import ColumnStretcher, CommitLineEdit, setup_editable_table
from sdus_desktop.ui.fiche.indicator_chart import IndicatorChart
from sdus_desktop.ui.fiche.indicators_model import COMMENT_MARK, COMMENT_ROLE, FIXED, IndicatorGridModel
from sdus_desktop.ui.fiche.targets_model import TargetGridModel

LABEL_MINIMUM = 180  # the « Indicateur » column: below this the table scrolls instead of crushing it
CELL_PADDING = 14    # a cell's margins and grid line around its widest text
WIDEST_VALUE = "Non ✎"   # a period column fits a value with its comment mark (a longer one wraps)
TARGETS_HELP = {
    True: "Tapez la cible de l'année (40 ; un pourcentage au plus 100) ; videz la cellule pour la retirer. "
          "(En italique) : tirée du libellé de la cible.",
    False: "Cibles fixées par l'équipe centrale (lecture seule). (En italique) : tirée du libellé de la cible.",
}


class IndicatorsTab(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.action: Action | None = None
        self.plan_code = ""
        self.extra_periods: dict[int, set[str]] = {}
        self.today = date.today()
        self.model = IndicatorGridModel(editor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_editable_table(self.table, "Valeurs des indicateurs par période")
        self.table.setItemDelegate(CommitDelegate(self.table))
        self.stretcher = ColumnStretcher(self.table, {1: LABEL_MINIMUM})
        self.setFocusProxy(self.table)  # Alt+4, or clicking the tab, puts the keyboard in the table
        self.table.viewport().installEventFilter(self)   # resized: the current year is brought into view

        self.targets = TargetGridModel(editor, self)
        self.targets_table = QTableView()
        self.targets_table.setModel(self.targets)
        setup_editable_table(self.targets_table, "Cibles par année des indicateurs")
        self.targets_table.setItemDelegate(CommitDelegate(self.targets_table))
        self.targets_table.setWordWrap(False)  # one line per indicator: the values table above shows the wording
        self.targets_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.targets_table.verticalHeader().setDefaultSectionSize(self.targets_table.fontMetrics().height() + 10)
        self.targets_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.targets_stretcher = ColumnStretcher(self.targets_table, {1: 140})
        self.targets_label = QLabel("Ci&bles par année :")
        self.targets_label.setBuddy(self.targets_table)
        self.targets_help = QLabel(TARGETS_HELP[False])
        self.targets_help.setWordWrap(True)
        self.targets_help.setStyleSheet("color: #4a4a4a;")
        self.chart = IndicatorChart()

        self.comment_label = QLabel("Commentaire de la valeur :")
        self.comment = CommitLineEdit("Commentaire de la valeur sélectionnée")
        self.comment.setPlaceholderText("Sélectionnez une valeur dans le tableau")
        self.comment_label.setBuddy(self.comment)
        self.comment.committed.connect(self._comment_committed)
        legend = QLabel(f"Tapez une valeur dans la colonne de l'année (nombre : 12 ou 12,5 ; pourcentage : 45 ; "
                        f"oui/non : oui ou non). {COMMENT_MARK.strip()} : la valeur a un commentaire. "
                        f"{LOCK_SYMBOL} : valeur arrêtée par un comité validé (son commentaire reste ouvert).")
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #4a4a4a;")

        self.period_button = QPushButton("Ajouter une &période…")
        self.period_button.setAccessibleName("Ajouter une période (année ou trimestre)")
        self.period_button.clicked.connect(self.ask_period)
        self.add_button = QPushButton("Ajouter un indicat&eur…")
        self.add_button.setAccessibleName("Ajouter un indicateur")
        self.add_button.clicked.connect(self.add_indicator)
        self.remove_button = QPushButton("Supprimer l'indicateur")
        self.remove_button.setAccessibleName("Supprimer l'indicateur sélectionné")
        self.remove_button.clicked.connect(self.remove_selected)

        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_label)
        comment_row.addWidget(self.comment, 1)
        buttons = flow_row(self.period_button, self.add_button, self.remove_button)  # wraps on small screens
        values = QWidget()
        values_layout = QVBoxLayout(values)
        values_layout.setContentsMargins(0, 0, 0, 0)
        values_layout.addWidget(self.table, 1)
        values_layout.addLayout(comment_row)
        values_layout.addWidget(legend)
        targets = QWidget()
        targets_layout = QVBoxLayout(targets)
        targets_layout.setContentsMargins(0, 0, 0, 0)
        targets_layout.addWidget(self.targets_label)
        targets_layout.addWidget(self.targets_table, 1)
        targets_layout.addWidget(self.targets_help)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(targets)
        chart_area = QScrollArea()  # on a small screen the chart and its text scroll rather than overlap
        chart_area.setWidget(self.chart)
        chart_area.setWidgetResizable(True)
        chart_area.setFrameShape(QFrame.Shape.NoFrame)
        chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lower.addWidget(chart_area)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(values)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self.table.selectionModel().currentChanged.connect(self._cell_changed)
        self.table.selectionModel().currentChanged.connect(lambda current, _: self._chart_row(current.row()))
        self.targets_table.selectionModel().currentChanged.connect(lambda current, _: self._chart_row(current.row()))

    def show_action(self, action: Action, plan_years: list[int], central: bool, plan_code: str = "",
                    locks: dict[CellKey, Lock] | None = None, today: date | None = None) -> None:
        current = self.table.currentIndex()
        self.today = today or self.today
        self.action = action
        self.plan_code = plan_code
        self.model.set_indicators(action.indicators, plan_years, self.extra_periods.get(action.id, set()), central,
                                  locks)
        self.add_button.setVisible(central)
        self.remove_button.setVisible(central)
        self._size_columns(action)
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._cell_changed(self.table.currentIndex())
        self._show_targets(action, plan_years, central)

    def _size_columns(self, action: Action) -> None:
        """Columns as wide as their content, so that on a small screen (1024×600) the years show: an empty
        Cible column is no wider than its header, a period as wide as « 2024 » or a value with its ✎."""
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(0, metrics.horizontalAdvance("99") + CELL_PADDING)
        self.table.setColumnWidth(2, metrics.horizontalAdvance("Oui/Non") + CELL_PADDING)
        targets = any(indicator.target for indicator in action.indicators)
        self.table.setColumnWidth(3, 110 if targets else metrics.horizontalAdvance("Cible") + CELL_PADDING)
        value_width = metrics.horizontalAdvance(WIDEST_VALUE)
        for column in range(len(FIXED), self.model.columnCount()):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(value_width, metrics.horizontalAdvance(header)) + CELL_PADDING)
        self.show_current_year()

    def current_year_column(self) -> int | None:
        """The column of this year's values (what référents fill now), or None when the plan has no such year."""
        year = str(self.today.year)
        return next((len(FIXED) + i for i, period in enumerate(self.model.periods) if period == year), None)

    def show_current_year(self) -> None:
        """Scroll the table just enough for this year's column to be in view (the years before it scroll off
        first on a narrow table; the labels stay when it fits)."""
        column = self.current_year_column()
        if column is None:
            return
        header = self.table.horizontalHeader()
        right = header.sectionPosition(column) + header.sectionSize(column)
        bar = self.table.horizontalScrollBar()
        if right - bar.value() > self.table.viewport().width() or header.sectionPosition(column) < bar.value():
            bar.setValue(max(0, right - self.table.viewport().width()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.show_current_year()
        return super().eventFilter(watched, event)

    def _show_targets(self, action: Action, plan_years: list[int], central: bool) -> None:
        current = self.targets_table.currentIndex()
        self.targets.set_indicators(self.plan_code, action.number, action.indicators, plan_years, central)
        self.targets_help.setText(TARGETS_HELP[central])
        self.targets_table.setColumnWidth(0, 34)
        for column in range(2, self.targets.columnCount()):
            self.targets_table.setColumnWidth(column, 78)
        if current.isValid() and current.row() < self.targets.rowCount():
            self.targets_table.setCurrentIndex(self.targets.index(current.row(), current.column()))
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else current.row()
        self._chart_row(row if 0 <= row < self.targets.rowCount() else (0 if self.targets.rowCount() else -1))

    def _chart_row(self, row: int) -> None:
        """The chart follows the indicator of the current row (values or targets table)."""
        if not 0 <= row < len(self.targets.indicators):
            self.chart.show_series(None)
            return
        indicator = self.targets.indicators[row]
        self.chart.show_series(self.targets.series[row], indicator.label, indicator.kind)

    def ask_period(self) -> None:
        raw = messages.ask_text(self, "Nouvelle période", "Période à ajouter (une année comme 2024, ou 2024-T2) :")
        if raw:
            self.add_period(raw)

    def add_period(self, raw: str) -> str | None:
        try:
            period = self.model.add_period(raw)
        except ValueError as error:
            messages.warn(self, "Période refusée", f"{error}.\n\nExemples : 2024, 2024-T2.")
            return None
        if self.action is not None:
            self.extra_periods.setdefault(self.action.id, set()).add(period)
        return period

    def add_indicator(self) -> None:
        if self.action is None:
            return
        label = messages.ask_text(self, "Nouvel indicateur", "Libellé du nouvel indicateur :")
        if label:
            action_id = self.action.id
            from sdus_desktop.ops import edits  # the write side loads with the first edit
            self.editor.run(lambda services: edits.add_indicator(services, action_id, label), "ajout d'un indicateur")

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        indicator = self.model.indicators[index.row()]
        if messages.confirm(self, "Supprimer l'indicateur",
                            f"Supprimer l'indicateur {indicator.number} « {indicator.label} » et ses valeurs ? "
                            "(Ctrl+Z pour annuler)"):
            from sdus_desktop.ops import edits  # the write side loads with the first edit
            self.editor.run(lambda services: edits.remove_indicator(services, indicator.id),
                            "suppression d'un indicateur")

    def _cell_changed(self, current: QModelIndex, *_: object) -> None:
        period = self.model.period_of(current.column()) if current.isValid() else None
        self.comment.setEnabled(period is not None)
        if period is None:
            self.comment_label.setText("Commentaire de la valeur :")
            self.comment.set_value("")
            return
        indicator = self.model.indicators[current.row()]
        self.comment_label.setText(f"Commentaire (indicateur {indicator.number}, {period}) :")
        self.comment.set_value(current.data(COMMENT_ROLE) or "")

    def _comment_committed(self, text: str) -> None:
        index = self.table.currentIndex()
        if index.isValid() and self.model.period_of(index.column()) is not None:
            self.model.setData(index, text, COMMENT_ROLE)

    def commit_pending(self) -> None:
        self.comment.commit()
