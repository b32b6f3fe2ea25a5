"""Canonical forms of editable values, so that workbook, base and database compare exactly.

Both sides go through the coercion the services use: "15/3/21", a real date cell and the stored
date give the same ISO text; "12,5" and 12.5 give "12.5"; "en cours" gives "en_cours". A value
re-saved by LibreOffice or Excel therefore never looks changed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sdus_desktop.core import fields as f
from sdus_desktop.core.field_values import LIST_SEPARATOR as LIST_SEPARATOR
from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import field_label
from sdus_desktop.core.indicators import parse_value
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.core.validation import check_avancement, format_date, parse_date
from sdus_desktop.store.coercion import coerce

# Characters a spreadsheet cell cannot hold (XML 1.0); removed on export and before comparing.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text Excel or LibreOffice would take for a formula when re-edited: written as literal text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def _kind(entity: str, field: str) -> str | None:
    spec = f.spec(entity, field)
    return spec.kind if spec else None


def canonical_db(entity: str, field: str, value: Any) -> Any:
    """Canonical form of a value as stored in the database."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    kind = _kind(entity, field)
    if field == "referents":  # a set of people: order and duplicates do not matter
        return split_list(value)
    if kind == f.PERCENT:
        return int(value or 0)
    if isinstance(value, str) and kind != f.INDICATOR_VALUE:
        return clean_text(value)
    return value


def canonical_cell(entity: str, field: str, raw: Any, kind: str | None = None) -> Any:
    """Canonical form of what a workbook cell holds; raises ValueError (French) when invalid.
    `kind` is the indicator's kind, for value cells."""
    field_kind = _kind(entity, field)
    if field_kind == f.INDICATOR_VALUE:
        assert kind is not None
        return parse_value(kind, clean_text(raw) if isinstance(raw, str) else raw)
    if field == "referents":
        return split_list(raw)
    empty = raw is None or clean_text(raw) == ""
    if field_kind == f.PERCENT:
        if empty:
            raise ValueError("avancement vide — indiquez un nombre entre 0 et 100")
        return check_avancement(raw)
    if field_kind in (f.ACTION_STATUS, f.STEP_STATUS):
        if empty:
            raise ValueError("statut vide — choisissez une valeur dans la liste de la cellule")
        status = ActionStatus if field_kind == f.ACTION_STATUS else StepStatus
        return status.from_label(clean_text(raw)).value
    if field_kind == f.DATE:
        parsed = parse_date(raw if isinstance(raw, datetime | date) else clean_text(raw))
        return parsed.isoformat() if parsed else None
    return canonical_db(entity, field, coerce(entity, field, clean_text(raw)))


def display(entity: str, field: str, canonical: Any, kind: str | None = None) -> str:
    """French display of a canonical value for previews ("—" when empty)."""
    return format_field(entity, field, canonical, indicator_kind=kind)


def label(entity: str, field: str) -> str:
    return field_label(entity, field)
