"""The page frame shared by fiches and dossier: A4 portrait, running header, footer "Page x / y",
outline (bookmarks) and table-of-contents entries, progress ticks, and atomic writing with cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sdus_desktop.core.atomic import write_atomically as core_write_atomically
from sdus_desktop.core.progress import Cancelled
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from sdus_desktop.reports.styles import ACCENT, MUTED, RULE, colour, esc

Progress = Callable[[int, int], bool]

MARGIN_MM = 16
HEADER_MM = 11
FOOTER_MM = 11


class GenerationCancelled(Cancelled):
    """The user cancelled: no file was written (a core.progress.Cancelled)."""


def _zero_flowable_base() -> type:
    from reportlab.platypus import Flowable

    class Marker(Flowable):
        """A flowable that takes no room; the document reacts to it once it is placed on a page."""

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            pass

        def apply(self, doc: Any) -> None:
            raise NotImplementedError

    return Marker


_MARKER: type | None = None


def marker_base() -> Any:
    global _MARKER
    if _MARKER is None:
        _MARKER = _zero_flowable_base()
    return _MARKER


def running_header(text: str, plan_name: str) -> Any:
    """From this point on, pages carry this header (plan · orientation · axe) and this plan name."""
    class RunningHeader(marker_base()):  # type: ignore[misc]
        def apply(self, doc: Any) -> None:
            doc.header_text = text
            doc.footer_plan = plan_name

    return RunningHeader()


def bookmark(title: str, level: int, key: str, *, toc: bool = True) -> Any:
    """A PDF outline entry (and a table-of-contents line) pointing at the current page."""
    class Bookmark(marker_base()):  # type: ignore[misc]
        def apply(self, doc: Any) -> None:
            doc.canv.bookmarkPage(key)
            doc.canv.addOutlineEntry(title, key, level=level, closed=level >= 2)
            if toc:
                doc.notify("TOCEntry", (level, esc(title), doc.page, key))

    return Bookmark()


def tick() -> Any:
    """One unit of work done (one fiche rendered): reports progress, may cancel."""
    class Tick(marker_base()):  # type: ignore[misc]
        def apply(self, doc: Any) -> None:
            doc.tick()

    return Tick()


def make_canvas_class() -> type:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Keeps each page until the end so the footer can say "Page x / y"."""

        skip_pages = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if number > self.skip_pages:
                    self._draw_page_number(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_page_number(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            self.setFont(BOLD, 8)
            self.setFillColor(colour(MUTED))
            self.drawRightString(width - _mm(MARGIN_MM), _mm(FOOTER_MM) - 8, f"Page {number} / {total}")

    return NumberedCanvas


def _mm(value: float) -> float:
    from reportlab.lib.units import mm

    return value * mm


def make_doc(
    target: str, *, title: str, subject: str, author: str, printed_on: date, progress: Progress | None,
    total_ticks: int, cover: bool = False,
) -> Any:
    """A document template whose pages get the header/footer; `cover` adds a bare first-page template."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    marker = marker_base()

    class SdusDoc(BaseDocTemplate):
        header_text = ""
        footer_plan = ""
        done = 0

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab API
            if isinstance(flowable, marker):
                flowable.apply(self)

        def tick(self) -> None:
            self.done += 1
            if progress is not None:
                shown = min(self.done, max(total_ticks - 1, 0))
                if progress(shown, total_ticks) is False:
                    raise GenerationCancelled()

        def handle_documentBegin(self) -> None:  # noqa: N802 - reportlab API
            self.header_text = ""
            self.footer_plan = ""
            super().handle_documentBegin()

    width, height = A4
    frame = Frame(_mm(MARGIN_MM), _mm(FOOTER_MM + 6), width - 2 * _mm(MARGIN_MM),
                  height - _mm(FOOTER_MM + 6) - _mm(HEADER_MM + 8), id="corps", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    printed = format_date(printed_on)

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colour(RULE))
        canvas.setLineWidth(0.6)
        top = height - _mm(HEADER_MM)
        if doc.header_text:
            canvas.setFont(FAMILY, 7.5)
            canvas.setFillColor(colour(ACCENT))
            canvas.drawString(_mm(MARGIN_MM), top, _fit(doc.header_text, width - 2 * _mm(MARGIN_MM), 7.5))
            canvas.line(_mm(MARGIN_MM), top - 4, width - _mm(MARGIN_MM), top - 4)
        bottom = _mm(FOOTER_MM)
        canvas.line(_mm(MARGIN_MM), bottom + 4, width - _mm(MARGIN_MM), bottom + 4)
        canvas.setFont(FAMILY, 7.5)
        canvas.setFillColor(colour(MUTED))
        left = f"{doc.footer_plan} · imprimé le {printed}" if doc.footer_plan else f"Imprimé le {printed}"
        canvas.drawString(_mm(MARGIN_MM), bottom - 8, _fit(left, width * 0.7, 7.5))
        canvas.restoreState()

    templates = [PageTemplate(id="page", frames=[frame], onPageEnd=decorate, pagesize=A4)]
    if cover:
        cover_frame = Frame(_mm(25), _mm(25), width - _mm(50), height - _mm(50), id="couverture")
        templates.insert(0, PageTemplate(id="couverture", frames=[cover_frame], pagesize=A4))
    return SdusDoc(
        target, pagesize=A4, pageTemplates=templates, title=title, author=author, subject=subject,
        creator="SDUS Desktop", lang="fr-FR", initialFontName=FAMILY, leftMargin=_mm(MARGIN_MM), rightMargin=_mm(MARGIN_MM),
        topMargin=_mm(HEADER_MM + 8), bottomMargin=_mm(FOOTER_MM + 6),
    )


@lru_cache(maxsize=256)
def _fit(text: str, width: float, size: float) -> str:
    """Shorten a header/footer line with an ellipsis so it never runs off the page (bisection)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, FAMILY, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", FAMILY, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def write_atomically(out: Path, render: Callable[[str], None]) -> None:
    """Render into a temporary file beside `out`, then rename: a cancel or failure leaves no file."""
    core_write_atomically(Path(out), render)


def canvas_maker(skip_pages: int) -> Callable[..., Any]:
    numbered = make_canvas_class()

    def make(*args: Any, **kwargs: Any) -> Any:
        canvas = numbered(*args, **kwargs)
        canvas.skip_pages = skip_pages
        return canvas

    return make
