"""Whatever texts a definition holds (accents, « = » or « - » first, <, &, line breaks, 32 767 characters),
writing it and reading it back gives the same definition."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sdus_desktop.exchange.plan_model import (
    FICHE_LIST_FIELDS,
    FICHE_TEXT_FIELDS,
    AxeDef,
    EtapeDef,
    FicheDef,
    GroupDef,
    IndicatorDef,
    PlanDefinition,
    PlanInfo,
)
from sdus_desktop.exchange.plan_read import read_definition
from sdus_desktop.exchange.plan_workbook import write_definition

_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
_LINE = st.text(_CHARS, min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool)
_TEXT = st.lists(_LINE, min_size=0, max_size=3).map("\n".join)
_ITEM = _LINE.filter(lambda t: not t.startswith("- "))
_TITLE = _LINE


@st.composite
def definitions(draw) -> PlanDefinition:  # type: ignore[no-untyped-def]
    definition = PlanDefinition(PlanInfo("P-1", draw(_TITLE), 2024, 2026, "Thématique", "clos", "ANCIEN"))
    definition.groups = [GroupDef(1, draw(_TITLE)), GroupDef(2, draw(_TITLE))]
    definition.axes = [AxeDef(1, 1, draw(_TITLE)), AxeDef(2, 1, draw(_TITLE))]
    for number in range(1, draw(st.integers(1, 3)) + 1):
        texts = {name: (draw(st.lists(_ITEM, max_size=3)) if name in FICHE_LIST_FIELDS else draw(_TEXT))
                 for name, _ in FICHE_TEXT_FIELDS}
        fiche = FicheDef(number, draw(_TITLE), 1 + number % 2, 1, f"Action {number}", texts, key=number)
        fiche.etapes = [EtapeDef(n, draw(_LINE), draw(st.sampled_from(["", "2024", "Fin 2025", "=2025"])), key=n)
                        for n in range(1, draw(st.integers(0, 3)) + 1)]
        fiche.indicators = [IndicatorDef(1, draw(_LINE), draw(st.sampled_from(["nombre", "oui_non", "texte"])),
                                         draw(st.sampled_from(["", "100", "- 5 %"])), key=1)]
        definition.fiches.append(fiche)
    return definition


def _comparable(definition: PlanDefinition) -> tuple[object, ...]:
    return (definition.plan,
            [(g.number, g.title) for g in definition.groups],
            [(a.group, a.number, a.title) for a in definition.axes],
            [(f.key, f.number, f.label, f.group, f.axe, f.title, [f.text(n) for n, _ in FICHE_TEXT_FIELDS],
              [(e.key, e.number, e.label, e.calendrier) for e in f.etapes],
              [(i.key, i.number, i.label, i.kind, i.target) for i in f.indicators]) for f in definition.fiches])


@settings(max_examples=25, deadline=None)
@given(definitions())
def test_write_then_read_gives_the_same_definition(definition: PlanDefinition) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_definition(definition, Path(folder) / "plan.xlsx")
        read = read_definition(path)
    assert read.ok, read.errors[:5]
    assert read.definition is not None
    assert _comparable(read.definition) == _comparable(definition)


def test_longest_cell_round_trips(tmp_path: Path) -> None:
    definition = PlanDefinition(PlanInfo("LONG", "Plan", 2024, 2025))
    definition.groups, definition.axes = [GroupDef(1, "O")], [AxeDef(1, 1, "A")]
    definition.fiches = [FicheDef(1, "F", 1, 1, "Action 1", {"problematique": "é" * 32_767}, key=1)]
    read = read_definition(write_definition(definition, tmp_path / "long.xlsx"))
    assert read.ok and read.definition is not None
    assert read.definition.fiches[0].text("problematique") == "é" * 32_767


def test_text_longer_than_a_cell_is_not_cut_on_export(tmp_path: Path) -> None:
    import pytest

    from sdus_desktop.exchange.plan_workbook import DefinitionTooLong

    definition = PlanDefinition(PlanInfo("LONG", "Plan", 2024, 2025))
    definition.groups, definition.axes = [GroupDef(1, "O")], [AxeDef(1, 1, "A")]
    definition.fiches = [FicheDef(1, "F", 1, 1, "Action 1", {"methodologie": "x" * 40_000}, key=1)]
    with pytest.raises(DefinitionTooLong, match=r"Fiches!N2 : texte de 40000 caractères"):
        write_definition(definition, tmp_path / "trop.xlsx")
    assert not (tmp_path / "trop.xlsx").exists()
