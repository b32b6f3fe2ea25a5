"""Dates as people write them on paper: the one parser behind every date editor, import and command.

Accepted (day first, always):
- ``15/03/2021``, ``15/3/2021``, ``5/3/2021``; separators ``/``, ``.``, ``-`` or spaces;
- two-digit years: ``15/03/21``;
- digits only: ``15032021`` (jjmmaaaa) or ``150321`` (jjmmaa);
- ISO ``2021-03-15`` (what spreadsheets and JSON carry).

Two-digit years take the century that puts the year nearest to the reference year (today's by default):
the year lies within [reference − 50, reference + 49]. In 2026, ``21`` → 2021, ``75`` → 2075, ``99`` → 1999
(then refused as out of range: nobody typing 99 means 2099). Nothing is ever rolled over: 31/02 is refused,
never turned into 03/03 or 28/02.
"""

from __future__ import annotations

import re
from datetime import date

MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def expand_year(two_digits: int, reference_year: int) -> int:
    """The year ending in `two_digits` nearest to `reference_year` (ties go to the future)."""
    if not 0 <= two_digits <= 99:
        raise ValueError("two_digits must be 0–99")
    year = reference_year - reference_year % 100 + two_digits
    if year < reference_year - 50:
        year += 100
    elif year > reference_year + 49:
        year -= 100
    return year


def parse_typed_date(text: str, reference_year: int | None = None) -> date | None:
    """The date `text` means, None when it is blank; ValueError with a French reason otherwise.

    The reason names the text as typed and says what to do (« jj/mm/aaaa … »)."""
    raw = text.strip()
    if not raw:
        return None
    reference = date.today().year if reference_year is None else reference_year
    match = _SEPARATED.match(raw) or _DIGITS.match(raw)
    if match:
        day, month, year_text = int(match[1]), int(match[2]), match[3]
        year = expand_year(int(year_text), reference) if len(year_text) == 2 else int(year_text)
    else:
        iso = _ISO.match(raw)
        if not iso:
            raise ValueError(f"date invalide « {raw} » (format attendu : jj/mm/aaaa)")
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"date invalide « {raw} » (ce jour n'existe pas)") from None
    return check_range(value)


def check_range(value: date) -> date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"date hors limites « {format_day(value)} » (entre 2000 et 2100)")
    return value


def format_day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def spelled(value: date) -> str:
    """« lundi 15 mars 2021 »: what the editor shows while the person types."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"


def preview(text: str, reference_year: int | None = None) -> tuple[date | None, str]:
    """(date or None, French text) for a date being typed: the date it will save, « vide » or the reason
    it would be refused."""
    try:
        value = parse_typed_date(text, reference_year)
    except ValueError as error:
        return None, str(error)
    if value is None:
        return None, "date effacée à l'enregistrement"
    return value, f"sera enregistré : {spelled(value)}"
