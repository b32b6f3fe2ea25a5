"""Canonical forms of editable values, so that workbook, base and database compare exactly.

Both sides go through the coercion the services use: "15/3/21", a real date cell and the stored
date give the same ISO text; "12,5" and 12.5 give "12.5"; "en cours" gives "en_cours". A value
re-saved by LibreOffice or Excel therefore never looks changed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sdus_desktop.core.fields import field_label
from sdus_desktop.core.indicators import format_value, parse_value
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import check_avancement, format_date, parse_date
from sdus_desktop.store.coercion import coerce

# Characters a spreadsheet cell cannot hold (XML 1.0); removed on export and before comparing.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text Excel or LibreOffice would take for a formula when re-edited: written as literal text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " ; "


def clean_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = format_date(value if isinstance(value, date) else value.date())
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text).strip()


def split_list(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else re.split(r"[;\n]", clean_text(raw))
    return sorted({clean_text(item) for item in items if clean_text(item)})


def canonical_db(entity: str, field: str, value: Any) -> Any:
    """Canonical form of a value as stored in the database."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if field == "referents":
        return split_list(value)
    if entity == "action" and field == "avancement":
        return int(value or 0)
    if isinstance(value, str) and not (entity == "value" and field == "value"):
        return clean_text(value)
    return value


def canonical_cell(entity: str, field: str, raw: Any, kind: str | None = None) -> Any:
    """Canonical form of what a workbook cell holds; raises ValueError (French) when invalid."""
    if entity == "value":
        if field == "value":
            assert kind is not None
            return parse_value(kind, clean_text(raw) if isinstance(raw, str) else raw)
        return clean_text(raw)
    if field == "referents":
        return split_list(raw)
    if entity == "action" and field == "avancement":
        if raw is None or clean_text(raw) == "":
            raise ValueError("avancement vide — indiquez un nombre entre 0 et 100")
        return check_avancement(raw)
    if field == "status" and (raw is None or clean_text(raw) == ""):
        raise ValueError("statut vide — choisissez une valeur dans la liste de la cellule")
    if entity == "action" and field == "status":
        return ActionStatus.from_label(clean_text(raw)).value
    if entity == "step" and field == "status":
        return StepStatus.from_label(clean_text(raw)).value
    if entity == "step" and field.endswith(("_start", "_end")):
        parsed = parse_date(raw if isinstance(raw, datetime | date) else clean_text(raw))
        return parsed.isoformat() if parsed else None
    return canonical_db(entity, field, coerce(entity, field, clean_text(raw)))


def display(entity: str, field: str, canonical: Any, kind: str | None = None) -> str:
    """French display of a canonical value for previews ("—" when empty)."""
    if canonical is None or canonical == "" or canonical == []:
        return "—"
    if entity == "action" and field == "status":
        return ActionStatus(canonical).label
    if entity == "step" and field == "status":
        return StepStatus(canonical).label
    if entity == "step" and field.endswith(("_start", "_end")):
        return format_date(date.fromisoformat(canonical))
    if entity == "action" and field == "avancement":
        return f"{canonical} %"
    if field == "referents":
        return LIST_SEPARATOR.join(canonical)
    if entity == "value" and field == "value" and kind:
        return format_value(kind, canonical)
    return str(canonical)


def label(entity: str, field: str) -> str:
    return field_label(entity, field)
