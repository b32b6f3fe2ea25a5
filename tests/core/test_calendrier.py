from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.calendrier import Period, parse_calendrier


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("Fin 2019", date(2019, 10, 1), date(2019, 12, 31)),
        ("Fin 2018", date(2018, 10, 1), date(2018, 12, 31)),
        ("Début 2020", date(2020, 1, 1), date(2020, 3, 31)),
        ("1er semestre 2020", date(2020, 1, 1), date(2020, 6, 30)),
        ("2nd semestre 2020", date(2020, 7, 1), date(2020, 12, 31)),
        ("2ème semestre 2021", date(2021, 7, 1), date(2021, 12, 31)),
        ("second semestre 2019", date(2019, 7, 1), date(2019, 12, 31)),
        ("2019-2020", date(2019, 1, 1), date(2020, 12, 31)),
        ("2019 - 2022", date(2019, 1, 1), date(2022, 12, 31)),
        ("2020- 2021", date(2020, 1, 1), date(2021, 12, 31)),
        ("2021-2023", date(2021, 1, 1), date(2023, 12, 31)),
        ("Fin 2019 – début 2020", date(2019, 10, 1), date(2020, 3, 31)),
        ("3ème trimestre 2020", date(2020, 7, 1), date(2020, 9, 30)),
        ("Septembre 2019", date(2019, 9, 1), date(2019, 9, 30)),
        ("à partir de 2020 et jusqu'en 2023", date(2020, 1, 1), date(2023, 12, 31)),
        ("FIN 2019", date(2019, 10, 1), date(2019, 12, 31)),
        ("2020/2021", date(2020, 1, 1), date(2021, 12, 31)),
        ("2020 / 2021", date(2020, 1, 1), date(2021, 12, 31)),
        ("02/2021", date(2021, 2, 1), date(2021, 2, 28)),
        ("À compter de 2021 et jusqu'en 2022", date(2021, 1, 1), date(2022, 12, 31)),
    ],
)
def test_understood_calendriers(text: str, start: date, end: date) -> None:
    assert parse_calendrier(text) == Period(start, end)


@pytest.mark.parametrize(
    "text", ["", None, "Permanent", "En continu", "Durée du schéma", "1850", "2023-2019", "31/02/2020 2019", "13/2020"]
)
def test_not_understood_gives_no_dates(text: str | None) -> None:
    assert parse_calendrier(text) is None


def test_fin_has_due_date_at_end_of_year() -> None:
    period = parse_calendrier("Fin 2019")
    assert period is not None and period.end == date(2019, 12, 31)
    assert list(period.years) == [2019]


@pytest.mark.slow
@given(st.text())
def test_never_raises(text: str) -> None:
    result = parse_calendrier(text)
    assert result is None or result.end is None or result.start <= result.end


@given(st.integers(2000, 2100), st.integers(0, 10))
def test_year_ranges(first: int, span: int) -> None:
    last = min(first + span, 2100)
    for sep in ("-", " - ", "- ", " à "):
        period = parse_calendrier(f"{first}{sep}{last}")
        assert period == Period(date(first, 1, 1), date(last, 12, 31))


@given(st.integers(2000, 2100), st.sampled_from(["1er", "2nd"]))
def test_semesters_cover_half_a_year(year: int, which: str) -> None:
    period = parse_calendrier(f"{which} semestre {year}")
    assert period is not None
    assert period.start.year == period.end.year == year
    assert (period.start.month, period.end.month) == ((1, 6) if which == "1er" else (7, 12))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2020 et suivantes", date(2020, 1, 1)),
        ("À compter de 2021", date(2021, 1, 1)),
        ("A compter de 2021", date(2021, 1, 1)),
        ("à partir de 2020", date(2020, 1, 1)),
        ("Dès 2022", date(2022, 1, 1)),
        ("Fin 2019 et au-delà", date(2019, 10, 1)),
    ],
)
def test_open_ended_periods_have_no_end(text: str, start: date) -> None:
    period = parse_calendrier(text)
    assert period == Period(start, None)
    assert list(period.years) == [start.year]


def test_open_ended_step_is_never_late() -> None:
    from sdus_desktop.core.lateness import effective_period, is_step_late

    start, end = effective_period("2020 et suivantes", None, None)
    assert (start, end) == (date(2020, 1, 1), None)
    assert not is_step_late(end, "en_cours", date(2026, 11, 30))
    # a date the user sets is a deadline again
    _, end = effective_period("2020 et suivantes", None, date(2021, 6, 30))
    assert is_step_late(end, "en_cours", date(2026, 11, 30))
