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


def bookmarks(reader) -> list[Bookmark]:
    found: list[Bookmark] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append(Bookmark(str(item.title), reader.get_destination_page_number(item) + 1, depth))

    walk(reader.outline, 0)
    return found


def pages(reader) -> list[PageInfo]:
    out = []
    area = A4_HEIGHT - TOP - BOTTOM
    for i, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        lowest = [height]

        def visit(text, cm, tm, font, size, lowest=lowest, height=height):
            if text.strip():
                y = tm[5] * cm[3] + cm[5]  # the line's baseline in page space
                if BOTTOM < y < height:  # not the page number in the footer
                    lowest[0] = min(lowest[0], y)

        text = page.extract_text(visitor_text=visit)
        used = height - TOP - lowest[0] if lowest[0] < height else 0.0
        out.append(PageInfo(i, text, max(0.0, min(1.0, used / area))))
    return out


def read(path: Path):
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return bookmarks(reader), pages(reader)


if __name__ == "__main__":
    marks, info = read(Path(sys.argv[1]))
    print(f"{len(info)} pages, {len(marks)} bookmarks")
    for p in info:
        if p.fullness < 0.6:
            print(f"page {p.number}: {p.fullness:.0%} full — {p.text.strip()[:60]!r}")
