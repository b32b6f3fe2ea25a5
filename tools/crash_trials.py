"""Kill SDUS Desktop (SIGKILL) at random moments of an import, a backup, a restore, a migration, a plan change
(`sdus plan import` of an avenant, `sdus plan catalogue` applying a shipped release) or a series of edits, then
check what a person would find: the base intact (integrity_check), its content exactly as before or as after the
operation (or after one of the edits) — for a plan change, a dump of the whole plan structure and follow-up
data —, and every file under a backup name in `sauvegardes/` complete and restorable.

    python tools/crash_trials.py --trials 50            # every scenario, 50 kills each (outside CI)
    python tools/crash_trials.py --trials 5 import      # one scenario

tests/store/test_crash_trials.py runs a few trials of each scenario in the suite. Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OLD_DB = REPO / "tests" / "data" / "sdus_rev0001.sqlite"
EDITS = 40
# Content compared before/after: user data and what imports record (timestamps left out: they differ per run).
CONTENT_QUERIES = (
    "SELECT id, status, avancement, bilan FROM action ORDER BY id",
    "SELECT id, planned_start, planned_end, actual_start, actual_end, status, comment FROM step ORDER BY id",
    "SELECT indicator_id, period, value, comment FROM indicator_value ORDER BY indicator_id, period",
    "SELECT count(*) FROM journal",
    "SELECT count(*) FROM import_record",
    "SELECT count(*) FROM conflict",
)

CHILD = {
    "import": ("from sdus_desktop.exchange.consolidate import import_many\n"
               "from sdus_desktop.store.database import Database\n"
               "db = Database.open(Path(sys.argv[1])); print('go', flush=True)\n"
               "import_many(db, [Path(sys.argv[2])], 'essai')\n"),
    "backup": ("from sdus_desktop.store.backup import backup_database\n"
               "print('go', flush=True)\n"
               "for _ in range(20): backup_database(Path(sys.argv[1]), 'essai')\n"),
    "restore": ("from sdus_desktop.store.backup import restore_backup\n"
                "print('go', flush=True)\n"
                "restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))\n"),
    "migration": ("from sdus_desktop.store.database import Database\n"
                  "print('go', flush=True)\n"
                  "Database.open(Path(sys.argv[1]))\n"),
    "annulation": ("from sdus_desktop.exchange.import_undo import undo_import\n"
                   "from sdus_desktop.store.database import Database\n"
                   "db = Database.open(Path(sys.argv[1])); print('go', flush=True)\n"
                   "undo_import(db, 'essai', 1)\n"),
    "plan": ("from sdus_desktop.cli.main import main\n"
             "print('go', flush=True)\n"
             "main(['--db', sys.argv[1], '--user', 'essai', 'plan', 'import', sys.argv[2]])\n"),
    "catalogue": ("from sdus_desktop.cli.main import main\n"
                  "print('go', flush=True)\n"
                  "main(['--db', sys.argv[1], '--user', 'essai', 'plan', 'catalogue'])\n"),
    "edits": ("from sdus_desktop.store.database import Database\n"
              "from sdus_desktop.store.services import Services\n"
              "db = Database.open(Path(sys.argv[1])); services = Services(db, 'essai'); print('go', flush=True)\n"
              f"for n in range(1, {EDITS + 1}): services.set('action', 1, 'bilan', f'saisie {{n}}')\n"),
}


def content(path: Path) -> str:
    connection = sqlite3.connect(str(path))
    try:
        digest = hashlib.sha256()
        for query in CONTENT_QUERIES:
            digest.update(repr(connection.execute(query).fetchall()).encode())
        return digest.hexdigest()
    finally:
        connection.close()


PLAN_CHANGES = ("plan", "catalogue")
INTERMEDIATE: dict[str, set[str]] = {}   # scenario → states allowed between « avant » and « après »


def plan_dump(path: Path) -> str:
    """Plan change: every row of every table (structure, texts, archived flags, follow-up data, meta), in a
    stable order; the journal without its timestamps (they differ per run)."""
    connection = sqlite3.connect(str(path))
    try:
        digest = hashlib.sha256()
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{table}')")
                       if not (table == "journal" and row[1] == "at")]
            listed = ", ".join(f'"{column}"' for column in columns)
            rows = connection.execute(f'SELECT {listed} FROM "{table}" ORDER BY {listed}').fetchall()
            digest.update(repr((table, columns, rows)).encode())
        return digest.hexdigest()
    finally:
        connection.close()


def snapshot(name: str, path: Path) -> str:
    return plan_dump(path) if name in PLAN_CHANGES else content(path)


def integrity(path: Path) -> str | None:
    from sdus_desktop.store.backup import quick_check

    return quick_check(path, full=True)


@dataclass
class Scenario:
    name: str
    prepare: Callable[[Path], tuple[Path, list[str]]]   # folder → (base, extra argv)
    accept: Callable[[Path, dict[str, object]], str | None]   # (base, reference) → failure text or None


def _seeded(folder: Path, template: Path) -> Path:
    base = folder / "sdus.sqlite"
    shutil.copyfile(template, base)
    return base


def _child(name: str, argv: list[str], delay: float) -> None:
    script = "import sys\nfrom pathlib import Path\n" + CHILD[name]
    process = subprocess.Popen([sys.executable, "-c", script, *argv], stdout=subprocess.PIPE, text=True,
                               cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert process.stdout is not None
    process.stdout.readline()   # the child is ready: the operation starts now
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


def _backups_sound(base: Path) -> str | None:
    from sdus_desktop.store.backup import list_backups, quick_check

    for info in list_backups(base):
        damage = quick_check(info.path)
        if damage is not None:
            return f"sauvegarde illisible sous un nom définitif : {info.path.name} ({damage})"
    return None


def run_trials(names: list[str], trials: int, seed: int = 0, log: Callable[[str], None] = print) -> list[str]:
    """Kill each scenario `trials` times at random moments; the failures found (empty: all good)."""
    from sdus_desktop.store.database import Database
    from tests.exchange.helpers import edit_copy, export

    rng = random.Random(seed)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sdus-crash-") as tmp:
        root = Path(tmp)
        template = root / "modele.sqlite"
        db = Database.open(template)
        summary = export(db, root, plan_code="SDUS", fiches=[1, 2, 3])
        db.close()
        workbook = edit_copy(summary.path, root / "retour.xlsx",
                             {"Fiches": {"E2": "En cours", "F2": 40, "H2": "bilan", "H3": "autre"},
                              "Étapes": {"J2": "30/06/2021", "L3": "fait"}})
        imported = root / "importee.sqlite"   # the base an import was applied to (scenario « annulation »)
        shutil.copyfile(template, imported)
        from sdus_desktop.exchange.consolidate import import_many

        done = Database.open(imported)
        import_many(done, [workbook], "essai")
        done.close()
        backup_source = root / "copie.sqlite"
        shutil.copyfile(template, backup_source)
        with sqlite3.connect(str(backup_source)) as connection:
            connection.execute("UPDATE action SET bilan = 'restauré' WHERE id = 1")
        connection.close()
        plan_bases = _plan_change_inputs(root, imported) if set(names) & set(PLAN_CHANGES) else {}
        references: dict[str, tuple[str, str]] = {}

        def reference(name: str, base: Path, argv: list[str]) -> tuple[str, str]:
            if name not in references:
                before = snapshot(name, base)
                probe = root / f"ref-{name}"
                probe.mkdir()
                copy = probe / base.name
                shutil.copyfile(base, copy)
                started = time.perf_counter()
                _child(name, [str(copy), *argv[1:]], 10_000)
                references[name] = (before, snapshot(name, copy))
                if name in PLAN_CHANGES:
                    _plan_change_made(name, copy, before, references[name][1])
                log(f"{name} : opération complète en {time.perf_counter() - started:.2f} s")
                durations[name] = time.perf_counter() - started
            return references[name]

        durations: dict[str, float] = {}
        tally: dict[str, dict[str, int]] = {name: {} for name in names}
        for name in names:
            for trial in range(trials):
                folder = root / f"{name}-{trial}"
                folder.mkdir()
                if name == "migration":
                    base = folder / "sdus.sqlite"
                    shutil.copyfile(OLD_DB, base)
                    argv = [str(base)]
                elif name in PLAN_CHANGES:
                    template_base, extra = plan_bases[name]
                    base = _seeded(folder, template_base)
                    argv = [str(base), *extra]
                else:
                    base = _seeded(folder, imported if name == "annulation" else template)
                    argv = [str(base), str(workbook if name == "import" else backup_source)]
                if name == "migration":
                    before, after = _migration_reference(root, references)
                else:
                    before, after = reference(name, base, argv)
                delay = rng.uniform(0, durations.get(name, 2.0) * 1.1)
                _child(name, argv, delay)
                problem = _judge(name, base, before, after)
                outcome = "échec" if problem else _state(name, base, before, after)
                tally[name][outcome] = tally[name].get(outcome, 0) + 1
                if problem:
                    failures.append(f"{name} essai {trial} (arrêt à {delay:.3f} s) : {problem}")
            states = ", ".join(f"{count} {state}" for state, count in sorted(tally[name].items()))
            log(f"{name} : {trials} arrêt(s) brutal(aux) — {states}")
    return failures


def _plan_change_inputs(root: Path, imported: Path) -> dict[str, tuple[Path, list[str]]]:
    """Bases (with follow-up data: the imported one) and arguments of the plan change scenarios: an avenant of
    SDUS (a text changed, étapes renumbered and archived, a fiche archived, a fiche and its étape added), and a
    base whose catalogues are one version behind with titles that the shipped releases put back."""
    from openpyxl import load_workbook

    from sdus_desktop.exchange import plan_layout as L
    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from sdus_desktop.exchange.plan_workbook import write_definition
    from sdus_desktop.store.database import Database
    from tests.exchange.plan_helpers import edit, find_row

    db = Database.open(imported)
    try:
        definition = definition_of(db, "SDUS")
        assert definition is not None
        exported = write_definition(definition, root / "plan-sdus.xlsx")
    finally:
        db.close()
    f1 = find_row(exported, L.SHEET_FICHES, **{"N°": 1})
    f74 = find_row(exported, L.SHEET_FICHES, **{"N°": 74})
    e2 = [find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 2, "N°": n}) for n in (1, 2)]
    gone = [find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 74, "N°": n}) for n in (1, 2, 3)]
    gone.append(find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 1, "N°": 3}))
    indicators = load_workbook(exported, read_only=True)[L.SHEET_INDICATORS]
    header = [cell.value for cell in next(indicators.iter_rows(max_row=1))]
    gone_indicators = [row for row, values in enumerate(indicators.iter_rows(min_row=2, values_only=True), start=2)
                       if values[header.index("N° fiche")] == 74]
    avenant = edit(exported, root / "avenant.xlsx",
                   {L.SHEET_FICHES: {f"N{f1}": "Nouvelle méthodologie, issue de l'avenant n°1."},
                    L.SHEET_ETAPES: {f"C{e2[0]}": 2, f"C{e2[1]}": 1}},
                   delete_rows={L.SHEET_FICHES: [f74], L.SHEET_ETAPES: gone, L.SHEET_INDICATORS: gone_indicators},
                   append={L.SHEET_FICHES: [[None, 75, "Action N°75", 4, 4, "Former les agents à l'outil de suivi"]],
                           L.SHEET_ETAPES: [[75, None, 1, "Former les référents", "2026 et suivantes"]]})
    behind = root / "catalogue-ancien.sqlite"
    shutil.copyfile(imported, behind)
    with sqlite3.connect(str(behind)) as connection:
        connection.execute("UPDATE action SET title = 'Intitulé d''avant la version livrée' WHERE number IN (1, 2, 3)")
        connection.execute("UPDATE meta SET value = '2000.1' WHERE key LIKE 'catalogue_version:%'")
    connection.close()
    # Two releases (SDUS, then SDSF) are two transactions, each with its backup: a kill between them leaves
    # SDUS done alone (its version recorded, SDSF still offered) — the one state allowed « pendant ».
    between = root / "catalogue-sdus-seul.sqlite"
    shutil.copyfile(behind, between)
    from sdus_desktop.exchange.plan_release import apply_release, pending_releases, preview_release

    db = Database.open(between)
    try:
        first = pending_releases(db)[0]
        preview_release(db, first)
        outcome, _ = apply_release(db, first, "essai")
        assert first.code == "SDUS" and outcome.changed and not outcome.errors
    finally:
        db.close()
    INTERMEDIATE["catalogue"] = {plan_dump(between)}
    return {"plan": (imported, [str(avenant)]), "catalogue": (behind, [])}


def _plan_change_made(name: str, copy: Path, before: str, after: str) -> None:
    """The uninterrupted plan change must change the base and leave its verified backup (else trials prove nothing)."""
    from sdus_desktop.store.backup import list_backups

    if before == after or not any(info.verified() for info in list_backups(copy)):
        raise RuntimeError(f"{name} : l'opération complète n'a rien changé ou n'a pas laissé de sauvegarde vérifiée")


def _migration_reference(root: Path, references: dict[str, tuple[str, str]]) -> tuple[str, str]:
    if "migration" not in references:
        from sdus_desktop.store.database import Database

        copy = root / "ref-migration.sqlite"
        shutil.copyfile(OLD_DB, copy)
        Database.open(copy).close()
        references["migration"] = (_rows(OLD_DB), _rows(copy))
    return references["migration"]


def _rows(path: Path) -> str:
    """Migration: the user data (same tables in both revisions) and the revision."""
    connection = sqlite3.connect(str(path))
    try:
        data = [connection.execute(q).fetchall() for q in CONTENT_QUERIES[:4]]
        return hashlib.sha256(repr(data).encode()).hexdigest()
    finally:
        connection.close()


def _state(name: str, base: Path, before: str, after: str) -> str:
    """Where a killed operation left the base: « avant », « après » or, for edits, « pendant » (n of them done)."""
    if name == "migration":
        from sdus_desktop.store.migrations import current_revision

        return "avant" if current_revision(base) == "0001" else "après"
    if name == "edits":
        connection = sqlite3.connect(str(base))
        bilan, = connection.execute("SELECT bilan FROM action WHERE id = 1").fetchone()
        connection.close()
        return "avant" if bilan == "" else ("après" if bilan == f"saisie {EDITS}" else "pendant")
    if name == "backup":
        from sdus_desktop.store.backup import list_backups

        return f"{len(list_backups(base))} copies" if list_backups(base) else "avant"
    state = snapshot(name, base)
    return "avant" if state == before else ("pendant" if state in INTERMEDIATE.get(name, ()) else "après")


def _judge(name: str, base: Path, before: str, after: str) -> str | None:
    from sdus_desktop.store.migrations import current_revision

    damage = integrity(base)
    if damage is not None:
        return f"base endommagée : {damage}"
    if name == "migration":
        try:
            revision = current_revision(base)
        except Exception as error:  # noqa: BLE001 - a refused file is a failure to report
            return f"base refusée après l'arrêt : {error}"
        if _rows(base) != before:
            return f"données modifiées par une migration interrompue (révision {revision})"
    elif name == "edits":
        connection = sqlite3.connect(str(base))
        bilan, = connection.execute("SELECT bilan FROM action WHERE id = 1").fetchone()
        journal, = connection.execute("SELECT count(*) FROM journal").fetchone()
        connection.close()
        done = 0 if bilan == "" else int(bilan.split()[-1])
        if journal != done:
            return f"bilan « {bilan} » mais {journal} ligne(s) de journal"
    elif snapshot(name, base) not in {before, after, *INTERMEDIATE.get(name, ())}:
        return "contenu ni avant ni après l'opération"
    return _backups_sound(base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", metavar="SCÉNARIO", help=f"parmi {', '.join(CHILD)} (tous par défaut)")
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    names = args.scenarios or list(CHILD)
    unknown = [name for name in names if name not in CHILD]
    if unknown:
        parser.error(f"scénario(s) inconnu(s) : {', '.join(unknown)}")
    print(f"graine : {args.seed}")
    failures = run_trials(names, args.trials, args.seed)
    for failure in failures:
        print("ÉCHEC", failure)
    print("OK" if not failures else f"{len(failures)} échec(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
