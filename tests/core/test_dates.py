"""The one date parser: what people write on paper, never a rolled-over or guessed date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.dates import MAX_DATE, MIN_DATE, expand_year, parse_typed_date, preview

DAYS = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)


@pytest.mark.parametrize("typed", ["15/03/2021", "15/3/2021", "15/03/21", "15032021", "150321", "15.03.2021",
                                   "15-3-21", " 15 / 03 / 2021 ", "15 03 2021", "2021-03-15"])
def test_every_way_of_writing_the_same_day(typed: str) -> None:
    assert parse_typed_date(typed, reference_year=2026) == date(2021, 3, 15)


@pytest.mark.parametrize("typed", ["31/02/2021", "31022021", "29/02/2021", "00/03/2021", "15/13/2021", "32/01/2021"])
def test_impossible_days_are_refused_never_rolled_over(typed: str) -> None:
    with pytest.raises(ValueError, match="ce jour n'existe pas"):
        parse_typed_date(typed)


@pytest.mark.parametrize("typed", ["fin mars", "15/03", "1532021", "15/03/202", "2021", "15//03/2021", "5032021"])
def test_unreadable_text_is_refused_with_the_format(typed: str) -> None:
    with pytest.raises(ValueError, match="format attendu : jj/mm/aaaa"):
        parse_typed_date(typed)


@pytest.mark.parametrize("typed", ["31/12/1999", "01/01/2101", "15/03/99"])
def test_out_of_range_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="entre 2000 et 2100"):
        parse_typed_date(typed, reference_year=2026)


def test_blank_means_no_date() -> None:
    assert parse_typed_date("   ") is None


@pytest.mark.parametrize(("two", "reference", "year"), [(21, 2026, 2021), (99, 2026, 1999), (75, 2026, 2075),
                                                         (76, 2026, 1976), (0, 2026, 2000), (5, 2090, 2105)])
def test_two_digit_years_take_the_nearest_century(two: int, reference: int, year: int) -> None:
    assert expand_year(two, reference) == year


@given(st.integers(0, 99), st.integers(1900, 2200))
def test_expanded_year_is_within_half_a_century(two: int, reference: int) -> None:
    year = expand_year(two, reference)
    assert year % 100 == two and reference - 50 <= year <= reference + 49


@given(DAYS, st.sampled_from(["%d/%m/%Y", "%d%m%Y", "%d.%m.%Y", "%Y-%m-%d"]))
def test_any_valid_day_written_in_full_reads_back(day: date, pattern: str) -> None:
    assert parse_typed_date(day.strftime(pattern)) == day


@given(DAYS)
def test_unpadded_day_and_month_read_back(day: date) -> None:
    assert parse_typed_date(f"{day.day}/{day.month}/{day.year}") == day


@given(st.integers(1, 31), st.integers(1, 12), st.integers(2000, 2100))
def test_a_triple_is_either_that_exact_day_or_refused(day: int, month: int, year: int) -> None:
    try:
        expected: date | None = date(year, month, day)
    except ValueError:
        expected = None
    typed = f"{day:02d}/{month:02d}/{year}"
    if expected is None:
        with pytest.raises(ValueError):
            parse_typed_date(typed)
    else:
        assert parse_typed_date(typed) == expected


@given(st.text(max_size=12))
def test_any_text_gives_a_date_in_range_none_or_a_french_refusal(text: str) -> None:
    try:
        value = parse_typed_date(text)
    except ValueError as error:
        assert "date" in str(error)
    else:
        assert value is None or MIN_DATE <= value <= MAX_DATE


def test_preview_says_what_will_be_saved() -> None:
    assert preview("15/3/21", 2026) == (date(2021, 3, 15), "sera enregistré : lundi 15 mars 2021")
    assert preview("1/4/2021", 2026)[1] == "sera enregistré : jeudi 1er avril 2021"
    assert preview("31/02/2021", 2026)[0] is None
    assert "n'existe pas" in preview("31/02/2021", 2026)[1]
    assert preview("", 2026) == (None, "date effacée à l'enregistrement")
