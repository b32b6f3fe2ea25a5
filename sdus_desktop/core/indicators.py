"""Indicators: kinds, value parsing/validation and reporting periods.

Values are stored canonically as text: nombre "12" / "12.5", pourcentage "45.5",
oui_non "oui" / "non", texte as typed. Users type French forms ("12,5", "45 %", "Oui").
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from sdus_desktop.core import numbers
from sdus_desktop.core.text import fold


class IndicatorKind(StrEnum):
    NOMBRE = "nombre"
    POURCENTAGE = "pourcentage"
    OUI_NON = "oui_non"
    TEXTE = "texte"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @classmethod
    def from_label(cls, text: str) -> IndicatorKind:
        wanted = fold(text).replace("/", "_").replace(" ", "_")
        for kind, label in _KIND_LABELS.items():
            if wanted in (kind.value, fold(label).replace("/", "_").replace(" ", "_")):
                return kind
        raise ValueError(f"type d'indicateur inconnu « {text} » (nombre, pourcentage, oui/non, texte)")


_KIND_LABELS = {
    IndicatorKind.NOMBRE: "Nombre",
    IndicatorKind.POURCENTAGE: "Pourcentage",
    IndicatorKind.OUI_NON: "Oui/Non",
    IndicatorKind.TEXTE: "Texte",
}

_YES = {"oui", "o", "yes", "vrai", "true", "1", "x"}
_NO = {"non", "n", "no", "faux", "false", "0"}


def parse_value(kind: IndicatorKind | str, raw: object) -> str | None:
    """Canonical text of a user-typed value; None for an empty value. Raises ValueError (French).

    Numbers go through core.numbers (exact decimals): what is typed is kept exactly, or refused."""
    kind = IndicatorKind(kind)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "oui" if raw else "non"
    try:
        text = str(raw).strip() if not isinstance(raw, int | float | Decimal) else numbers.canonical_text(raw)
    except ValueError as error:  # a spreadsheet's inf or nan
        raise ValueError(f"« {raw} » : {error}") from None
    if text == "":
        return None
    if kind is IndicatorKind.TEXTE:
        return text
    if kind is IndicatorKind.OUI_NON:
        folded = fold(text)
        if folded in _YES:
            return "oui"
        if folded in _NO:
            return "non"
        raise ValueError(f"« {text} » n'est pas oui ou non")
    try:
        number = numbers.parse_number(text.removesuffix("%").strip() if kind is IndicatorKind.POURCENTAGE else text)
    except numbers.NotANumber:
        expected = "un pourcentage" if kind is IndicatorKind.POURCENTAGE else "un nombre"
        raise ValueError(f"« {text} » n'est pas {expected} (exemple : 12 ou 12,5)") from None
    except ValueError as error:
        raise ValueError(f"« {text} » : {error}") from None
    if kind is IndicatorKind.POURCENTAGE and not 0 <= number <= 1000:
        raise ValueError(f"« {text} » : un pourcentage doit être compris entre 0 et 1000")
    return numbers.canonical(number)


def format_value(kind: IndicatorKind | str, canonical: str | None) -> str:
    """French display form of a canonical value ("12,5", "45 %", "Oui"). Never raises: a stored value that is
    not a number (written by an older version: "Infinity") is shown as it is stored."""
    if canonical is None or canonical == "":
        return ""
    try:
        kind = IndicatorKind(kind)
    except ValueError:
        return canonical
    if kind is IndicatorKind.OUI_NON:
        return canonical.capitalize()
    if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
        if numbers.as_decimal(canonical) is None:
            return canonical
        shown = canonical.replace(".", ",")
        return f"{shown} %" if kind is IndicatorKind.POURCENTAGE else shown
    return canonical


def numeric_value(canonical: str | None) -> float | None:
    """A stored value as a float for charts and shares; None when it is not a finite number."""
    number = exact_value(canonical)
    return float(number) if number is not None else None


def exact_value(canonical: str | None) -> Decimal | None:
    """A stored value as an exact Decimal; None when it is not a finite number (never raises)."""
    return None if canonical is None else numbers.as_decimal(canonical)


_PERIOD = re.compile(r"^(?P<year>\d{4})(?:\s*[-/ ]\s*[Tt](?P<quarter>[1-4]))?$")


def parse_period(raw: object) -> str:
    """Reporting period "2021" or "2021-T2" (year, optional quarter). Raises ValueError (French)."""
    text = str(raw).strip() if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    match = _PERIOD.match(text)
    if not match or not 2000 <= int(match["year"]) <= 2100:
        raise ValueError(f"période invalide « {text} » (attendu : une année comme 2021, ou 2021-T2)")
    return match["year"] + (f"-T{match['quarter']}" if match["quarter"] else "")


def period_year(period: str) -> int:
    return int(period[:4])


def guess_kind(label: str) -> IndicatorKind:
    """Kind suggested by an indicator's wording (used by the catalogue extractor)."""
    folded = fold(label)
    if folded.startswith(("nombre", "nb ")) or " nombre " in f" {folded} ":
        return IndicatorKind.NOMBRE
    if folded.startswith(("taux", "part ", "pourcentage", "proportion")) or "%" in folded:
        return IndicatorKind.POURCENTAGE
    if re.search(r"\b(effective?|effectif|elaboree?s?|realisee?s?|mise? en place|signee?s?|existence)\b", folded):
        return IndicatorKind.OUI_NON
    return IndicatorKind.TEXTE
