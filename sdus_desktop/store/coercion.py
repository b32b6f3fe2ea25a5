"""Turn raw user input into the stored value of a field, or raise ValueError with a French message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sdus_desktop.core.fields import ENTITY_FIELDS, LIST_FIELDS, STEP_DATE_FIELDS
from sdus_desktop.core.indicators import IndicatorKind
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import check_avancement, parse_date


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def _text_list(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = raw.splitlines() if isinstance(raw, str) else list(raw)
    return [str(item).strip() for item in items if str(item).strip()]


def _required_text(raw: Any) -> str:
    text = _text(raw)
    if not text:
        raise ValueError("ce champ ne peut pas être vide")
    return text


def _action_status(raw: Any) -> str:
    return ActionStatus.from_label(_text(raw)).value


def _step_status(raw: Any) -> str:
    return StepStatus.from_label(_text(raw)).value


def _kind(raw: Any) -> str:
    return IndicatorKind.from_label(_text(raw)).value


def _date(raw: Any) -> date | None:
    return parse_date(raw)


def _number(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"numéro invalide « {raw} »") from None
    if value < 1:
        raise ValueError(f"numéro invalide « {raw} »")
    return value


_SPECIAL: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("action", "status"): _action_status,
    ("action", "avancement"): check_avancement,
    ("action", "title"): _required_text,
    ("step", "status"): _step_status,
    ("step", "label"): _required_text,
    ("step", "number"): _number,
    ("indicator", "kind"): _kind,
    ("indicator", "label"): _required_text,
}


def coerce(entity: str, field: str, raw: Any) -> Any:
    """Stored value for (entity, field). Value cells of indicators are coerced by the services
    because they depend on the indicator's kind."""
    if field not in ENTITY_FIELDS.get(entity, {}):
        raise ValueError(f"champ inconnu « {field} » pour {entity}")
    special = _SPECIAL.get((entity, field))
    if special is not None:
        return special(raw)
    if entity == "step" and field in STEP_DATE_FIELDS:
        return _date(raw)
    if field in LIST_FIELDS and entity == "action":
        return _text_list(raw)
    return _text(raw)
