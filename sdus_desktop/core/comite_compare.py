"""What changed for each fiche between two states of the suivi (two comités, or a comité and now).

Net changes only — an intermediate value typed then corrected never shows: statut before → after, étapes done,
dropped, slipped (planned end later), newly late (late at the second date, not at the first), added or
removed, avancement, indicator values (with « % de la cible » when the target is a plain number), the bilan
when it was rewritten. States are the dicts of store.comite_state (plain data: this module is pure).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sdus_desktop.core.indicators import format_value, numeric_value, parse_value
from sdus_desktop.core.lateness import effective_period, is_step_late
from sdus_desktop.core.notes import describe as describe_note
from sdus_desktop.core.statuses import LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date

_PLAIN_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")

DONE, DROPPED, SLIPPED, NEWLY_LATE, ADDED, REMOVED = ("réalisée", "abandonnée", "décalée", "en retard",
                                                      "ajoutée", "supprimée")
STEP_SYMBOLS = {DONE: "●", DROPPED: "✕", SLIPPED: "→", NEWLY_LATE: LATE_SYMBOL, ADDED: "+", REMOVED: "−"}


@dataclass(frozen=True)
class StepChange:
    number: int
    label: str
    kind: str      # DONE, DROPPED, SLIPPED, NEWLY_LATE, ADDED, REMOVED
    detail: str    # "fin prévue 30/06/2026 → 31/12/2026", "fin prévue 31/12/2025"…

    def text(self) -> str:
        tail = f" ({self.detail})" if self.detail else ""
        return f"{STEP_SYMBOLS[self.kind]} {self.kind} : {self.number}. {self.label}{tail}"


@dataclass(frozen=True)
class ValueChange:
    indicator_number: int
    indicator_label: str
    period: str
    before: str    # displayed values ("" when there was none)
    after: str
    target: str
    percent_of_target: float | None

    def text(self) -> str:
        was = f" (avant : {self.before})" if self.before else ""
        now = self.after or "valeur effacée"
        share = f", {self.percent_of_target:.0f} % de la cible {self.target}" if self.percent_of_target is not None \
            else (f", cible {self.target}" if self.target else "")
        return f"{self.indicator_number}. {self.indicator_label} — {self.period} : {now}{was}{share}"


@dataclass
class FicheChanges:
    action_id: int
    plan: str
    number: int
    title: str
    axe: str
    status: tuple[str, str] | None = None          # ActionStatus codes
    avancement: tuple[int, int] | None = None
    steps: list[StepChange] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    bilan: str | None = None                        # the new bilan, when it was rewritten
    new_fiche: bool = False
    notes: list[str] = field(default_factory=list)  # notes de suivi written since, « JJ/MM/AAAA · auteur : texte »

    def __bool__(self) -> bool:
        return bool(self.status or self.avancement or self.steps or self.values or self.bilan is not None
                    or self.new_fiche or self.notes)

    def notes_text(self, limit: int | None = None) -> str:
        """The new notes, one per line (each cut at `limit` characters)."""
        shown = [note if limit is None or len(note) <= limit else note[: limit - 1].rstrip() + "…"
                 for note in self.notes]
        return "\n".join(f"Note du {note}" for note in shown)

    def status_text(self) -> str:
        if self.status is None:
            return ""
        before, after = (ActionStatus(code) for code in self.status)
        return f"{before.symbol} {before.label} → {after.symbol} {after.label}"

    def avancement_text(self) -> str:
        return f"{self.avancement[0]} % → {self.avancement[1]} %" if self.avancement else ""


@dataclass
class Comparison:
    before_date: date
    after_date: date
    fiches: list[FicheChanges]
    compared: int    # fiches present in the second state

    def count(self, kind: str) -> int:
        return sum(1 for fiche in self.fiches for step in fiche.steps if step.kind == kind)

    def summary(self) -> str:
        if not self.fiches:
            return f"Aucun changement pour les {self.compared} fiche(s) comparée(s)."
        statuses: dict[str, int] = {}
        for fiche in self.fiches:
            if fiche.status:
                label = ActionStatus(fiche.status[1]).label.lower()
                statuses[label] = statuses.get(label, 0) + 1
        parts = [f"{len(self.fiches)} fiche(s) sur {self.compared} ont changé"]
        if statuses:
            parts.append("statut passé à " + ", ".join(f"{label} : {n}" for label, n in statuses.items()))
        steps = [f"{self.count(kind)} {kind}(s)" for kind in (DONE, SLIPPED, NEWLY_LATE, DROPPED) if self.count(kind)]
        if steps:
            parts.append("étapes : " + ", ".join(steps).replace("en retard(s)", "nouvellement en retard"))
        values = sum(len(fiche.values) for fiche in self.fiches)
        if values:
            parts.append(f"{values} valeur(s) d'indicateur saisie(s)")
        notes = sum(len(fiche.notes) for fiche in self.fiches)
        if notes:
            parts.append(f"{notes} nouvelle(s) note(s) de suivi")
        return " ; ".join(parts) + "."


def target_number(target: str) -> float | None:
    """A target that is a plain number ("40", "75 %", "12,5"); anything else has no « % de la cible »."""
    match = _PLAIN_NUMBER.match(target or "")
    number = float(match.group(1).replace(",", ".")) if match else None
    return number if number is not None and math.isfinite(number) else None  # 400 digits of wording: no number


def percent_of_target(value: str | None, target: str) -> float | None:
    number, goal = numeric_value(value), target_number(target)
    if number is None or not goal:
        return None
    return 100 * number / goal


def compare(before: dict[str, Any], after: dict[str, Any], grace_days: int = 0) -> Comparison:
    before_date, after_date = date.fromisoformat(before["date"]), date.fromisoformat(after["date"])
    old_fiches = {fiche["id"]: fiche for fiche in before["fiches"]}
    found: list[FicheChanges] = []
    for fiche in after["fiches"]:
        changes = FicheChanges(fiche["id"], fiche["plan"], fiche["number"], fiche["title"], fiche["axe"])
        old = old_fiches.get(fiche["id"])
        if old is None:
            changes.new_fiche = True
            found.append(changes)
            continue
        if old["status"] != fiche["status"]:
            changes.status = (old["status"], fiche["status"])
        if old["avancement"] != fiche["avancement"]:
            changes.avancement = (old["avancement"], fiche["avancement"])
        if " ".join(old["bilan"].split()) != " ".join(fiche["bilan"].split()):
            changes.bilan = fiche["bilan"]
        changes.steps = _steps(old["steps"], fiche["steps"], before_date, after_date, grace_days)
        changes.values = _values(old["indicators"], fiche["indicators"])
        changes.notes = _new_notes(old.get("notes", []), fiche.get("notes", []))
        if changes:
            found.append(changes)
    return Comparison(before_date, after_date, found, len(after["fiches"]))


def _new_notes(old_notes: list[dict[str, Any]], new_notes: list[dict[str, Any]]) -> list[str]:
    """Notes present in the second state and not in the first (a state frozen before notes existed has none),
    oldest first."""
    known = {note["id"] for note in old_notes}
    added = sorted((note for note in new_notes if note["id"] not in known), key=lambda note: (note["note_date"],
                                                                                             note["id"]))
    return [describe_note(note) for note in added]


def _end(step: dict[str, Any]) -> date | None:
    start, end = effective_period(step.get("calendrier"), _date(step.get("planned_start")),
                                  _date(step.get("planned_end")))
    return end


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _steps(old_steps: list[dict[str, Any]], new_steps: list[dict[str, Any]], before_date: date,
           after_date: date, grace: int) -> list[StepChange]:
    olds = {step["id"]: step for step in old_steps}
    changes: list[StepChange] = []
    for step in new_steps:
        old = olds.pop(step["id"], None)
        end = _end(step)
        if old is None:
            changes.append(StepChange(step["number"], step["label"], ADDED,
                                      f"fin prévue {format_date(end)}" if end else ""))
            continue
        became = step["status"] != old["status"] and StepStatus(step["status"]).closed
        if became and step["status"] == StepStatus.REALISEE:
            done_on = _date(step.get("actual_end"))
            changes.append(StepChange(step["number"], step["label"], DONE,
                                      f"le {format_date(done_on)}" if done_on else ""))
            continue
        if became:
            changes.append(StepChange(step["number"], step["label"], DROPPED, ""))
            continue
        old_end = _end(old)
        if old_end and end and end > old_end:
            changes.append(StepChange(step["number"], step["label"], SLIPPED,
                                      f"fin prévue {format_date(old_end)} → {format_date(end)}"))
        was_late = is_step_late(old_end, old["status"], before_date, grace)
        if is_step_late(end, step["status"], after_date, grace) and not was_late:
            changes.append(StepChange(step["number"], step["label"], NEWLY_LATE, f"fin prévue {format_date(end)}"))
    for old in sorted(olds.values(), key=lambda step: step["number"]):
        changes.append(StepChange(old["number"], old["label"], REMOVED, ""))
    return changes


def _values(old_indicators: list[dict[str, Any]], new_indicators: list[dict[str, Any]]) -> list[ValueChange]:
    olds = {indicator["id"]: indicator for indicator in old_indicators}
    changes: list[ValueChange] = []
    for indicator in new_indicators:
        before_values = olds.get(indicator["id"], {}).get("values", {})
        for period in sorted(set(indicator["values"]) | set(before_values)):
            old_value, new_value = before_values.get(period), indicator["values"].get(period)
            if old_value == new_value:
                continue
            kind = indicator["kind"]
            target = indicator["target"]
            year_target = indicator.get("targets", {}).get(period[:4])  # set for that year: wins over the wording
            if year_target is not None and kind in ("nombre", "pourcentage"):
                target = format_value(kind, parse_value("nombre", year_target))
            changes.append(ValueChange(
                indicator["number"], indicator["label"], period, format_value(kind, old_value),
                format_value(kind, new_value), target,
                percent_of_target(new_value, target) if kind in ("nombre", "pourcentage") else None,
            ))
    return changes
