"""Bench: importing a plan definition of 300 fiches and 1 500 étapes (a new plan: read, check, preview,
verified backup, one transaction, journal) against openpyxl read-only reading every cell of the same
file (the floor, measured in the same run). Goal ≤ 2×. The avenant of the same plan (re-import of its
export with 30 texts changed) is measured against openpyxl reading that export the same way. Goal ≤ 2×.
Usage: python bench/bench_plan_import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL = 2.0
FICHES = 300
ETAPES_PER_FICHE = 5
CALENDRIERS = ("2024", "Fin 2024", "1er semestre 2025", "2025/2026", "2026 et suivantes", "À compter de 2025")


def build_definition(out: Path) -> Path:
    from sdus_desktop.exchange.plan_model import (
        AxeDef,
        EtapeDef,
        FicheDef,
        GroupDef,
        IndicatorDef,
        PlanDefinition,
        PlanInfo,
    )
    from sdus_desktop.exchange.plan_workbook import write_definition

    definition = PlanDefinition(PlanInfo("BENCH", "Plan de mesure", 2024, 2028))
    definition.groups = [GroupDef(n, f"Orientation {n} : agir pour l'autonomie") for n in range(1, 6)]
    definition.axes = [AxeDef(g, a, f"Axe {a} de l'orientation {g}") for g in range(1, 6) for a in range(1, 5)]
    for n in range(1, FICHES + 1):
        group, axe = (n - 1) % 5 + 1, (n - 1) % 4 + 1
        texts = {"pilotage": ["Conseil départemental", "CAF"], "partenaires": ["MSA", "CCSS", "Communes et EPCI"],
                 "problematique": f"Problématique de la fiche {n}. " * 20, "methodologie": "- réunir\n- évaluer",
                 "objectifs": [f"Objectif {n}.{k}" for k in range(1, 4)], "public": "Tout public"}
        fiche = FicheDef(n, f"Fiche {n} : développer l'accompagnement", group, axe, f"Action N°{n}", texts)
        fiche.etapes = [EtapeDef(e, f"Étape {e} de la fiche {n} : organiser les rencontres",
                                 CALENDRIERS[(n + e) % len(CALENDRIERS)]) for e in range(1, ETAPES_PER_FICHE + 1)]
        fiche.indicators = [IndicatorDef(1, "Nombre de personnes accompagnées", "nombre", "100"),
                            IndicatorDef(2, "Charte signée", "oui_non", "")]
        definition.fiches.append(fiche)
    return write_definition(definition, out)


def read_floor(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    count = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            count += sum(1 for value in row if value is not None)
    workbook.close()
    return count


def _check(result, changes: int | None) -> None:  # type: ignore[no-untyped-def]
    assert result.applied, result.errors[:5]
    assert changes is None or len(result.lines) == changes, result.lines[:3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from sdus_desktop.exchange.plan_import import import_plan_file
    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from sdus_desktop.exchange.plan_workbook import write_definition
    from sdus_desktop.store.database import Database

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = build_definition(root / "plan.xlsx")
        template_db = root / "modele.sqlite"
        Database.open(template_db).close()
        cells = read_floor(source)

        def timed(function) -> float:  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            function()
            return time.perf_counter() - start

        # Floor and import alternate in each run (the machine's load varies): the ratio is a median of ratios.
        create_ratios, floors, creates = [], [], []
        for _ in range(args.repeat):
            path = root / "base.sqlite"
            shutil.copyfile(template_db, path)
            db = Database.open(path)
            try:
                floors.append(timed(lambda: read_floor(source)))
                creates.append(timed(lambda db=db: _check(import_plan_file(db, source, "bench"), None)))
                create_ratios.append(creates[-1] / floors[-1])
            finally:
                db.close()
        db = Database.open(root / "base.sqlite")
        try:
            definition = definition_of(db, "BENCH")
            assert definition is not None and definition.etape_count == FICHES * ETAPES_PER_FICHE
            for fiche in definition.fiches[:30]:
                fiche.texts["vigilance"] = f"Point de vigilance ajouté par l'avenant ({fiche.number})."
            avenant_file = write_definition(definition, root / "avenant.xlsx")
            backup = root / "avant-avenant.sqlite"
            shutil.copyfile(root / "base.sqlite", backup)
            amend_ratios, amend_floors, amends = [], [], []
            for _ in range(args.repeat):
                db.close()
                shutil.copyfile(backup, root / "base.sqlite")
                amend_floors.append(timed(lambda: read_floor(avenant_file)))  # its own cells (keys, labels)
                amends.append(timed(lambda: _check(import_plan_file(db, avenant_file, "bench"), 30)))
                amend_ratios.append(amends[-1] / amend_floors[-1])
        finally:
            db.close()
    floor, create, create_ratio = statistics.median(floors), statistics.median(creates), statistics.median(create_ratios)
    amend, amend_ratio = statistics.median(amends), statistics.median(amend_ratios)
    print(f"cells read: {cells} ({FICHES} fiches, {FICHES * ETAPES_PER_FICHE} étapes), {args.repeat} runs")
    print(f"openpyxl read-only floor: {floor:.3f} s (median)")
    print(f"plan import (new plan):   {create:.3f} s  ratio {create_ratio:.2f}× (median of ratios; goal ≤ {GOAL}×)")
    print(f"openpyxl read-only floor of the avenant file: {statistics.median(amend_floors):.3f} s")
    print(f"plan import (avenant):    {amend:.3f} s  ratio {amend_ratio:.2f}× (goal ≤ {GOAL}×)")
    ok = create_ratio <= GOAL and amend_ratio <= GOAL
    print("OK" if ok else "ABOVE GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
