"""Smoke-test a PyInstaller build (dist/SDUS-Desktop): the frozen CLI creates, seeds, exports and prints,
and the frozen GUI starts and stays up. Build first: pyinstaller --noconfirm build_installer.spec

    python tools/check_frozen.py [dist/SDUS-Desktop]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "dist" / "SDUS-Desktop"
    suffix = ".exe" if os.name == "nt" else ""
    cli, gui = folder / f"sdus{suffix}", folder / f"sdus-desktop{suffix}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "gele.sqlite"

        def sdus(*args: str) -> str:
            result = subprocess.run([str(cli), "--db", str(db), *args], capture_output=True, text=True,
                                    encoding="utf-8", timeout=300)
            if result.returncode != 0:
                raise SystemExit(f"échec : sdus {' '.join(args)}\n{result.stderr}")
            return result.stdout

        sdus("init")
        print(sdus("info", "--plan", "SDSF").splitlines()[2])
        sdus("export", str(Path(tmp) / "e.json"))
        plans = json.loads((Path(tmp) / "e.json").read_text(encoding="utf-8"))["plans"]
        counts = [sum(len(a["actions"]) for o in p["orientations"] for a in o["axes"]) for p in plans]
        assert counts == [74, 66], counts
        sdus("export", str(Path(tmp) / "classeur.xlsx"), "--plan", "SDUS")
        sdus("print", str(Path(tmp) / "fiches.pdf"), "--plan", "SDUS", "--fiche", "1", "2")
        sdus("report", str(Path(tmp) / "comite.pdf"), "--plan", "SDSF")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        process = subprocess.Popen([str(gui), "--db", str(db)], env=env, stderr=subprocess.PIPE, text=True)
        try:
            process.wait(timeout=8)
            raise SystemExit(f"l'application s'est arrêtée (code {process.returncode}) : {process.stderr.read()}")
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=10)
    print(f"OK : {folder} (CLI : init, info, export JSON/XLSX, print, report ; GUI : démarre)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
