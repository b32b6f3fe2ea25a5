"""What an operation changed: FieldChange rows (the journal's unit) grouped in a ChangeSet.

Entities and keys: action → "<action id>", step → "<step id>", indicator → "<indicator id>",
value → "<indicator id>:<period>", target → "<indicator id>:<year>". Structural changes (a step or indicator created or removed) use
the field "(structure)" with a snapshot dict as old (removal) or new (creation).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sdus_desktop.core.fields import STRUCTURE_FIELD


@dataclass(frozen=True)
class Edit:
    """A request to set one field to a new value (raw user input is accepted; services coerce it)."""

    entity: str
    key: str
    field: str
    value: Any


class EditError(ValueError):
    """A refused edit; `where` says which fiche/étape/field, `reason` what is wrong (French).

    Defined here (not in store.services) so that views can catch it without importing SQLAlchemy."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where} : {reason}" if where else reason)
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class FieldChange:
    entity: str
    key: str
    field: str
    old: Any
    new: Any
    action_id: int

    @property
    def is_structural(self) -> bool:
        return self.field == STRUCTURE_FIELD


@dataclass
class ChangeSet:
    """Everything one service call changed, in order. Empty when nothing needed changing."""

    changes: list[FieldChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @property
    def action_ids(self) -> set[int]:
        return {change.action_id for change in self.changes}

    @property
    def structural(self) -> bool:
        return any(change.is_structural for change in self.changes)

    def entities(self) -> set[str]:
        return {change.entity for change in self.changes}

    def extend(self, other: ChangeSet) -> None:
        self.changes.extend(other.changes)


def value_key(indicator_id: int, period: str) -> str:
    return f"{indicator_id}:{period}"


def target_key(indicator_id: int, year: int | str) -> str:
    """Key of a year's target (entity "target", store.targets)."""
    return f"{indicator_id}:{year}"


def split_value_key(key: str) -> tuple[int, str]:
    indicator_id, period = key.split(":", 1)
    return int(indicator_id), period


def encode(value: Any) -> str | None:
    """Journal form of a value: JSON, dates as ISO strings; None stays NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_default, sort_keys=True)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"valeur non journalisable : {value!r}")
