"""Validation of user-entered dates and date pairs (French messages)."""

from __future__ import annotations

from datetime import date, datetime

from sdus_desktop.core import numbers
from sdus_desktop.core.dates import MAX_DATE, MIN_DATE, check_range, parse_typed_date

__all__ = ["MAX_DATE", "MIN_DATE", "check_avancement", "check_date_range", "check_order", "format_date",
           "parse_date"]


def parse_date(raw: object) -> date | None:
    """A date typed the way people type it (rules: core.dates.parse_typed_date), or a date object.

    Empty → None. Raises ValueError with a French message for anything else.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return check_date_range(raw.date())
    if isinstance(raw, date):
        return check_date_range(raw)
    return parse_typed_date(str(raw))


check_date_range = check_range


def check_order(start: date | None, end: date | None, what: str = "") -> None:
    """Raise when an end date precedes its start date."""
    if start is not None and end is not None and end < start:
        suffix = f" ({what})" if what else ""
        raise ValueError(
            f"la date de fin {format_date(end)} est antérieure à la date de début {format_date(start)}{suffix}"
        )


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def check_avancement(raw: object) -> int:
    """Avancement in percent, 0–100 (accepts "50", "50 %", 50.0). Exact: 50,5 or 1e400 is refused, never rounded."""
    text = str(raw).strip().removesuffix("%").strip() if not isinstance(raw, int | float) else raw
    try:
        number = numbers.parse_number(text)
    except ValueError:
        raise ValueError(f"avancement invalide « {raw} » (un nombre entre 0 et 100)") from None
    if not 0 <= number <= 100 or number != int(number):
        raise ValueError(f"avancement invalide « {raw} » (un nombre entier entre 0 et 100)")
    return int(number)
