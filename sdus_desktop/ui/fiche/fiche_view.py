"""Centre of the window: the selected fiche, its header and five tabs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from sdus_desktop.core import labels
from sdus_desktop.store.database import Database
from sdus_desktop.store.period_locks import locks_at
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import plain_label, plain_tooltip, readable_tabs
from sdus_desktop.ui.fiche.history import HistoryTab
from sdus_desktop.ui.fiche.tab_document import DocumentTab
from sdus_desktop.ui.fiche.tab_indicators import IndicatorsTab
from sdus_desktop.ui.fiche.tab_notes import NotesTab
from sdus_desktop.ui.fiche.tab_steps import StepsTab
from sdus_desktop.ui.fiche.tab_suivi import SuiviTab
from sdus_desktop.ui.navigation.catalogue import Catalogue, is_late
from sdus_desktop.ui.navigation.navigation import status_text

TAB_TITLES = ("Fi&che", "&Suivi", "É&tapes", "I&ndicateurs", "&Historique", "Notes de suivi")  # notes: Alt+6


class ElidedLabel(QLabel):
    """Plain text on at most `lines` lines, cut with « … » when longer (the whole text in the tooltip): a long
    fiche title leaves room for the tabs on a 1024×600 screen."""

    def __init__(self, text: str = "", lines: int = 2) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.lines = lines
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleDescription(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _fits(self, text: str, width: int) -> bool:
        flags = int(Qt.TextFlag.TextWordWrap)
        height = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
        return height <= self.fontMetrics().lineSpacing() * self.lines + 2

    def _elide(self) -> None:
        width = max(50, self.contentsRect().width())
        text = self._full
        if not self._fits(text, width):
            low, high = 0, len(text)
            while low < high:  # the longest beginning that fits with « … »
                middle = (low + high + 1) // 2
                if self._fits(text[:middle].rstrip() + "…", width):
                    low = middle
                else:
                    high = middle - 1
            text = text[:low].rstrip() + "…"
        super().setText(text)


class FicheView(QWidget):
    def __init__(self, db: Database, catalogue: Catalogue, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.db = db
        self.action_id: int | None = None
        self.today = date.today()
        self.grace_days = 0
        self.central = False
        self.breadcrumb = ElidedLabel(lines=1)
        self.breadcrumb.setStyleSheet("color: #4a4a4a;")
        self.title = ElidedLabel("Choisissez une fiche dans l'arborescence à gauche (ou tapez un mot dans la "
                                 "recherche).", lines=2)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setText(self.title.full_text())  # elided with its own font
        self.status = plain_label()
        self.status.setAccessibleName("Statut de la fiche")
        self.status.setWordWrap(True)

        self.document = DocumentTab(editor)
        self.suivi = SuiviTab(editor)
        self.steps = StepsTab(editor)
        self.indicators = IndicatorsTab(editor)
        self.history = HistoryTab(db)
        self.notes = NotesTab(db, editor)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onglets de la fiche")
        readable_tabs(self.tabs)
        for widget, title in zip((self.document, self.suivi, self.steps, self.indicators, self.history,
                                  self.notes),
                                 TAB_TITLES, strict=True):
            self.tabs.addTab(widget, title)
        self.tabs.setEnabled(False)
        self.tabs.currentChanged.connect(lambda _: self._load_lazy_tabs())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

    def configure(self, today: date, grace_days: int, central: bool) -> None:
        self.today, self.grace_days, self.central = today, grace_days, central
        self.document.set_editable(central)
        self.notes.configure(today, central)

    def show_action(self, action_id: int | None) -> None:
        if action_id != self.action_id:
            self.commit_pending()
        self.action_id = action_id
        if action_id is None or action_id not in self.catalogue.actions:
            self.tabs.setEnabled(False)
            return
        action = self.catalogue.actions[action_id]
        plan = self.catalogue.plan_of[action_id]
        orientation = self.catalogue.orientation_of[action_id]
        axe = self.catalogue.axe_of[action_id]
        name = "Fiche action" if plan.code == "SDUS" else "Action"
        self.breadcrumb.setText(f"{plan.code} › {labels.group_heading(plan.level1_label, orientation.number, orientation.title)}"
                                f" › {axe.label} · {axe.title}")
        self.title.setText(f"{name} n° {action.number} — {action.title}")
        self.status.setText(f"Statut : {status_text(action, is_late(action, self.today, self.grace_days))}"
                            f" — avancement {action.avancement} %")
        self.tabs.setEnabled(True)
        self.document.show_action(action)
        self.suivi.show_action(action)
        locks = locks_at(self.db.path)   # what validated comités locked: shown, not editable outside central mode
        self.steps.show_action(action, self.today, self.grace_days, self.central, locks)
        self.indicators.show_action(action, plan.years, self.central, plan.code, locks, self.today)
        self._history_for: int | None = None
        self._notes_for: int | None = None
        self._load_lazy_tabs()

    def _load_lazy_tabs(self) -> None:
        """Historique and Notes de suivi are read when shown (each is a query of its own)."""
        self._load_history()
        if self.action_id is not None and self.tabs.currentWidget() is self.notes \
                and getattr(self, "_notes_for", None) != self.action_id:
            self._notes_for = self.action_id
            self.notes.show_action(self.action_id)

    def _load_history(self) -> None:
        if self.action_id is None or self.tabs.currentWidget() is not self.history:
            return
        if getattr(self, "_history_for", None) == self.action_id:
            return
        self._history_for = self.action_id
        self.history.show_action(self.catalogue.actions[self.action_id])

    def commit_pending(self) -> None:
        """Save what is being typed (leaving a fiche, closing the window)."""
        if self.action_id is None:
            return
        self.document.commit_pending()
        self.suivi.commit_pending()
        self.indicators.commit_pending()
