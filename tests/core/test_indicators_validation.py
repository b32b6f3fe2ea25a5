from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.indicators import IndicatorKind, format_value, guess_kind, parse_period, parse_value
from sdus_desktop.core.text import fold, matches_all_words
from sdus_desktop.core.validation import check_avancement, check_order, format_date, parse_date


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("nombre", "12", "12"), ("nombre", "12,5", "12.5"), ("nombre", " 1 200 ", "1200"), ("nombre", 3.0, "3"),
        ("nombre", 7, "7"), ("pourcentage", "45 %", "45"), ("pourcentage", "45,5%", "45.5"),
        ("oui_non", "Oui", "oui"), ("oui_non", "NON", "non"), ("oui_non", True, "oui"),
        ("texte", "  en cours  ", "en cours"), ("nombre", "", None), ("texte", None, None),
    ],
)
def test_parse_value(kind: str, raw: object, expected: str | None) -> None:
    assert parse_value(kind, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [("nombre", "douze", "n'est pas un nombre"), ("pourcentage", "beaucoup", "n'est pas un pourcentage"),
     ("oui_non", "peut-être", "n'est pas oui ou non"), ("nombre", "nan", "nombre trop grand ou invalide")],
)
def test_parse_value_refuses_with_french_message(kind: str, raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(kind, raw)


@given(st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False))
def test_number_round_trip_through_french_display(value) -> None:  # type: ignore[no-untyped-def]
    canonical = parse_value("nombre", str(value))
    assert canonical is not None
    assert parse_value("nombre", format_value("nombre", canonical)) == canonical


def test_format_value() -> None:
    assert format_value("nombre", "12.5") == "12,5"
    assert format_value("pourcentage", "45") == "45 %"
    assert format_value("oui_non", "oui") == "Oui"
    assert format_value("texte", None) == ""


@pytest.mark.parametrize(("raw", "expected"), [("2021", "2021"), (2021, "2021"), (2021.0, "2021"),
                                               ("2021-T2", "2021-T2"), ("2021 t4", "2021-T4")])
def test_parse_period(raw: object, expected: str) -> None:
    assert parse_period(raw) == expected


@pytest.mark.parametrize("raw", ["21", "2021-T5", "année 2021", "1999", None])
def test_parse_period_refuses(raw: object) -> None:
    with pytest.raises(ValueError, match="période invalide"):
        parse_period(raw)


def test_kind_guess_and_labels() -> None:
    assert guess_kind("Nombre de conventions signées") is IndicatorKind.NOMBRE
    assert guess_kind("Taux de participation") is IndicatorKind.POURCENTAGE
    assert guess_kind("Élaboration effective de la charte") is IndicatorKind.OUI_NON
    assert guess_kind("Qualité des échanges") is IndicatorKind.TEXTE
    assert IndicatorKind.from_label("Oui/Non") is IndicatorKind.OUI_NON


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("15/03/2021", date(2021, 3, 15)), ("15/3/21", date(2021, 3, 15)), ("2021-03-15", date(2021, 3, 15)),
     ("1.2.2020", date(2020, 2, 1)), (datetime(2021, 3, 15, 0, 0), date(2021, 3, 15)), ("", None), (None, None)],
)
def test_parse_date(raw: object, expected: date | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [("31/02/2020", "ce jour n'existe pas"), ("15/03/1999", "entre 2000 et 2100"), ("hier", "jj/mm/aaaa"),
     ("2101-01-01", "entre 2000 et 2100")],
)
def test_parse_date_refuses(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(raw)


def test_order_and_avancement() -> None:
    check_order(date(2020, 1, 1), date(2020, 1, 1))
    with pytest.raises(ValueError, match="antérieure à la date de début 02/01/2020"):
        check_order(date(2020, 1, 2), date(2020, 1, 1))
    assert format_date(date(2021, 3, 5)) == "05/03/2021"
    assert check_avancement("50 %") == 50
    with pytest.raises(ValueError, match="entre 0 et 100"):
        check_avancement(150)


def test_fold_is_accent_and_case_insensitive() -> None:
    assert fold("Élaboration  de la CHARTE") == "elaboration de la charte"
    assert fold("Cœur") == "coeur"
    assert matches_all_words("charte elabor", fold("Élaboration de la charte"))
    assert not matches_all_words("charte mobilité", fold("Élaboration de la charte"))
