"""The PyInstaller spec ships every data file the app looks for at run time."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def spec_datas() -> list[tuple[str, str]]:
    tree = ast.parse((REPO / "build_installer.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DATAS" for t in node.targets):
            pairs = []
            for element in node.value.elts:  # type: ignore[attr-defined]
                source, target = element.elts
                constants = [p for p in ast.walk(source) if isinstance(p, ast.Constant)]
                parts = [p.value for p in sorted(constants, key=lambda c: c.col_offset)]
                pairs.append(("/".join(parts), target.value))
            return pairs
    raise AssertionError("DATAS not found in build_installer.spec")


def test_every_data_path_exists_and_matches_runtime_layout() -> None:
    datas = spec_datas()
    for source, _target in datas:
        assert (REPO / source).exists(), source
    targets = {target for _source, target in datas}
    # sdus_desktop.store.locations looks for <_MEIPASS>/db/{seed,migrations} and <_MEIPASS>/resources.
    assert {"db", "db/seed", "db/migrations", "resources"} <= targets


def test_entry_scripts_exist() -> None:
    text = (REPO / "build_installer.spec").read_text(encoding="utf-8")
    for script in ("sdus_desktop/__main__.py", "sdus_desktop/cli/main.py"):
        assert script in text and (REPO / script).exists(), script
