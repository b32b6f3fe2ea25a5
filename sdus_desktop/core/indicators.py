"""Indicators: kinds, value parsing/validation and reporting periods.

Values are stored canonically as text: nombre "12" / "12.5", pourcentage "45.5",
oui_non "oui" / "non", texte as typed. Users type French forms ("12,5", "45 %", "Oui").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum

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
    """Canonical text of a user-typed value; None for an empty value. Raises ValueError (French)."""
    kind = IndicatorKind(kind)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "oui" if raw else "non"
    text = str(raw).strip() if not isinstance(raw, int | float) else _number_text(raw)
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
    number = _parse_number(text.removesuffix("%").strip() if kind is IndicatorKind.POURCENTAGE else text)
    if number is None:
        expected = "un pourcentage" if kind is IndicatorKind.POURCENTAGE else "un nombre"
        raise ValueError(f"« {text} » n'est pas {expected} (exemple : 12 ou 12,5)")
    if kind is IndicatorKind.POURCENTAGE and not 0 <= number <= 1000:
        raise ValueError(f"« {text} » : un pourcentage doit être compris entre 0 et 1000")
    return _number_text(number)


def format_value(kind: IndicatorKind | str, canonical: str | None) -> str:
    """French display form of a canonical value ("12,5", "45 %", "Oui")."""
    if canonical is None or canonical == "":
        return ""
    kind = IndicatorKind(kind)
    if kind is IndicatorKind.OUI_NON:
        return canonical.capitalize()
    if kind in (IndicatorKind.NOMBRE, IndicatorKind.POURCENTAGE):
        shown = canonical.replace(".", ",")
        return f"{shown} %" if kind is IndicatorKind.POURCENTAGE else shown
    return canonical


def numeric_value(canonical: str | None) -> float | None:
    if canonical is None:
        return None
    try:
        return float(canonical)
    except ValueError:
        return None


def _parse_number(text: str) -> float | None:
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return float(value)


def _number_text(number: float | int) -> str:
    value = Decimal(str(number)).normalize()
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


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
