"""Plan states: one vocabulary, every spelling of it read, one way of showing it."""

from __future__ import annotations

import pytest

from sdus_desktop.core.plan_states import (
    CHOICES_TEXT,
    CLOS,
    EN_COURS,
    parse_state,
    state_label,
    unknown_state,
)


@pytest.mark.parametrize("typed", ["en cours", "en-cours", "En Cours", "EN_COURS", "  en   cours ", "én cours"])
def test_every_spelling_of_en_cours_is_read(typed: str) -> None:
    assert parse_state(typed) == EN_COURS


@pytest.mark.parametrize("typed", ["clos", "Clos", "CLÔS", " clos "])
def test_every_spelling_of_clos_is_read(typed: str) -> None:
    assert parse_state(typed) == CLOS


def test_unknown_states_and_labels() -> None:
    assert parse_state("archivé") is None and parse_state("") is None
    assert state_label(EN_COURS) == "en cours" and state_label(CLOS) == "clos"
    assert CHOICES_TEXT == "« en cours » ou « clos »"
    assert unknown_state("fini") == "état « fini » inconnu (« en cours » ou « clos »)"
