"""In-memory picture of both plans for the views, refreshed fiche by fiche from what a ChangeSet reports.

Read through store.readmodel (plain SQL): the window is built and shown without SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sdus_desktop.core import labels
from sdus_desktop.core.calendrier import parse_calendrier
from sdus_desktop.core.plan_states import CLOS
from sdus_desktop.core.search import Searchable, fiche_texts
from sdus_desktop.core.text import fold
from sdus_desktop.store import progress, readmodel
from sdus_desktop.store.database import Database
from sdus_desktop.store.readmodel import Action


@dataclass
class AxeNode:
    number: int
    title: str
    label: str  # « Axe 1 », shown under its group (core.labels)
    reference: str  # « Orientation 2 · Axe 1 », shown on its own
    action_ids: list[int] = field(default_factory=list)


@dataclass
class OrientationNode:
    number: int
    title: str
    axes: list[AxeNode] = field(default_factory=list)


@dataclass
class PlanNode:
    code: str
    title: str
    level1_label: str
    period_start: int
    period_end: int
    orientations: list[OrientationNode] = field(default_factory=list)
    closed: bool = False  # « clos »: out of the tree (unless searched or asked for) and the dashboard
    previous_code: str = ""

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))


class Catalogue:
    """Plans → orientations → axes → fiche ids, plus every fiche fully loaded (detached objects)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.plans: list[PlanNode] = []
        self.actions: dict[int, Action] = {}
        self.plan_of: dict[int, PlanNode] = {}
        self.axe_of: dict[int, AxeNode] = {}
        self.orientation_of: dict[int, OrientationNode] = {}
        self.load()

    def load(self) -> None:
        plans = readmodel.load_plans(self.db.path)
        self.plans, self.actions = [], {}
        for plan in plans:
            plan_node = PlanNode(plan.code, plan.title, plan.level1_label, plan.period_start, plan.period_end,
                                 closed=plan.state == CLOS, previous_code=plan.previous_code)
            self.plans.append(plan_node)
            for orientation in plan.orientations:
                o_node = OrientationNode(orientation.number, orientation.title)
                plan_node.orientations.append(o_node)
                for axe in orientation.axes:
                    axe_node = AxeNode(axe.number, axe.title, labels.axe_name(axe.number),
                                       labels.axe_reference(plan.level1_label, orientation.number,
                                                            orientation.title, axe.number))
                    o_node.axes.append(axe_node)
                    for action in axe.actions:
                        axe_node.action_ids.append(action.id)
                        self.actions[action.id] = action
                        self.plan_of[action.id] = plan_node
                        self.axe_of[action.id] = axe_node
                        self.orientation_of[action.id] = o_node

    def reload(self, action_ids: Iterable[int]) -> None:
        """Fetch these fiches again (after a write); unknown ids are ignored."""
        wanted = [action_id for action_id in action_ids if action_id in self.actions]
        if not wanted:
            return
        self.actions.update(readmodel.read_actions(self.db.path, wanted))

    @property
    def open_plans(self) -> list[PlanNode]:
        """The plans en cours (the dashboard shows only these)."""
        return [plan for plan in self.plans if not plan.closed]

    def plan(self, code: str) -> PlanNode | None:
        return next((plan for plan in self.plans if plan.code == code), None)

    def plan_actions(self, plan: PlanNode) -> list[Action]:
        return [self.actions[i] for o in plan.orientations for axe in o.axes for i in axe.action_ids]

    def orientation_actions(self, orientation: OrientationNode) -> list[Action]:
        return [self.actions[i] for axe in orientation.axes for i in axe.action_ids]

    def all_actions(self) -> list[Action]:
        return [action for plan in self.plans for action in self.plan_actions(plan)]


def is_late(action: Action, today: date, grace_days: int) -> bool:
    return progress.action_is_late(action, today, grace_days)


def search_text(action: Action) -> str:
    """Folded text a search runs over: every text of the fiche (title, document fields, suivi, étapes,
    indicateurs) — what `searchable` gives core.search, title and the rest together."""
    return fold(" ".join([action.title, *_texts(action)]))


def _texts(action: Action) -> list[str]:
    return fiche_texts(action)


def searchable(action: Action, plan_code: str) -> Searchable:
    """The fiche prepared for core.search: its title apart (it ranks first), every other text together."""
    return Searchable.of(action.number, plan_code, action.title, " ".join(_texts(action)))


def calendar_years(action: Action) -> set[int]:
    """Years the fiche's calendrier (and its étapes' planned periods) cover."""
    years: set[int] = set()
    period = parse_calendrier(action.calendrier)
    if period is not None:
        years.update(period.years)
    for step in action.steps:
        start, end = progress.step_period(step)
        if start and end:
            years.update(range(start.year, end.year + 1))
        elif start or end:
            years.add((start or end).year)  # type: ignore[union-attr]
    return years


def short_title(title: str, limit: int = 70) -> str:
    text = " ".join(title.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
