"""core.numbers: one exact parser of numbers — kept as typed, or refused with a French reason."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core import numbers
from sdus_desktop.core.indicator_rollup import sum_series
from sdus_desktop.core.indicator_targets import IndicatorSeries, format_target, parse_target
from sdus_desktop.core.indicators import exact_value, format_value, numeric_value, parse_value
from sdus_desktop.core.validation import check_avancement

NON_FINITE = ["1e400", "-1e400", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "sNaN", "1e-400",
              float("inf"), float("-inf"), float("nan"), Decimal("Infinity"), Decimal("NaN")]


@pytest.mark.parametrize(("raw", "expected"), [
    ("12345678901234567890", "12345678901234567890"), (12345678901234567890, "12345678901234567890"),
    ("1e3", "1000"), ("12,50", "12.5"), ("1 234,5", "1234.5"), ("1\u202f234,5", "1234.5"), (0.1, "0.1"),
    (1e16, "10000000000000000"), ("-0,0", "0"), ("0.30000000000000004", "0.30000000000000004"),
    ("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"),
])
def test_numbers_are_kept_exactly(raw: object, expected: str) -> None:
    assert numbers.canonical_text(raw) == expected
    assert parse_value("nombre", raw) == expected


@pytest.mark.parametrize("raw", NON_FINITE)
def test_non_finite_numbers_are_refused_everywhere(raw: object) -> None:
    for kind in ("nombre", "pourcentage"):
        with pytest.raises(ValueError, match="nombre trop grand ou invalide : saisissez un nombre comme 1 234,5"):
            parse_value(kind, raw)
        with pytest.raises(ValueError, match="trop grand ou invalide"):
            parse_target(kind, raw)
    with pytest.raises(ValueError, match="avancement invalide"):
        check_avancement(raw)


def test_not_a_number_keeps_its_own_message() -> None:
    with pytest.raises(numbers.NotANumber):
        numbers.parse_number("douze")
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        parse_value("nombre", "douze")


def test_avancement_is_never_rounded() -> None:
    assert check_avancement("50,0") == 50 and check_avancement(40.0) == 40
    for bad in ("50.0000000000000001", "50,5", "1e400"):
        with pytest.raises(ValueError, match="avancement invalide"):
            check_avancement(bad)


def test_a_target_a_real_column_would_round_is_refused() -> None:
    assert parse_target("nombre", "123456789012345") == 123456789012345.0
    assert parse_target("nombre", "0,1") == 0.1
    with pytest.raises(ValueError, match="cible trop précise"):
        parse_target("nombre", "12345678901234567890")


def test_stored_legacy_values_are_shown_as_stored_and_never_raise() -> None:
    for stored in ("Infinity", "-Infinity", "NaN", "inf"):
        assert format_value("nombre", stored) == stored
        assert format_value("pourcentage", stored) == stored
        assert numeric_value(stored) is None and exact_value(stored) is None
    assert format_target("nombre", float("inf")) == "inf" and format_target("nombre", float("nan")) == "nan"
    assert format_target("nombre", "Infinity") == "Infinity"
    assert format_target("nombre", 12345678901234567890) == "12345678901234567890"


def test_rollup_sums_are_exact() -> None:
    one = IndicatorSeries("SDUS", 1, 1, "Nombre de X", "nombre", "", None, ((2024, 0.1),), ((2024, 0.1),))
    two = IndicatorSeries("SDUS", 2, 1, "Nombre de X", "nombre", "", None, ((2024, 0.2),), ((2024, 0.2),))
    (total,) = sum_series([one, two])
    assert total.value == 0.3 and total.target == 0.3 and format_target("nombre", total.value) == "0,3"


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e90"), max_value=Decimal("1e90")))
def test_parse_of_format_round_trips(value: Decimal) -> None:
    canonical = parse_value("nombre", str(value))
    assert canonical is not None and Decimal(canonical) == value
    assert parse_value("nombre", format_value("nombre", canonical)) == canonical
    assert numbers.canonical(numbers.parse_number(canonical)) == canonical


@given(st.one_of(st.floats(), st.decimals(), st.text(), st.integers()))
def test_no_non_finite_value_is_ever_accepted(raw: object) -> None:
    for kind in ("nombre", "pourcentage", "texte"):
        try:
            canonical = parse_value(kind, raw)
        except ValueError:
            continue
        if canonical is not None and kind != "texte":
            number = Decimal(canonical)
            assert number.is_finite() and numbers.canonical(number) == canonical
            assert canonical.lower().lstrip("-") not in ("infinity", "nan", "inf", "snan")
    try:
        target = parse_target("nombre", raw)
    except ValueError:
        return
    assert target is None or target == target and abs(target) != float("inf")


def test_a_wording_too_long_to_be_a_number_gives_no_target() -> None:
    from sdus_desktop.core.comite_compare import target_number

    assert target_number("9" * 400) is None and target_number("40") == 40.0
