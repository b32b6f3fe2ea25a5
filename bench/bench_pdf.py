"""Bench: all 74 SDUS fiches in one PDF (write_fiches) against bare reportlab platypus of the same text.

Two floors are measured in the same run, with the same embedded font:
- "champs": the database fields only (one paragraph per field, step and indicator);
- "même texte": every paragraph and cell text the fiches print (labels, suivi box, dates, table headers),
  as plain paragraphs in a SimpleDocTemplate: no tables, running header, outline or "Page x / y".
The ratio is write_fiches against the "même texte" floor (goal ≤ 1.3×, and under 3 s).
Usage: python bench/bench_pdf.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 1.3
GOAL_SECONDS = 3.0


def _fiche_texts(db) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.queries import iter_actions, load_plans

    with db.reading() as session:
        actions = iter_actions(load_plans(session, "SDUS"))
    texts = []
    for action in actions:
        parts = [action.label, action.title, ", ".join(action.pilotage), action.participation_citoyens,
                 ", ".join(action.partenaires), action.public, action.problematique, action.vigilance,
                 *action.objectifs, action.methodologie, action.modalites_suivi, action.incidence_financiere,
                 action.status, action.bilan]
        parts += [f"{s.number} {s.label} {s.calendrier} {s.status}" for s in action.steps]
        parts += [f"{i.label} {i.target}" for i in action.indicators]
        texts.append([p for p in parts if p])
    return texts


def bare_platypus(texts: list[list[str]], out: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from sdus_desktop.reports.fonts import FAMILY, register_fonts

    register_fonts()
    style = ParagraphStyle("bare", fontName=FAMILY, fontSize=9.5, leading=12.5)
    story = []
    for parts in texts:
        story += [Paragraph(escape(part).replace("\n", "<br/>"), style) for part in parts]
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def _printed_paragraphs(db) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    """(markup, style) of every paragraph and table cell the fiches print, fiche by fiche."""
    from datetime import date

    from reportlab.platypus import KeepTogether, Paragraph, Table

    from sdus_desktop.reports.fiche_flowables import fiche_flowables
    from sdus_desktop.reports.selection import select_fiches
    from sdus_desktop.reports.styles import styles
    from sdus_desktop.store.queries import load_plans

    cell = styles().cell

    def walk(item: object, out: list[tuple[str, object]]) -> None:
        if isinstance(item, Paragraph):
            out.append((item.text, item.style))
        elif isinstance(item, Table):
            for row in item._cellvalues:
                for value in row:
                    walk(value, out)
        elif isinstance(item, KeepTogether):
            walk(item._content, out)
        elif isinstance(item, list | tuple):
            for child in item:
                walk(child, out)
        elif isinstance(item, str) and item:
            out.append((item.replace("\n", "<br/>"), cell))

    with db.reading() as session:
        selection = select_fiches(load_plans(session, "SDUS"))
        fiches = []
        for ctx in selection.fiches:
            found: list[tuple[str, object]] = []
            walk(fiche_flowables(ctx, date.today()), found)
            fiches.append(found)
    return fiches


def same_text_platypus(fiches: list[list[tuple[str, object]]], out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    story = []
    for found in fiches:
        story += [Paragraph(text, style) for text, style in found]
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (the median is kept)")
    args = parser.parse_args()
    from sdus_desktop.reports.fiche_pdf import write_fiches
    from sdus_desktop.reports.fonts import register_fonts
    from sdus_desktop.store.database import Database

    work = Path(tempfile.mkdtemp(prefix="sdus-bench-pdf-"))
    try:
        db = Database.open(work / "bench.sqlite")
        register_fonts()
        texts = _fiche_texts(db)
        printed = _printed_paragraphs(db)
        bare_platypus(texts, work / "echauffement.pdf")  # warm-up: font parsing, imports
        write_fiches(db, work / "echauffement2.pdf", "SDUS")
        fields, bare, ours = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            bare_platypus(texts, work / "champs.pdf")
            fields.append(time.perf_counter() - start)
            start = time.perf_counter()
            same_text_platypus(printed, work / "meme-texte.pdf")
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            count = write_fiches(db, work / "fiches.pdf", "SDUS")
            ours.append(time.perf_counter() - start)
        db.close()
        from pypdf import PdfReader

        pages = len(PdfReader(str(work / "fiches.pdf")).pages)
        floor, mine = statistics.median(bare), statistics.median(ours)
        ratio = mine / floor
        print(f"fiches SDUS : {count} fiches, {pages} pages")
        print(f"platypus nu (champs)     : {statistics.median(fields):.3f} s")
        print(f"platypus nu (même texte) : {floor:.3f} s")
        print(f"write_fiches             : {mine:.3f} s")
        print(f"rapport                  : {ratio:.2f}× (objectif ≤ {GOAL_RATIO}×, < {GOAL_SECONDS:.0f} s)")
        ok = ratio <= GOAL_RATIO and mine < GOAL_SECONDS
        print("objectif atteint" if ok else "objectif NON atteint")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
