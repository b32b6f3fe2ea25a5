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


def test_fiche_texts_are_the_label_and_every_declared_searchable_field() -> None:
    from types import SimpleNamespace as Row

    from sdus_desktop.core import fields as f
    from sdus_desktop.core.search import fiche_texts

    values = {spec.name: (["L1", "L2"] if spec.kind == f.LIST else f"t-{spec.name}")
              for spec in f.fields_of("action") if spec.kind in (f.TEXT, f.LIST)}
    values["referents"] = [Row(name="Marie Dupont")]
    values["vigilance"] = None   # empty values are left out
    step = Row(label="Étape un", calendrier="2026", comment="", status="en_cours")
    value = Row(value="12", comment="note de période")
    indicator = Row(label="Nombre de places", target="40", values=[value])
    action = Row(label="Fiche 3", steps=[step], indicators=[indicator], **values)
    texts = fiche_texts(action)
    assert texts[0] == "Fiche 3" and "t-title" not in texts   # the title is ranked apart
    assert {"t-bilan", "Marie Dupont", "L1", "L2", "t-public", "Étape un", "2026", "Nombre de places", "40"} <= set(texts)
    assert "" not in texts and None not in texts and "note de période" not in texts   # value comments: not searched
