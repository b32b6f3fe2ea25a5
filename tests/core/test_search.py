"""Search rules: number queries, whole numbers, accent-insensitive words, title first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.search import Query, Searchable, parse_query, score


@pytest.mark.parametrize(("text", "query"), [
    ("12", Query(number=12)), ("fiche 12", Query(number=12, plan="SDUS")), ("Fiche n° 12", Query(number=12, plan="SDUS")),
    ("SDSF 3", Query(number=3, plan="SDSF")), ("action 3", Query(number=3, plan="SDSF")),
    ("sdus fiche action 4", Query(number=4, plan="SDUS")),
    ("Mobilité", Query(words=("mobilite",))), ("2021", Query(words=("2021",))),
    ("action sociale", Query(words=("action", "sociale"))),
])
def test_parse(text: str, query: Query) -> None:
    assert parse_query(text) == query


def _fiche(number: int = 7, plan: str = "SDUS", title: str = "Encourager le numérique",
           rest: str = "Calendrier 2019-2023, réunion du 15/03/2021. Mobilité des personnes âgées") -> Searchable:
    return Searchable.of(number, plan, title, rest)


def test_words_anywhere_accents_and_case_ignored() -> None:
    assert score(parse_query("MOBILITE numerique"), _fiche()) > 0
    assert score(parse_query("mobilité absente"), _fiche()) == 0


def test_a_number_never_matches_inside_a_date_or_a_year() -> None:
    assert score(parse_query("3"), _fiche()) == 0
    assert score(parse_query("3 réunion"), _fiche()) == 0
    assert score(parse_query("2021"), _fiche()) > 0
    assert score(parse_query("3"), _fiche(number=3)) > 0


def test_title_weighs_more_than_other_text() -> None:
    assert score(parse_query("numerique"), _fiche()) > score(parse_query("mobilite"), _fiche())


def test_the_named_plan_comes_first() -> None:
    sdsf, sdus = _fiche(number=3, plan="SDSF"), _fiche(number=3, plan="SDUS")
    assert score(parse_query("SDSF 3"), sdsf) > score(parse_query("SDSF 3"), sdus) > 0
    assert score(parse_query("12"), _fiche(number=3)) == 0


@given(st.integers(1, 999), st.sampled_from(["", "fiche ", "action ", "SDUS ", "sdsf ", "n° "]))
def test_any_number_query_finds_its_fiche(number: int, prefix: str) -> None:
    query = parse_query(f"{prefix}{number}")
    assert query.number == number
    assert score(query, _fiche(number=number)) >= 1000
