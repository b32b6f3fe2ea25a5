"""« Calendrier des étapes » (Affichage, Ctrl+3): a Gantt of the étapes per axe and fiche — planned bar (outline),
actual bar (status colour), today's line, late steps in red with ⚠ and their delay in words (never colour alone).
Arrows move, Gauche/Droite fold, Entrée opens the fiche; « Imprimer en A3 (PDF)… » prints it (reports.timeline_pdf).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
)

from sdus_desktop.core.statuses import ACTION_STATUS_COLOURS, LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.store.timeline import (
    Bar,
    Timeline,
    TimelineFiche,
    TimelineStep,
    build_timeline,
    read_timeline_plans,
)
from sdus_desktop.ui.common.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

TITLE = "Calendrier des étapes"
NO_PARENT = QModelIndex()
ACTION_ROLE = Qt.ItemDataRole.UserRole
BAR_ROLE = Qt.ItemDataRole.UserRole + 1
LATE_RED = QColor("#c0392b")
TODAY_BLUE = QColor("#1d5b79")
STEP_COLOURS = {StepStatus.A_FAIRE: ActionStatus.NON_DEMARREE, StepStatus.EN_COURS: ActionStatus.EN_COURS,
                StepStatus.REALISEE: ActionStatus.REALISEE, StepStatus.ABANDONNEE: ActionStatus.ABANDONNEE}


class TimelineModel(QAbstractItemModel):
    """Axe → fiche → étape rows, texts made when a row is shown (thousands of étapes open at once); column 1
    holds the bars (drawn by BarDelegate) and, as text, what they say."""

    HEADERS = ("Fiche / étape", "Calendrier")

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        # node: (kind, payload, parent node, row in parent, children node ids); node 0 is the root
        self.nodes: list[tuple[str, Any, int, int, list[int]]] = [("root", None, -1, 0, [])]
        for group in timeline.groups:
            group_id = self._add("group", group, 0)
            for fiche in group.fiches:
                fiche_id = self._add("fiche", fiche, group_id)
                for step in fiche.steps:
                    self._add("step", step, fiche_id)

    def _add(self, kind: str, payload: Any, parent: int) -> int:
        siblings = self.nodes[parent][4]
        self.nodes.append((kind, payload, parent, len(siblings), []))
        siblings.append(len(self.nodes) - 1)
        return len(self.nodes) - 1

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> int:
        return int(index.internalId()) if index.isValid() else 0

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> QModelIndex:
        children = self.nodes[self._node(parent)][4]
        if not (0 <= row < len(children) and 0 <= column < 2):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.nodes[self._node(index)][2]
        if parent <= 0:
            return QModelIndex()
        return self.createIndex(self.nodes[parent][3], 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.nodes[self._node(parent)][4])

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, payload, _, _, _ = self.nodes[self._node(index)]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(kind, payload) if column == 0 else _bars_text(kind, payload)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{_text(kind, payload)}\n{_bars_text(kind, payload)}"
        if role == ACTION_ROLE and kind != "group":
            return payload.action_id
        if role == BAR_ROLE and column == 1:
            return payload
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and (
                (kind == "step" and payload.late) or (kind == "fiche" and payload.late_steps)):
            return LATE_RED
        if role == Qt.ItemDataRole.FontRole and kind == "group":
            font = QFont()
            font.setBold(True)
            return font
        return None


def _text(kind: str, payload: Any) -> str:
    if kind == "group":
        return str(payload.label)
    if kind == "fiche":
        late = f" — {LATE_SYMBOL} {payload.late_steps} étape(s) en retard" if payload.late_steps else ""
        return f"{payload.status.symbol} {payload.plan} {payload.number} — {payload.title}{late}"
    prefix = f"{LATE_SYMBOL} " if payload.late else ""
    return f"{prefix}{payload.status.symbol} {payload.number}. {' '.join(payload.label.split())}"


def _bars_text(kind: str, payload: Any) -> str:
    """The bars in words: what a screen reader says, and the tooltip."""
    if kind == "group":
        return f"{len(payload.fiches)} fiche(s)"
    if kind == "fiche":
        span = payload.span
        return f"de {span.start:%d/%m/%Y} à {span.end:%d/%m/%Y}" if span else "sans date"
    return str(payload.describe())


class BarDelegate(QStyledItemDelegate):
    """Paints the bars of column 1: years grid, planned outline, actual fill, ⚠ and delay, today's line."""

    def __init__(self, timeline: Timeline, parent: Any = None) -> None:
        super().__init__(parent)
        self.timeline = timeline

    def x(self, rect: QRect, day: date) -> float:
        return rect.left() + 4 + self.timeline.fraction(day) * (rect.width() - 60)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        payload = index.data(BAR_ROLE)
        rect = option.rect
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.highlight().color().lighter(170))
        painter.setPen(QPen(QColor("#dde3e7"), 1))
        for year in range(self.timeline.start.year, self.timeline.end.year + 2):
            x = self.x(rect, date(year, 1, 1)) if year <= self.timeline.end.year else self.x(rect, self.timeline.end)
            painter.drawLine(int(x), rect.top(), int(x), rect.bottom())
        if isinstance(payload, TimelineStep):
            self._step(painter, rect, payload)
        elif isinstance(payload, TimelineFiche) and payload.span:
            x0, x1 = self._span(rect, payload.span)
            painter.setPen(QPen(QColor("#1f2a30"), 2))
            painter.drawLine(int(x0), rect.center().y(), int(x1), rect.center().y())
        today = self.x(rect, self.timeline.today)
        painter.setPen(QPen(TODAY_BLUE, 1, Qt.PenStyle.DashLine))
        painter.drawLine(int(today), rect.top(), int(today), rect.bottom())
        painter.restore()

    def _span(self, rect: QRect, bar: Bar) -> tuple[float, float]:
        x0, x1 = self.x(rect, bar.start), self.x(rect, bar.end)
        return x0, max(x1, x0 + 3)

    def _step(self, painter: QPainter, rect: QRect, step: TimelineStep) -> None:
        top, height = rect.top() + 3, rect.height() - 6
        if step.planned:
            x0, x1 = self._span(rect, step.planned)
            painter.setPen(QPen(LATE_RED if step.late else QColor("#7a8a94"), 2 if step.late else 1))
            painter.setBrush(QColor("#fbe3df") if step.late else QColor("#eef1f4"))
            painter.drawRect(QRectF(x0, top, x1 - x0, height))
            if step.late:
                painter.setPen(LATE_RED)
                painter.drawText(QRectF(x1 + 3, rect.top(), 56, rect.height()), Qt.AlignmentFlag.AlignVCenter,
                                 f"{LATE_SYMBOL} {step.days_late} j")
        if step.actual:
            x0, x1 = self._span(rect, step.actual)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ACTION_STATUS_COLOURS[STEP_COLOURS[step.status]]))
            painter.drawRect(QRectF(x0, top + height * 0.25, x1 - x0, height * 0.5))


