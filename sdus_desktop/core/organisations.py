"""Organisations named in a fiche's pilotage (and people named as référents), for filtering.

The catalogue should hold one organisation per list item, but a co-pilotage may still be written as one
item: « Conseil départemental – DDCSPP », « Conseil départemental et ARS », « ARS / MDA ». split_organisations
cuts such an item into organisations so the filters keep working before and after the catalogue is fixed.
Separators: a dash (-, –, —) with a space on at least one side, « / », « ; » and the word « et » — never
inside parentheses (« Conseil départemental (DGASOS et DGAST) » is one organisation) and never a hyphen
inside a word (« MDA-MAIA », « Saint-Chély »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sdus_desktop.core.text import fold

_SEPARATOR = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+|[–—]|\s*[/;]\s*|\s+et\s+", re.IGNORECASE)


def split_organisations(item: str) -> list[str]:
    """The organisations one pilotage item names, in order, trimmed, without empty parts."""
    parts: list[str] = []
    depth = 0
    start = 0
    position = 0
    text = item.strip()
    while position < len(text):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _SEPARATOR.match(text, position)
            if match and match.end() > position:
                parts.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    parts.append(text[start:])
    return [" ".join(part.split()) for part in parts if part.strip()]


def organisations(items: Iterable[str]) -> list[str]:
    """Every organisation of a pilotage list, each once (accents and case ignored), first spelling kept."""
    seen: dict[str, str] = {}
    for item in items:
        for name in split_organisations(item):
            seen.setdefault(fold(name), name)
    return list(seen.values())


def names_match(wanted: str, named: str) -> bool:
    """True when `wanted` (a person or an organisation, as typed) is `named` or whole words of it, accents and
    case ignored: « ARS » matches « ARS » and « ARS Occitanie », not « Mars »."""
    needle, haystack = fold(wanted), fold(named)
    if not needle:
        return False
    return needle == haystack or re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
