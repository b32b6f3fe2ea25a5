"""Calendrier texts of the schémas ("2019", "Fin 2019", "1er semestre 2020", "2021-2023") → date periods.

A calendrier is split into time expressions (a year with an optional qualifier: début, fin, mi,
semestre, trimestre, month name). The period starts where the first expression starts and ends
where the last one ends. « 2020/2021 » is two years (31/12/2021), « 02/2021 » a month.
An open-ended text (« 2020 et suivantes », « À compter de 2021 », « à partir de 2020 ») with a
single expression has a start and no end: an open end is not a deadline, so it is never late.
A text with no understood expression has no dates; parsing never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sdus_desktop.core.text import fold

MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True)
class Period:
    """Planned window of a step: start and end (the due date) inclusive; end None = open-ended."""

    start: date
    end: date | None

    @property
    def years(self) -> range:
        """Years covered; an open-ended period counts from its start year only."""
        return range(self.start.year, (self.end or self.start).year + 1)


_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_FIRST = r"(?:1er|1ere|1re|premier|premiere|1)"
_SECOND = r"(?:2nd|2nde|2eme|2e|second|seconde|deuxieme|2)"
_THIRD = r"(?:3eme|3e|troisieme|3)"
_FOURTH = r"(?:4eme|4e|quatrieme|dernier|4)"

_EXPRESSION = re.compile(
    rf"""
    (?P<semester>(?P<s1>{_FIRST})|(?P<s2>{_SECOND}))\s*semestre\s*(?:de\s+|d')?(?P<sy>\d{{4}})
  | (?P<quarter>(?P<q1>{_FIRST})|(?P<q2>{_SECOND})|(?P<q3>{_THIRD})|(?P<q4>{_FOURTH}))\s*trimestre\s*(?:de\s+)?(?P<qy>\d{{4}})
  | (?P<month>{"|".join(_MONTHS)})\s+(?P<my>\d{{4}})
  | (?P<mmyy>(?<!\d)(?P<mm>0?[1-9]|1[0-2])/(?P<mmy>\d{{4}}))
  | (?P<qual>debut|fin|mi|courant|milieu)[\s-]*(?:d'annee\s+|de\s+l'annee\s+|annee\s+)?(?P<qualy>\d{{4}})
  | (?P<year>(?<!\d)(?<!(?<!\d)\d/)(?<!(?<!\d)\d\d/)\d{{4}}(?!\d))
    """,
    re.VERBOSE,
)


_OPEN_ENDED = re.compile(
    r"\b(?:a compter d|a partir d|des |depuis )|\bet (?:les annees )?suivant|\bau-?dela\b"
)


@lru_cache(maxsize=4096)  # pure, and the result is immutable: the views ask again for every fiche
def parse_calendrier(text: str | None) -> Period | None:
    """Return the planned period of a calendrier text, or None when it gives no usable date."""
    if not text:
        return None
    spans: list[tuple[date, date]] = []
    for match in _EXPRESSION.finditer(fold(text)):
        span = _span_of(match)
        if span is None:
            return None
        spans.append(span)
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        return None
    if len(spans) == 1 and _OPEN_ENDED.search(fold(text)):
        return Period(start, None)
    return Period(start, end)


def _span_of(m: re.Match[str]) -> tuple[date, date] | None:
    groups = m.groupdict()
    year_text = next(groups[k] for k in ("sy", "qy", "my", "mmy", "qualy", "year") if groups[k])
    year = int(year_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if groups["semester"]:
        return _months(year, 1, 6) if groups["s1"] else _months(year, 7, 12)
    if groups["quarter"]:
        index = next(i for i, k in enumerate(("q1", "q2", "q3", "q4")) if groups[k])
        return _months(year, 3 * index + 1, 3 * index + 3)
    if groups["month"]:
        month = _MONTHS[groups["month"]]
        return _months(year, month, month)
    if groups["mmyy"]:
        month = int(groups["mm"])
        return _months(year, month, month)
    if groups["qual"]:
        qualifier = groups["qual"]
        if qualifier == "debut":
            return _months(year, 1, 3)
        if qualifier == "fin":
            return _months(year, 10, 12)
        if qualifier in ("mi", "milieu"):
            return _months(year, 5, 7)
        return _months(year, 1, 12)
    return _months(year, 1, 12)


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
