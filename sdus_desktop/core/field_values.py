"""Parse what people type into a field's stored value, and show a stored (or journaled) value back to them.

One parser and one formatter per kind of core.fields: the services, the workbook import, the journal views,
the comité workbook, the dossier and the conflicts queue all go through here, so a value reads the same
everywhere (statuses by their label, dates dd/mm/yyyy, lists "A ; B", avancement "40 %").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sdus_desktop.core import fields as f
from sdus_desktop.core.indicator_targets import format_target, parse_target
from sdus_desktop.core.indicators import IndicatorKind, format_value, parse_value
from sdus_desktop.core.notes import describe as describe_note
from sdus_desktop.core.notes import format_comite, parse_comite
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import check_avancement, format_date, parse_date

EMPTY = "—"
LIST_SEPARATOR = " ; "


def parse(spec: f.Field, raw: Any, indicator_kind: str | None = None) -> Any:
    """Stored value of `spec` for `raw`; ValueError with a French message when it cannot be one.

    Fields that cannot be edited (step number) are refused: they change only through their own operation."""
    if not spec.editable:
        raise ValueError(f"le champ « {spec.label} » ne se modifie pas directement")
    kind = spec.kind
    if kind == f.LIST:
        return _text_list(raw)
    if kind == f.DATE:
        day = parse_date(raw)
        if day is None and spec.required:
            raise ValueError("date manquante : tapez-la au format jj/mm/aaaa")
        return day
    if kind == f.COMITE:
        return parse_comite(raw)
    if kind == f.PERCENT:
        return check_avancement(raw)
    if kind == f.INDICATOR_VALUE:
        if indicator_kind is None:
            raise ValueError("type d'indicateur inconnu")
        return parse_value(indicator_kind, raw)
    if kind == f.TARGET_VALUE:
        if indicator_kind is None:
            raise ValueError("type d'indicateur inconnu")
        return parse_target(indicator_kind, raw)
    text = "" if raw is None else str(raw).strip()
    if kind == f.ACTION_STATUS:
        return ActionStatus.from_label(text).value
    if kind == f.STEP_STATUS:
        return StepStatus.from_label(text).value
    if kind == f.INDICATOR_KIND:
        return IndicatorKind.from_label(text).value
    if spec.required and not text:
        raise ValueError("ce champ ne peut pas être vide")
    return text


def format_field(entity: str, name: str, value: Any, *, indicator_kind: str | None = None,
                 empty: str = EMPTY, symbol: bool = False) -> str:
    """A stored or journaled value as people read it. Never raises: a value the kind does not know
    (an older journal row) is shown as it is. `symbol` puts the status symbol before its label."""
    if value is None or value == "" or value == []:
        return empty
    if name == f.STRUCTURE_FIELD:
        if entity == "note" and isinstance(value, dict):
            return describe_note(value)
        label = value.get("label", "") if isinstance(value, dict) else value
        return str(label) or empty
    spec = f.spec(entity, name)
    kind = spec.kind if spec else None
    try:
        if kind in (f.ACTION_STATUS, f.STEP_STATUS):
            status = ActionStatus(value) if kind == f.ACTION_STATUS else StepStatus(value)
            return f"{status.symbol} {status.label}" if symbol else status.label
        if kind == f.DATE:
            return format_date(_as_date(value))
        if kind == f.PERCENT:
            return f"{value} %"
        if kind == f.INDICATOR_KIND:
            return IndicatorKind(value).label
        if kind == f.COMITE:
            return format_comite(int(value))
        if kind == f.INDICATOR_VALUE and indicator_kind:
            return format_value(indicator_kind, str(value))
        if kind == f.TARGET_VALUE:
            return format_target(indicator_kind or "nombre", value)
    except ValueError:
        return str(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value) or empty
    return str(value)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _text_list(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = raw.splitlines() if isinstance(raw, str) else list(raw)
    return [str(item).strip() for item in items if str(item).strip()]
