"""The one parser of numbers people type, paste or import: exact decimals, never a float on the way.

"12,5", " 1 234,5 ", "1e3", a spreadsheet's 0.1 (a float: read through its shortest repr, so 0.1 is "0.1") and
12345678901234567890 all become an exact `Decimal`, written back in canonical decimal form ("12.5", "1234.5",
"1000", "0.1", "12345678901234567890"). What is not a finite number of a sensible size (inf, nan, 1e400) is
refused with a French reason; the caller adds the place (« fiche 12 · indicateur 2 · 2024 : … »).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext

INVALID = "nombre trop grand ou invalide : saisissez un nombre comme 1 234,5"
# Beyond 10^100 (or finer than 10^-100) a typed number is a mistake, and it would no longer fit a float for charts.
MAX_EXPONENT = 100


class NotANumber(ValueError):
    """The text is not a number at all (« douze »): the caller says what it expected."""


def to_decimal(raw: object) -> Decimal:
    """The exact number `raw` stands for (int, float, Decimal or typed text), without any size check.

    Raises NotANumber for a text that is not a number, ValueError(INVALID) for inf or nan."""
    if isinstance(raw, bool):
        raise NotANumber(str(raw))
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))  # shortest round-trip text: 0.1 is 0.1, not 0.1000000000000000055…
    else:
        text = "" if raw is None else str(raw)
        cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").strip()
        if cleaned.count(",") == 1 and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise NotANumber(text) from None
    if not value.is_finite():
        raise ValueError(INVALID)
    return value


def parse_number(raw: object) -> Decimal:
    """`to_decimal`, refusing also a number too large or too fine to be meant (ValueError(INVALID))."""
    value = to_decimal(raw)
    exponent = _normal(value).as_tuple().exponent
    if value and (value.adjusted() > MAX_EXPONENT or isinstance(exponent, int) and exponent < -MAX_EXPONENT):
        raise ValueError(INVALID)
    return value


def canonical(value: Decimal) -> str:
    """Canonical decimal text, exactly: no exponent, no trailing zeros, "0" for -0 ("12.5", "1000")."""
    if not value.is_finite():
        return str(value)
    text = format(_normal(value), "f")
    return "0" if text in ("-0", "") else text


def canonical_text(raw: object) -> str:
    """parse_number then canonical: the stored text of a typed number. Raises NotANumber / ValueError."""
    return canonical(parse_number(raw))


def as_decimal(stored: object) -> Decimal | None:
    """A stored number (text, float, Decimal) as a finite Decimal; None for anything else. Never raises:
    a value written by an older version ("Infinity", "NaN") or a text is simply not a number."""
    try:
        return to_decimal(stored)
    except ValueError:
        return None


def fits_float(value: Decimal) -> bool:
    """Whether a float (a REAL column) holds `value` exactly as typed."""
    number = float(value)
    return number == number and abs(number) != float("inf") and Decimal(repr(number)) == value


def _normal(value: Decimal) -> Decimal:
    with localcontext() as context:  # normalize() rounds to the context's precision: give it every digit
        context.prec = max(28, len(value.as_tuple().digits))
        return value.normalize()



def spreadsheet_number(stored: str) -> int | float | None:
    """The number a spreadsheet cell holds for a stored value without changing it (Excel keeps 15 significant
    digits); None when it cannot — the value then travels as text — or when it is not a number."""
    value = as_decimal(stored)
    if value is None or len(_normal(value).as_tuple().digits) > 15 or not fits_float(value):
        return None
    number = float(value)
    return int(value) if value == value.to_integral_value() else number
