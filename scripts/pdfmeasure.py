"""Measure a printed PDF: its bookmarks, each page's text and how full each page is.

Used by the tests of the print edition (tests/test_pdf.py) and handy by hand:

    python scripts/pdfmeasure.py site/pdf/cpscp-handbook.pdf
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

A4_HEIGHT = 841.89  # points
TOP, BOTTOM = 16 / 25.4 * 72, 18 / 25.4 * 72  # the print margins (scripts/pdf.py MARGIN), in points


@dataclass(frozen=True)
class PageInfo:
    number: int  # from 1
    text: str
    fullness: float  # share of the text area from its top down to the lowest line of text


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # from 1
    depth: int  # 0 for a top-level entry


def _text(textpage) -> str:
    # PDFium marks a hyphen at which a line may break as U+FFFE; in the text it is a hyphen.
    return textpage.get_text_range().replace("\ufffe", "-")


def _lowest_line(textpage, height: float) -> float:
    """The bottom of the lowest line of text in the text area (the page's height if none)."""
    # a line of the text area, not the page number in the footer (in the bottom margin)
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    for left, bottom, right, top in sorted((r for r in rects if r[3] > BOTTOM and r[1] < height), key=lambda r: r[1]):
        if textpage.get_text_bounded(left, bottom, right, top).strip():
            return bottom
    return height


def _page(number: int, page, measure: bool = True) -> PageInfo:
    textpage = page.get_textpage()
    if not measure:
        return PageInfo(number, _text(textpage), 0.0)
    height = page.get_height()
    lowest = _lowest_line(textpage, height)
    used = height - TOP - lowest if lowest < height else 0.0
    area = A4_HEIGHT - TOP - BOTTOM
    return PageInfo(number, _text(textpage), max(0.0, min(1.0, used / area)))


def read(path: Path) -> tuple[list[Bookmark], list[PageInfo]]:
    """The PDF's bookmarks and its pages, read with PDFium (pypdfium2: ten times pypdf's speed here)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        marks = []
        for mark in document.get_toc():
            dest = mark.get_dest()
            marks.append(Bookmark(mark.get_title(), dest.get_index() + 1 if dest else 0, mark.level))
        return marks, [_page(number, page) for number, page in enumerate(document, 1)]
    finally:
        document.close()


def texts(path: Path) -> list[str]:
    """Each page's text."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [_page(number, page, measure=False).text for number, page in enumerate(document, 1)]
    finally:
        document.close()


if __name__ == "__main__":
    marks, info = read(Path(sys.argv[1]))
    print(f"{len(info)} pages, {len(marks)} bookmarks")
    for p in info:
        if p.fullness < 0.6:
            print(f"page {p.number}: {p.fullness:.0%} full — {p.text.strip()[:60]!r}")