class TimelineTree(QTreeView):
    """Entrée (or a double click) on any row of a fiche opens the fiche."""

    def __init__(self, open_action: Any) -> None:
        super().__init__()
        self.open_action = open_action
        self.setAccessibleName(TITLE)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        action_id = index.siblingAtColumn(0).data(ACTION_ROLE)
        if action_id is not None:
            self.open_action(int(action_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)


class YearHeader(QHeaderView):
    """The column header of the bars shows the years at their place."""

    def __init__(self, delegate: BarDelegate) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.delegate = delegate

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        super().paintSection(painter, rect, logical)
        if logical != 1:
            return
        painter.save()
        painter.fillRect(rect.adjusted(1, 1, -1, -1), self.palette().button())
        timeline = self.delegate.timeline
        for year in range(timeline.start.year, timeline.end.year + 1):
            x0 = self.delegate.x(rect, date(year, 1, 1))
            x1 = self.delegate.x(rect, date(year, 12, 31))
            painter.drawText(QRectF(x0, rect.top(), x1 - x0, rect.height()), Qt.AlignmentFlag.AlignCenter, str(year))
        painter.restore()


class TimelineDialog(QDialog):
    def __init__(self, window: MainWindowWidget, scope: str | None = None) -> None:
        """scope: "SDUS", "SDSF", "" (both) or "visible"; by default the plan of the current fiche."""
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.selection = list(window.selected_action_ids() or [])
        self.scope = QComboBox()
        self.scope.setAccessibleName("Fiches du calendrier")
        for label, data in (("SDUS", "SDUS"), ("SDSF", "SDSF"), ("Les deux schémas", "")):
            self.scope.addItem(label, data)
        self.scope.addItem(f"Les fiches visibles dans la liste de gauche ({len(self.selection)})", "visible")
        wanted = scope if scope is not None else (window.current_plan_code() or "SDUS")
        self.scope.setCurrentIndex(max(0, self.scope.findData(wanted)))
        self.print_button = QPushButton("Imprimer en A&3 (PDF)…")
        self.print_button.setAccessibleName("Imprimer le calendrier en A3 paysage (PDF)")
        self.print_button.clicked.connect(self.print_pdf)
        self.tree = TimelineTree(self._open_action)
        legend = QLabel(f"Contour gris : période prévue · barre de couleur : réalisé ou en cours · {LATE_SYMBOL} "
                        f"rouge : en retard · tirets bleus : aujourd'hui. Entrée ouvre la fiche.")
        legend.setWordWrap(True)
        top = QHBoxLayout()
        scope_label = QLabel("&Fiches :")
        scope_label.setBuddy(self.scope)
        top.addWidget(scope_label)
        top.addWidget(self.scope, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(legend)
        layout.addWidget(self.tree, 1)
        self.scope.currentIndexChanged.connect(lambda _index: self.reload())
        resize_within_screen(self, 1100, 700)  # a 1024×600 laptop: « Imprimer en A3 » stays on screen
        self.reload()

    def _today(self) -> date:
        from sdus_desktop.ui.print.print_actions import _today

        return _today(self.window_)

    def _scope(self) -> tuple[str | None, list[int] | None]:
        data = self.scope.currentData()
        return (None, self.selection) if data == "visible" else (data or None, None)

    def reload(self) -> Timeline:
        plan_code, action_ids = self._scope()
        grace = int(self.window_.settings.value("lateness_grace_days") or 0)
        timeline = build_timeline(read_timeline_plans(self.window_.db.path), self._today(), grace, plan_code=plan_code,
                                  action_ids=action_ids)
        self.delegate = BarDelegate(timeline, self.tree)
        self.tree.setModel(TimelineModel(timeline))
        self.tree.setHeader(YearHeader(self.delegate))
        self.tree.setItemDelegateForColumn(1, self.delegate)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 420)
        self.tree.expandToDepth(0)
        first = self.tree.model().index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self.timeline = timeline
        return timeline

    def print_pdf(self) -> Any:
        from sdus_desktop.core.oserrors import describe_os_error
        from sdus_desktop.reports.timeline_pdf import write_timeline_pdf
        from sdus_desktop.ui.common import messages
        from sdus_desktop.ui.print.print_actions import open_document, print_folder

        plan_code, action_ids = self._scope()
        out = print_folder(self.window_) / f"calendrier-des-etapes-{plan_code or 'fiches'}-{self._today():%Y-%m-%d}.pdf"
        try:
            pages = write_timeline_pdf(self.window_.db, out, plan_code, today=self._today(), action_ids=action_ids,
                                       grace_days=int(self.window_.settings.value("lateness_grace_days") or 0))
        except OSError as error:
            messages.error(self, TITLE, f"Le calendrier n'a pas été imprimé : {describe_os_error(error, out)}.")
            return None
        except ValueError as error:
            messages.warn(self, TITLE, f"Calendrier non imprimé : {error}.")
            return None
        self.window_.show_status(f"Calendrier des étapes enregistré ({pages} page(s) A3) : {out}")
        open_document(out)
        return out

    def _open_action(self, action_id: int) -> None:
        self.window_.open_action(action_id)
        self.accept()


def open_timeline(window: MainWindowWidget) -> TimelineDialog:
    dialog = TimelineDialog(window)
    dialog.exec()
    return dialog
