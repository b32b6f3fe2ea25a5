"""The `sdus` command: init, info, JSON export, French errors and exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main


def run_cli(*args: str) -> int:
    return main(list(args))


def test_init_creates_and_seeds_then_leaves_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "base.sqlite"
    assert run_cli("--db", str(path), "init") == 0
    assert "Base créée" in capsys.readouterr().out
    assert run_cli("--db", str(path), "init") == 0
    assert "déjà présente, inchangée" in capsys.readouterr().out


def test_sdus_db_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("SDUS_DB", str(path))
    assert run_cli("init") == 0
    assert path.exists()


def test_info_counts(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--db", str(db_path), "info") == 0
    out = capsys.readouterr().out
    assert "74 actions" in out and "66 actions" in out
    assert "Non démarrée" in out and "Étapes en retard" in out


def test_json_export_has_every_fiche_step_and_indicator(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "export" / "donnees.json"
    assert run_cli("--db", str(db_path), "export", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("sdus-export", 1)
    plans = {plan["code"]: plan for plan in data["plans"]}
    assert set(plans) == {"SDUS", "SDSF"}

    def actions(code: str) -> list[dict]:
        return [a for o in plans[code]["orientations"] for axe in o["axes"] for a in axe["actions"]]

    sdus, sdsf = actions("SDUS"), actions("SDSF")
    assert [a["number"] for a in sdus] == list(range(1, 75))
    assert len(sdsf) == 66
    first = sdus[0]
    assert [s["calendrier"] for s in first["steps"]] == ["2019", "2020", "2021-2022"]
    assert first["steps"][0]["planned_start"] == "2019-01-01" and first["steps"][2]["planned_end"] == "2022-12-31"
    assert first["status"] == "non_demarree"
    assert sum(len(a["indicators"]) for a in sdus) > 100
    assert all(a["steps"] for a in sdsf)
    assert {"number", "label", "kind", "target", "values"} <= set(first["indicators"][0])


def test_export_one_plan(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sdsf.json"
    assert run_cli("--db", str(db_path), "export", str(out), "--plan", "sdsf") == 0
    assert [p["code"] for p in json.loads(out.read_text(encoding="utf-8"))["plans"]] == ["SDSF"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "sortie.csv"], "format de sortie non pris en charge « sortie.csv »"),
        (["export", "x.json", "--plan", "ABC"], "plan inconnu « ABC »"),
        (["info", "--plan", "XYZ"], "plan inconnu « XYZ »"),
    ],
)
def test_bad_input_exit_1_with_french_message(
    db_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("--db", str(db_path), *args) == 1
    assert message in capsys.readouterr().err


def test_missing_database_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--db", str(tmp_path / "absente.sqlite"), "info") == 1
    assert "base introuvable" in capsys.readouterr().err


def test_usage_errors_exit_2_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run_cli("exporter")
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "erreur" in err and "choix invalide 'exporter'" in err
    with pytest.raises(SystemExit) as caught:
        run_cli("export")
    assert caught.value.code == 2
    assert "arguments obligatoires manquants" in capsys.readouterr().err


def test_console_script_runs_as_module(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sdus_desktop.cli.main", "--db", str(db_path), "info", "--plan", "SDSF"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "SDSF" in result.stdout and "66 actions" in result.stdout
    assert "PySide6" not in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "sdus_desktop.cli.main", "--db", str(db_path.with_name("absente.sqlite")), "info"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert missing.returncode == 1
    assert "base introuvable" in missing.stderr and "Traceback" not in missing.stderr


def test_unexpected_errors_are_reported_in_french(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import sdus_desktop.exchange.json_export as json_export

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(json_export, "write_json_export", broken)
    assert run_cli("--db", str(db_path), "export", str(db_path.with_name("x.json"))) == 1
    err = capsys.readouterr().err
    assert "erreur inattendue (RuntimeError : panne simulée)" in err and "Traceback" not in err
    monkeypatch.setenv("SDUS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run_cli("--db", str(db_path), "export", str(db_path.with_name("x.json")))


def test_a_locked_database_is_explained(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    import sdus_desktop.exchange.json_export as json_export

    def locked(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(json_export, "write_json_export", locked)
    assert run_cli("--db", str(db_path), "export", str(db_path.with_name("x.json"))) == 1
    err = capsys.readouterr().err
    assert "autre poste ou programme" in err and "locked" not in err
