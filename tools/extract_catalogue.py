#!/usr/bin/env python3
"""Build the reviewed catalogues db/seed/sdus.json and db/seed/sdsf.json from the
PDF-extracted source texts, then apply db/seed/corrections.json.

    python tools/extract_catalogue.py [--sources DIR] [--out DIR] [--check]

--check regenerates in memory and exits 1 if the committed files would change.
Stdlib only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue_extract import sdsf, sdus  # noqa: E402
from catalogue_extract.common import apply_corrections, dumps  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO_ROOT.parent / "shared" / "sources"
DEFAULT_OUT = REPO_ROOT / "db" / "seed"
CORRECTIONS_NAME = "corrections.json"
PARSERS = {"sdus.json": sdus.parse, "sdsf.json": sdsf.parse}


def load_corrections(out_dir: Path) -> dict:
    path = out_dir / CORRECTIONS_NAME
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {plan: fixes for plan, fixes in data.items() if not plan.startswith("_")}


def build(sources: Path, out_dir: Path) -> dict[str, str]:
    """File name -> JSON text of every catalogue."""
    corrections = load_corrections(out_dir)
    outputs = {}
    for name, parse in PARSERS.items():
        data = parse(sources)
        apply_corrections(data, corrections)
        outputs[name] = dumps(data)
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if regenerating would change the committed files")
    args = parser.parse_args(argv)
    outputs = build(args.sources, args.out)
    if args.check:
        stale = [name for name, text in outputs.items()
                 if not (args.out / name).exists()
                 or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
