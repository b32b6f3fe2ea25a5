"""Validation of user-entered dates and date pairs (French messages)."""

from __future__ import annotations

import re
from datetime import date, datetime

from sdus_desktop.core.years import full_year

MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?\s*$")


def parse_date(raw: object) -> date | None:
    """A date typed the way people type it: 15/03/2021, 15/3/21, 2021-03-15, or a date object.

    Empty → None. Raises ValueError with a French message for anything else.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return check_date_range(raw.date())
    if isinstance(raw, date):
        return check_date_range(raw)
    text = str(raw).strip()
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        if len(match[3]) == 2:
            year = full_year(year)   # « 15/03/99 » is 1999 (then out of range), never 2099
    else:
        iso = _ISO.match(text)
        if not iso:
            raise ValueError(f"date invalide « {text} » (format attendu : jj/mm/aaaa)")
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"date invalide « {text} » (ce jour n'existe pas)") from None
    return check_date_range(value)


def check_date_range(value: date) -> date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"date hors limites « {format_date(value)} » (entre 2000 et 2100)")
    return value


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
    """Avancement in percent, 0–100 (accepts "50", "50 %", 50.0)."""
    text = str(raw).strip().removesuffix("%").strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"avancement invalide « {raw} » (un nombre entre 0 et 100)") from None
    if not 0 <= number <= 100 or number != int(number):
        raise ValueError(f"avancement invalide « {raw} » (un nombre entier entre 0 et 100)")
    return int(number)
