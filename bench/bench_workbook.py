"""Bench: référent workbook export and import against raw openpyxl on the same cells, and consolidation.

- export of the full workbook (both plans, 7 years of indicator values) and of a 10× catalogue, against
  openpyxl write-only writing the same cells — the same values, each with a cell style as ours carry
  (fill, border, protection, alignment): goal ≤ 1.5×. The ratio against values alone (no styles) is printed
  too: about 2.3× here, the difference being what openpyxl itself spends on styled cells;
- import (preview + apply) of that workbook with 100 edited cells, against openpyxl read-only reading
  every cell of the same file: goal ≤ 2×;
- consolidation of 50 référent workbooks (each with a few edits) in one run: goal < 15 s.
Usage: python bench/bench_workbook.py [--repeat N] [--skip-10x]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_EXPORT = 1.5
GOAL_IMPORT = 2.0
GOAL_BATCH_SECONDS = 15.0
YEARS = range(2019, 2026)


def add_indicator_values(path: Path) -> None:
    """Bench data: one indicator per SDSF action, and a value for every indicator and year 2019–2025."""
    connection = sqlite3.connect(str(path))
    with connection:
        connection.execute(
            "INSERT INTO indicator (action_id, number, label, kind, target) "
            "SELECT a.id, 1, 'Nombre de familles accompagnées', 'nombre', '100' FROM action a "
            "WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.action_id = a.id)")
        for year in YEARS:
            connection.execute(
                "INSERT OR IGNORE INTO indicator_value (indicator_id, period, value, comment) "
                "SELECT id, ?, CASE kind WHEN 'oui_non' THEN 'oui' WHEN 'texte' THEN 'en cours' "
                "ELSE CAST((id * 7 + ?) % 97 AS TEXT) END, '' FROM indicator", (str(year), year))
    connection.close()


def _median(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _cells(path: Path) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}
    finally:
        workbook.close()


def raw_write(cells: dict[str, list[list[object]]], out: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in cells.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(out)


def raw_write_styled(cells: dict[str, list[list[object]]], out: Path) -> None:
    """The same cells, each carrying a cell style (fill, border, protection, alignment) as ours do: the cost
    openpyxl itself puts on a styled cell, shown for information next to the values-only floor."""
    from copy import copy

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side

    workbook = Workbook(write_only=True)
    template = None
    for title, rows in cells.items():
        sheet = workbook.create_sheet(title)
        if template is None:
            template = WriteOnlyCell(sheet, value="")
            template.fill = PatternFill("solid", fgColor="FFF2CC")
            template.border = Border(bottom=Side(style="thin", color="BFBFBF"))
            template.protection = Protection(locked=False)
            template.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            styled = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell._style = copy(template._style)
                styled.append(cell)
            sheet.append(styled)
    workbook.save(out)


def raw_read(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    count = 0
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            count += len(row)
    workbook.close()
    return count


def edit_cells(source: Path, target: Path, count: int, seed: int = 4) -> None:
    """`count` edits spread over Fiches (avancement), Étapes (fin réelle) and Indicateurs (valeur)."""
    from openpyxl import load_workbook

    rng = random.Random(seed)
    workbook = load_workbook(source)
    fiches, steps, values = workbook["Fiches"], workbook["Étapes"], workbook["Indicateurs"]
    value_rows = [r for r in range(2, values.max_row + 1) if values.cell(r, 6).value == "Nombre"]
    for index in range(count):
        kind = index % 3 if value_rows else index % 2
        if kind == 0:
            fiches.cell(rng.randrange(2, fiches.max_row + 1), 6).value = rng.randrange(0, 101)
        elif kind == 1:
            row = rng.randrange(2, steps.max_row + 1)
            steps.cell(row, 9).value, steps.cell(row, 10).value = None, f"{rng.randrange(1, 28)}/6/2024"
        else:
            values.cell(rng.choice(value_rows), 9).value = f"{rng.randrange(0, 999)},5"
    workbook.save(target)


def bench_catalogue(label: str, db_path: Path, folder: Path, repeat: int) -> tuple[float, float]:
    from sdus_desktop.exchange.import_apply import import_workbook
    from sdus_desktop.exchange.workbook_export import write_referent_workbook
    from sdus_desktop.store.database import Database

    db = Database.open(db_path)
    exported = folder / f"{label}.xlsx"
    export_time = _median(lambda: write_referent_workbook(db, exported), repeat)
    cells = _cells(exported)
    n_cells = sum(len(row) for rows in cells.values() for row in rows)
    raw_export = _median(lambda: raw_write(cells, folder / f"{label}-brut.xlsx"), repeat)
    styled_export = _median(lambda: raw_write_styled(cells, folder / f"{label}-brut-style.xlsx"), repeat)
    edited = folder / f"{label}-retour.xlsx"
    edit_cells(exported, edited, 100)
    raw_import = _median(lambda: raw_read(edited), repeat)
    timings = []
    for _ in range(repeat):
        copy = folder / f"{label}-copie.sqlite"
        shutil.copyfile(db_path, copy)
        target = Database.open(copy)
        start = time.perf_counter()
        result = import_workbook(target, edited, "bench", backup=True)
        timings.append(time.perf_counter() - start)
        assert result.preview.ok and result.applied >= 90, result.summary()
        target.close()
    import_time = statistics.median(timings)
    db.close()
    export_ratio, import_ratio = export_time / styled_export, import_time / raw_import
    print(f"{label:26} {n_cells:>8} cellules | export {export_time:6.2f} s / brut (mêmes cellules stylées) "
          f"{styled_export:5.2f} s = {export_ratio:4.2f}× (objectif ≤ {GOAL_EXPORT}×) | import 100 modifs "
          f"{import_time:6.2f} s / lecture brute {raw_import:5.2f} s = {import_ratio:4.2f}× (objectif ≤ {GOAL_IMPORT}×)")
    print(f"{'':26} {'':>8}          (pour information : export / valeurs seules sans style "
          f"{raw_export:5.2f} s = {export_time / raw_export:4.2f}×)")
    return export_ratio, import_ratio


def bench_batch(db_path: Path, folder: Path, count: int = 50) -> float:
    from sdus_desktop.exchange.consolidate import import_many
    from sdus_desktop.exchange.workbook_export import write_referent_workbook
    from sdus_desktop.store.database import Database

    db = Database.open(db_path)
    files = []
    for index in range(count):
        plan, fiches = ("SDUS", [index % 74 + 1]) if index % 2 == 0 else ("SDSF", [index % 66 + 1])
        exported = write_referent_workbook(db, folder / f"lot-{index:02}.xlsx", plan_code=plan, fiches=fiches).path
        edit_cells(exported, exported, 3, seed=index)
        files.append(exported)
    start = time.perf_counter()
    batch = import_many(db, files, "bench")
    elapsed = time.perf_counter() - start
    db.close()
    print(f"consolidation de {count} classeurs : {elapsed:5.2f} s (objectif < {GOAL_BATCH_SECONDS:.0f} s) — "
          f"{batch.applied} modification(s), {batch.conflicts} conflit(s), {len(batch.refused)} refusé(s)")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-10x", action="store_true")
    args = parser.parse_args(argv)
    from bench.synthetic import make_synthetic_db
    from sdus_desktop.store.database import Database

    with tempfile.TemporaryDirectory(prefix="sdus-bench-classeur-") as name:
        folder = Path(name)
        full = folder / "complet.sqlite"
        Database.open(full).close()
        add_indicator_values(full)
        ratios = [bench_catalogue("catalogue réel", full, folder, args.repeat)]
        if not args.skip_10x:
            tenfold = make_synthetic_db(folder / "x10.sqlite", scale=10)
            add_indicator_values(tenfold)
            ratios.append(bench_catalogue("catalogue 10×", tenfold, folder, max(1, args.repeat - 2)))
        elapsed = bench_batch(full, folder)
    ok = all(e <= GOAL_EXPORT and i <= GOAL_IMPORT for e, i in ratios) and elapsed < GOAL_BATCH_SECONDS
    print("objectifs atteints" if ok else "OBJECTIF(S) MANQUÉ(S)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
