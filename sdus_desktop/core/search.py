"""Search over fiches: what a query means and how well a fiche matches it (pure rules, folded text).

- Words: accents and case ignored; every word must occur in the fiche (title or any other text); a word made
  of digits matches a whole number only (« 3 » does not match 2023 or 03/2021).
- A number query — « 12 », « fiche 12 », « n° 12 », « SDSF 3 », « action 3 » — shows the fiches with that
  number, the named plan first (« fiche » means the SDUS, « action » the SDSF).
- Ranking: a number query puts its fiche first; otherwise words found in the title weigh more than words
  found elsewhere.
- What is searched: the fiche's title and label, and every field declared with `search=True` in core.fields
  (of the fiche, its étapes, its indicateurs and their values) — `fiche_texts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sdus_desktop.core import fields as f
from sdus_desktop.core.text import fold

_NUMBER_QUERY = re.compile(r"^(?:(sdus|sdsf)\s*)?(?:(fiches?\s*actions?|fiches?|actions?)\s*)?"
                           r"(?:n\s*°|no\.?|num(?:ero)?\.?)?\s*(\d{1,3})$")
_TOKENS = re.compile(r"\w+")
TITLE_WEIGHT, OTHER_WEIGHT, NUMBER_SCORE, PLAN_BONUS = 10, 1, 1000, 100


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    number: int | None = None
    plan: str | None = None  # preferred plan of a number query ("SDUS" / "SDSF")

    def __bool__(self) -> bool:
        return bool(self.words) or self.number is not None


def parse_query(text: str) -> Query:
    folded = fold(text)
    match = _NUMBER_QUERY.match(folded)
    if match:
        plan = match[1].upper() if match[1] else None
        if plan is None and match[2]:
            plan = "SDSF" if match[2].startswith("action") else "SDUS"
        return Query(number=int(match[3]), plan=plan)
    return Query(words=tuple(folded.split()))


@dataclass
class Searchable:
    """A fiche's folded texts, prepared once per refresh."""

    number: int
    plan: str
    title: str
    rest: str
    title_tokens: set[str] = field(default_factory=set)
    rest_tokens: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, number: int, plan: str, title: str, rest: str) -> Searchable:
        title, rest = fold(title), fold(rest)
        return cls(number, plan, title, rest, set(_TOKENS.findall(title)), set(_TOKENS.findall(rest)))


def score(query: Query, fiche: Searchable) -> int:
    """0 when the fiche does not match; otherwise higher is better."""
    if query.number is not None:
        if fiche.number != query.number:
            return 0
        return NUMBER_SCORE + (PLAN_BONUS if fiche.plan == query.plan else 0)
    total = 0
    for word in query.words:
        if word.isdigit():
            in_title, elsewhere = word in fiche.title_tokens or word == str(fiche.number), word in fiche.rest_tokens
        else:
            in_title, elsewhere = word in fiche.title, word in fiche.rest
        if in_title:
            total += TITLE_WEIGHT
        elif elsewhere:
            total += OTHER_WEIGHT
        else:
            return 0
    return total


def fiche_texts(action: Any) -> list[str]:
    """The texts of a fiche (ORM or read-model row) a search runs over besides its title: its label, then the
    value of every field declared searchable (core.fields, `search=True`) of the fiche, its étapes, its
    indicateurs and their values; lists item by item (a person by name); empty values left out."""
    parts: list[str] = [action.label]
    parts += _field_texts([action], "action", skip="title")
    parts += _field_texts(action.steps, "step")
    parts += _field_texts(action.indicators, "indicator")
    parts += _field_texts((value for indicator in action.indicators for value in indicator.values), "value")
    return [part for part in parts if part]


def _field_texts(rows: Iterable[Any], entity: str, skip: str = "") -> list[str]:
    specs = [spec for spec in f.fields_of(entity, where="search") if spec.name != skip]
    parts: list[str] = []
    for row in rows:
        for spec in specs:
            value = getattr(row, spec.name)
            items = value if isinstance(value, list) else [value]
            parts.extend(item if isinstance(item, str) else str(getattr(item, "name", item) or "") for item in items)
    return parts
