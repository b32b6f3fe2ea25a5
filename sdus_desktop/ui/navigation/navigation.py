"""Navigation tree model (plan → orientation/thématique → axe → fiche) and its search/filter proxy."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from sdus_desktop.core import labels
from sdus_desktop.core.organisations import names_match, split_organisations
from sdus_desktop.core.search import Query, Searchable, parse_query, score
from sdus_desktop.core.statuses import LATE_LABEL, LATE_SYMBOL, ActionStatus
from sdus_desktop.core.text import fold
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.common.widgets import plain_tooltip
from sdus_desktop.ui.navigation.catalogue import Catalogue, calendar_years, is_late, searchable, short_title

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
LATE_ROLE = Qt.ItemDataRole.UserRole + 5
PLAN_ROLE = Qt.ItemDataRole.UserRole + 6
REFERENTS_ROLE = Qt.ItemDataRole.UserRole + 7
PILOTES_ROLE = Qt.ItemDataRole.UserRole + 8
YEARS_ROLE = Qt.ItemDataRole.UserRole + 9
CLOSED_ROLE = Qt.ItemDataRole.UserRole + 10
REFERENT_IDS_ROLE = Qt.ItemDataRole.UserRole + 11
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 12   # the fiche's Searchable, once built (NavigationModel.searchable)

NO_REFERENT = -1  # the référent filter's « Sans référent » (person ids are positive)

KIND_PLAN, KIND_ORIENTATION, KIND_AXE, KIND_FICHE = "plan", "orientation", "axe", "fiche"
COLUMNS = ("Plan, axe, fiche", "Statut", "Référent")
STATUS_COLUMN, REFERENT_COLUMN = 1, 2
NO_REFERENT_TEXT = "—"
_NOTHING = Searchable(0, "", "", "")
PREPARE_DELAY_MS, PREPARE_BATCH = 400, 100  # search texts: built after start-up, 100 fiches per turn


def status_text(action: Action, late: bool) -> str:
    status = ActionStatus(action.status)
    text = f"{status.symbol} {status.label}"
    return f"{text} · {LATE_SYMBOL} {LATE_LABEL.lower()}" if late else text


def referent_text(action: Action) -> str:
    """The Référent column: the names of the fiche's référents (alphabetical, accents ignored), « — » when
    it has none."""
    return ", ".join(sorted((person.name for person in action.referents), key=fold)) or NO_REFERENT_TEXT


def referent_choices(actions: Iterable[Action]) -> list[tuple[int, str]]:
    """(person id, name) of every person named référent of one of these fiches, by name (accents ignored)."""
    people = {person.id: person.name for action in actions for person in action.referents}
    return sorted(people.items(), key=lambda item: (fold(item[1]), item[0]))


class NavigationModel(QStandardItemModel):
    referents_changed = Signal()  # the set of référents named on fiches changed (the filter's choices follow)

    def __init__(self, catalogue: Catalogue, today: date, grace_days: int = 0, parent=None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.today = today
        self.grace_days = grace_days
        self._fiche_items: dict[int, tuple[QStandardItem, ...]] = {}
        self._searchables: dict[int, Searchable] = {}  # built after start-up, a batch at a time
        self._prepare = QTimer(self)
        self._prepare.setSingleShot(True)
        model = weakref.ref(self)   # not a bound slot: a model already collected (tests) is simply skipped

        def prepare() -> None:
            found = model()
            if found is not None:
                found._prepare_search()

        self._prepare.timeout.connect(prepare)
        self._referents: list[tuple[int, str]] = []
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.rebuild()

    def rebuild(self) -> None:
        self.removeRows(0, self.rowCount())
        self._fiche_items.clear()
        self._searchables.clear()
        bold = QFont()
        bold.setBold(True)
        for plan in self.catalogue.plans:
            closed = " — plan clos" if plan.closed else ""
            plan_item = _group(f"{plan.code} — {plan.title} ({plan.period_start}-{plan.period_end}){closed}",
                               KIND_PLAN, plan.code, bold)
            for orientation in plan.orientations:
                o_item = _group(labels.group_heading(plan.level1_label, orientation.number, orientation.title),
                                KIND_ORIENTATION, plan.code)
                for axe in orientation.axes:
                    axe_item = _group(f"{axe.label} · {axe.title}", KIND_AXE, plan.code)
                    for action_id in axe.action_ids:
                        items = tuple(QStandardItem() for _ in COLUMNS)
                        for item in items:
                            item.setEditable(False)
                            item.setData(KIND_FICHE, KIND_ROLE)
                            item.setData(action_id, ACTION_ID_ROLE)
                            item.setData(plan.closed, CLOSED_ROLE)
                        self._fiche_items[action_id] = items
                        self._fill(action_id)
                        axe_item[0].appendRow(list(items))
                    o_item[0].appendRow(list(axe_item))
                plan_item[0].appendRow(list(o_item))
            self.appendRow(list(plan_item))
            if plan.closed:
                _mark_closed(plan_item[0])
        self._check_referents()
        self._prepare.start(PREPARE_DELAY_MS)

    def _prepare_search(self) -> None:
        """The search texts of a batch of fiches, while nobody types: the first search needs none of them."""
        items, cache = self.__dict__.get("_fiche_items"), self.__dict__.get("_searchables")
        if items is None or cache is None:   # being destroyed
            return
        missing = [action_id for action_id in items if action_id not in cache]
        for action_id in missing[:PREPARE_BATCH]:
            self.searchable(action_id)
        if len(missing) > PREPARE_BATCH:
            self._prepare.start(0)

    def referents(self) -> list[tuple[int, str]]:
        """(person id, name) of the référents named on at least one fiche, by name."""
        return list(self._referents)

    def _check_referents(self) -> None:
        referents = referent_choices(self.catalogue.actions.values())
        if referents != self._referents:
            self._referents = referents
            self.referents_changed.emit()

    def refresh_actions(self, action_ids: set[int]) -> None:
        for action_id in action_ids:
            if action_id in self._fiche_items:
                self._fill(action_id)
        self._check_referents()

    def set_lateness(self, today: date, grace_days: int) -> None:
        if (today, grace_days) == (self.today, self.grace_days):
            return  # nothing to recompute (the settings were applied without changing either)
        self.today, self.grace_days = today, grace_days
        for action_id in self._fiche_items:
            self._fill(action_id)

    def fiche_index(self, action_id: int) -> QModelIndex:
        items = self._fiche_items.get(action_id)
        return items[0].index() if items else QModelIndex()

    def searchable(self, action_id: int) -> Searchable:
        """The fiche prepared for core.search (all its texts folded): computed when a search first needs it."""
        cache = self.__dict__.get("_searchables")
        if cache is None:  # a model being destroyed (Python's collector cleared its state first): no match
            return _NOTHING
        found = cache.get(action_id)
        if found is None:
            action = self.catalogue.actions[action_id]
            found = cache[action_id] = searchable(action, self.catalogue.plan_of[action_id].code)
            items = self._fiche_items.get(action_id)
            if items is not None:   # also on the item, where the filter reads it in one call while typing
                blocked = self.blockSignals(True)   # a role no view shows: nothing to repaint or refilter
                items[0].setData(found, SEARCH_ROLE)
                self.blockSignals(blocked)
        return found

    def _fill(self, action_id: int) -> None:
        self._searchables.pop(action_id, None)
        items = self._fiche_items.get(action_id)
        if items is not None:
            items[0].setData(None, SEARCH_ROLE)   # the fiche changed: its search text is built again when needed
        action = self.catalogue.actions[action_id]
        plan = self.catalogue.plan_of[action_id]
        late = is_late(action, self.today, self.grace_days)
        title_item, status_item, referent_item = self._fiche_items[action_id]
        name = "Fiche" if plan.code == "SDUS" else "Action"
        title_item.setText(f"{name} {action.number} · {short_title(action.title)}")
        names = referent_text(action)
        tip = f"{name} {action.number} — {action.title}\nRéférent : {names if action.referents else 'aucun'}"
        title_item.setToolTip(plain_tooltip(tip))  # also when the Référent column is hidden
        status_item.setText(status_text(action, late))
        status_item.setToolTip(plain_tooltip(status_text(action, late)))
        referent_item.setText(names)
        spoken = f"Référents : {names}" if action.referents else "Aucun référent"
        referent_item.setToolTip(plain_tooltip(spoken))
        referent_item.setData(spoken if not action.referents else names, Qt.ItemDataRole.AccessibleTextRole)
        values = {
            STATUS_ROLE: action.status,
            LATE_ROLE: late,
            PLAN_ROLE: plan.code,
            REFERENTS_ROLE: [person.name for person in action.referents],
            REFERENT_IDS_ROLE: [person.id for person in action.referents],
            PILOTES_ROLE: [org for item in action.pilotage for org in split_organisations(item)],
            YEARS_ROLE: sorted(calendar_years(action)),
        }
        for role, value in values.items():
            title_item.setData(value, role)


def _group(text: str, kind: str, plan_code: str, font: QFont | None = None) -> tuple[QStandardItem, ...]:
    item = QStandardItem(text)
    item.setToolTip(plain_tooltip(text))
    item.setEditable(False)
    item.setData(kind, KIND_ROLE)
    item.setData(plan_code, PLAN_ROLE)
    if font is not None:
        item.setFont(font)
    blanks = [QStandardItem("") for _ in COLUMNS[1:]]
    for blank in blanks:
        blank.setEditable(False)
        blank.setData(kind, KIND_ROLE)
    return (item, *blanks)


def _mark_closed(item: QStandardItem) -> None:
    item.setData(True, CLOSED_ROLE)
    for row in range(item.rowCount()):
        child = item.child(row, 0)
        if child is not None and child.data(KIND_ROLE) != KIND_FICHE:
            _mark_closed(child)


@dataclass
class Criteria:
    """What the user asked for above the tree; empty values mean "no restriction".

    `mine`: the names of this workstation's user (their name, their organisation); a fiche is theirs when
    one of them is a référent or a pilote (or co-pilote) of it. `referent`: one more such name (kept for
    callers that filter on a single référent). `referent_id`: the person chosen in the Référent filter
    (matched by id: two people with close names stay apart), or NO_REFERENT for fiches without one."""

    text: str = ""
    plan: str = ""
    status: str = ""
    referent: str = ""
    pilote: str = ""
    referent_id: int | None = None
    late_only: bool = False
    year: int | None = None
    show_closed: bool = False  # closed plans also show when searched or chosen in the plan filter
    mine: list[str] = field(default_factory=list)
    query: Query = field(default_factory=Query)

    def active(self) -> bool:
        return bool(self.query or self.text.strip() or self.plan or self.status or self.referent or self.pilote
                    or self.referent_id is not None or self.late_only or self.year or self.mine)


class NavigationFilter(QSortFilterProxyModel):
    """Shows the fiches matching every criterion, with their plan/orientation/axe ancestors. With a search,
    the best matches come first (a group goes up with its best fiche): Entrée opens the best one."""

    def __init__(self, model: NavigationModel, parent=None) -> None:
        super().__init__(parent)
        self.criteria = Criteria()
        self._scores: dict[tuple[int, ...], int] = {}
        self.navigation = model  # its searchable texts (sourceModel() may hand back a bare wrapper)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)
        self.setSourceModel(model)

    def _searchable(self, index: QModelIndex) -> Searchable:
        found = index.data(SEARCH_ROLE)
        return found if found is not None else self.navigation.searchable(int(index.data(ACTION_ID_ROLE)))

    def set_criteria(self, criteria: Criteria) -> None:
        criteria.query = parse_query(criteria.text)
        criteria.pilote = fold(criteria.pilote)
        criteria.mine = [name for name in criteria.mine if name.strip()]
        if criteria.referent.strip():
            criteria.mine = [*criteria.mine, criteria.referent]
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9: invalidateFilter() is deprecated
            self.beginFilterChange()
            self.criteria = criteria
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.criteria = criteria
            self.invalidateFilter()
        self._rank()

    def _rank(self) -> None:
        """Scores of every fiche and group for the current search, then sorted by them (or back to the plan's
        order without a search)."""
        self._scores = {}
        query = self.criteria.query
        if not query:
            self.sort(-1)
            return
        source = self.sourceModel()

        def walk(parent: QModelIndex, path: tuple[int, ...]) -> int:
            best = 0
            for row in range(source.rowCount(parent)):
                index = source.index(row, 0, parent)
                here = (*path, row)
                if index.data(KIND_ROLE) == KIND_FICHE:
                    value = score(query, self._searchable(index))
                else:
                    value = walk(index, here)
                self._scores[here] = value
                best = max(best, value)
            return best

        walk(QModelIndex(), ())
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    @staticmethod
    def _path(index: QModelIndex) -> tuple[int, ...]:
        rows: list[int] = []
        while index.isValid():
            rows.append(index.row())
            index = index.parent()
        return tuple(reversed(rows))

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt API
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        left_score = self._scores.get(self._path(QModelIndex(left)), 0)  # type: ignore[arg-type]
        right_score = self._scores.get(self._path(QModelIndex(right)), 0)  # type: ignore[arg-type]
        if left_score != right_score:
            return left_score > right_score  # better first
        return left.row() < right.row()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        kind = index.data(KIND_ROLE)
        c = self.criteria
        if index.data(CLOSED_ROLE) and not (c.show_closed or c.query or c.plan == index.data(PLAN_ROLE)):
            return False
        if kind != KIND_FICHE:
            return not c.active()  # groups show up through their matching fiches
        if c.plan and index.data(PLAN_ROLE) != c.plan:
            return False
        if c.status and index.data(STATUS_ROLE) != c.status:
            return False
        if c.late_only and not index.data(LATE_ROLE):
            return False
        if c.mine:
            named = [*(index.data(REFERENTS_ROLE) or []), *(index.data(PILOTES_ROLE) or [])]
            if not any(names_match(wanted, name) for wanted in c.mine for name in named):
                return False
        if c.referent_id is not None:
            ids = index.data(REFERENT_IDS_ROLE) or []
            if (c.referent_id == NO_REFERENT and ids) or (c.referent_id != NO_REFERENT and c.referent_id not in ids):
                return False
        if c.pilote and c.pilote not in [fold(name) for name in index.data(PILOTES_ROLE) or []]:
            return False
        if c.year and c.year not in (index.data(YEARS_ROLE) or []):
            return False
        if c.query:
            return score(c.query, self._searchable(index)) > 0
        return True

    def visible_action_ids(self) -> list[int]:
        found: list[int] = []
        self._collect(QModelIndex(), found)
        return found

    def _collect(self, parent: QModelIndex, found: list[int]) -> None:
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            if index.data(KIND_ROLE) == KIND_FICHE:
                found.append(int(index.data(ACTION_ID_ROLE)))
            else:
                self._collect(index, found)
