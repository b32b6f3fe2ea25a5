"""core.people: the one rule for a person's name, and how a typed list of names is cut."""

from __future__ import annotations

import pytest

from sdus_desktop.core.people import check_name, join_names, name_problem, split_names


def test_a_comma_or_a_semicolon_is_refused_with_what_to_type() -> None:
    problem = name_problem("Dupont, Marie")
    assert problem is not None
    assert "« Dupont, Marie » contient une virgule : écrivez « Marie Dupont »" in problem
    assert "Dupont ; Marie" in problem       # or two people, separated by « ; »
    assert "point-virgule" in (name_problem("Marie ; Paul") or "")
    assert "retour à la ligne" in (name_problem("Marie\nPaul") or "")
    with pytest.raises(ValueError, match="nom vide"):
        check_name("   ")
    assert check_name("  Marie Dupont ") == "Marie Dupont" and name_problem("Jean-Marc d'Estaing") is None


def test_only_semicolons_and_line_breaks_separate_names() -> None:
    assert split_names("Dupont, Marie ; Paul Roux") == ["Dupont, Marie", "Paul Roux"]
    assert split_names("Paul Roux;Claire Martin\n ;\nAnne Arnal") == ["Paul Roux", "Claire Martin", "Anne Arnal"]
    assert join_names(["Paul Roux", "Claire Martin"]) == "Paul Roux ; Claire Martin"
