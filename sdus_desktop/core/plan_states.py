"""The states of a plan, declared once: stored value, French label, and the tolerant reading of what a person
types (« en cours », « en-cours », « En Cours », « clôs »…). Used by the workbook, the CLI and the GUI."""

from __future__ import annotations

from sdus_desktop.core.text import fold

EN_COURS = "en_cours"
CLOS = "clos"
PLAN_STATES: dict[str, str] = {EN_COURS: "en cours", CLOS: "clos"}  # stored value → label shown everywhere
STATE_LABELS: tuple[str, ...] = tuple(PLAN_STATES.values())
CHOICES_TEXT = " ou ".join(f"« {label} »" for label in STATE_LABELS)  # « en cours » ou « clos »


def _folded(text: str) -> str:
    return fold(text.replace("-", " ").replace("_", " "))


_BY_FOLDED = {_folded(label): state for state, label in PLAN_STATES.items()} | {
    _folded(state): state for state in PLAN_STATES}


def parse_state(text: str) -> str | None:
    """The stored state for a typed text (case, accents, « - » / « _ » / spaces ignored), or None."""
    return _BY_FOLDED.get(_folded(text or ""))


def state_label(state: str) -> str:
    """« en cours » or « clos » (an unknown stored value is shown as it is)."""
    return PLAN_STATES.get(state, state)


def unknown_state(text: str) -> str:
    return f"état « {text} » inconnu ({CHOICES_TEXT})"
