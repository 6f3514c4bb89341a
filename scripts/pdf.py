#!/usr/bin/env python3
"""Print the handbook's printable edition, and a handout per module, to PDF with headless Chromium.

    python scripts/pdf.py [--root DIR] [--site site] [--out FILE] [--html-only] [--no-handouts]

Needs a built site (`mkdocs build`, which writes site/print_page/index.html from
docs/print_page.md). Makes the printable edition in that page first when the build has not
(scripts/printpage.py, which `make build` runs), then serves the site on 127.0.0.1 and,
through Playwright, prints:

- the printable edition to site/pdf/<short code>-handbook.pdf, twice: the first print's
  outline (PDF bookmarks, one per heading) says on which page each heading fell, those
  numbers are written into the contents, and the second print is the one kept;
- each module page, behind a cover, to its handout (render/downloads.py names the files).

Finally every download's size is written into the pages that list it (sitesizes.py).
Chromium is /usr/bin/chromium or $CPSCP_CHROMIUM. --html-only makes the print page and
stops, for machines without Chromium; --no-handouts prints the handbook alone, for a quicker
look at its layout.
"""

from __future__ import annotations

import argparse
import functools
import io
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import chromium
from chromium import find_chromium
from cpscp_engine.printpage import MARKER, PrintPageError, make_print_page
from cpscp_engine.site import SEARCH_INDEX
from sitesizes import fill_sizes

PRINT_PAGE = Path("print_page") / "index.html"
TIMEOUT_MS = 300_000  # the whole handbook prints in well under a minute
CHROMIUM_ENV = chromium.ENV
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}  # as print.css @page
# The page number at the foot of every page; the contents refer to these numbers.
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">'
    '<span class="pageNumber"></span></div>'
)
PDF_OPTIONS: dict[str, Any] = {
    "format": "A4",
    "print_background": False,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "footer_template": FOOTER,
    "margin": MARGIN,
    "outline": True,
    "tagged": True,
}

# Writes each heading's page into the contents. `pages` is the first print's outline as
# [title, page, depth] in document order (depth 0 for h1). Contents entries are matched to it
# in order, after the contents' own bookmark (the cover repeats the first page's title), by
# the text of the heading they point at and its level, so a page titled "Practice
# questions" does not take the page of a section of the same name. Whitespace is ignored:
# a heading that wraps loses its space in the outline.
_NUMBER_CONTENTS = r"""(pages) => {
  const norm = s => s.replace(/\u00b6/g, '').replace(/\s+/g, '').toLowerCase();
  const tocTitle = document.querySelector('#print-page-toc h1');
  let next = 0, done = 0;
  if (tocTitle) {
    const i = pages.findIndex(p => norm(p[0]) === norm(tocTitle.textContent));
    if (i >= 0) next = i + 1;
  }
  for (const a of document.querySelectorAll('#print-page-toc a[href^="#"]')) {
    let target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
    if (target && !/^H[1-6]$/.test(target.tagName)) target = target.querySelector('h1, h2, h3');
    if (!target) continue;
    const title = norm(target.textContent), depth = Number(target.tagName[1]) - 1;
    let j = next;
    while (j < pages.length && !(norm(pages[j][0]) === title && pages[j][2] === depth)) j++;
    if (j === pages.length) continue;
    next = j + 1;
    let span = a.querySelector('.cpscp-toc-page');
    if (!span) { span = document.createElement('span'); span.className = 'cpscp-toc-page'; a.append(span); }
    span.textContent = String(pages[j][1]);
    done++;
  }
  return done;
}"""

# A handout's cover, built from text values (textContent: nothing in them is markup).
_HANDOUT_COVER = """(cover) => {
  const article = document.querySelector('article.md-content__inner') || document.body;
  const box = document.createElement('section');
  box.className = 'cpscp-handout-cover';
  for (const [tag, text] of cover) {
    const el = document.createElement(tag);
    el.textContent = text;
    box.append(el);
  }
  article.prepend(box);
}"""


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site to the printing browser, without the search index: paper has no search
    box, and each page's search worker would otherwise build the whole index as it opens."""

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/" + SEARCH_INDEX:
            self.send_error(404)
            return
        super().do_GET()

    def log_message(self, format: str, *args) -> None:
        pass


def load_model(root: Path):
    from cpscp_engine.loader import load

    model, _ = load(root)
    return model


def short_code(root: Path) -> str | None:
    model = load_model(root)
    if model.programme is None:
        return None
    return model.programme.short_code.strip() or None


def outline_pages(pdf: bytes) -> list[tuple[str, int, int]]:
    """(title, page number from 1, depth) of every bookmark, in document order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, int, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                number = reader.get_destination_page_number(item)
                if number is not None:  # an entry that points nowhere has no page to match
                    found.append((str(item.title), number + 1, depth))

    walk(reader.outline, 0)
    return found


def _write(out: Path, data: bytes) -> None:
    """Write through a partial file, so a failed run never leaves a half-written PDF under the real name."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)


def _cover(model, module) -> list[tuple[str, str]]:
    from cpscp_engine.edition import edition

    prog, ed = model.programme, edition(model)
    stamp = f"Version {ed.version}" + (f" ({ed.status})" if ed.status else "")
    if ed.reviewed:
        stamp += f", last reviewed {ed.reviewed}"
    return [
        ("p", f"{prog.title} ({prog.short_code})"),
        ("h1", f"{module.id} {module.title}"),
        ("p", "Module handout: outcomes, content and references."),
        ("p", stamp + "."),
        ("p", f"{prog.uri} — the web edition is the current one."),
    ]


def print_all(browser_path: str, site: Path, out: Path, model) -> tuple[bool, str]:
    """Serve `site` on a free local port; print the handbook to `out` and, given a model, every
    module's handout."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from cpscp_engine.render.downloads import handout_name
    from cpscp_engine.site import page_url

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=chromium.ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.emulate_media(media="print")
                page.goto(origin + PRINT_PAGE.parent.as_posix() + "/", wait_until="load")
                page.wait_for_selector("#print-page-toc a", state="attached")
                first = page.pdf(**PDF_OPTIONS)
                numbered = page.evaluate(_NUMBER_CONTENTS, [list(entry) for entry in outline_pages(first)])
                if not numbered:
                    return False, "no contents entry could be matched to a heading in the PDF's outline"
                _write(out, page.pdf(**PDF_OPTIONS))
                if model is not None and model.programme is not None:
                    for module in model.modules:
                        page.goto(origin + page_url(module.page), wait_until="load")
                        page.evaluate(_HANDOUT_COVER, _cover(model, module))
                        _write(site / handout_name(model, module), page.pdf(**PDF_OPTIONS))
            finally:
                browser.close()
        return True, ""
    except PlaywrightError as exc:
        return False, str(exc).strip()
    finally:
        httpd.shutdown()
        httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the printable edition of the built site to PDF.")
    parser.add_argument("--root", default=Path(__file__).resolve().parents[1], type=Path, help="project folder")
    parser.add_argument("--site", default=None, type=Path, help="built site folder (default: ROOT/site)")
    parser.add_argument(
        "--out", default=None, type=Path, help="PDF to write (default: SITE/pdf/<short code>-handbook.pdf)"
    )
    parser.add_argument("--html-only", action="store_true", help="make the print page, print nothing")
    parser.add_argument("--no-handouts", action="store_true", help="print the handbook only, no module handouts")
    parser.add_argument(
        "--optional", action="store_true", help="without Chromium, say so and succeed (what `make build` uses)"
    )
    args = parser.parse_args(argv)
    site = (args.site or args.root / "site").resolve()
    page = site / PRINT_PAGE
    if not page.is_file():
        print(
            f"pdf: no printable edition at {page} — build the site first (`make build`), "
            "which makes it from docs/print_page.md and the built pages",
            file=sys.stderr,
        )
        return 1
    if args.html_only or MARKER not in page.read_text(encoding="utf-8"):
        try:
            make_print_page(args.root.resolve(), site)
        except PrintPageError as exc:
            print(f"pdf: {exc}", file=sys.stderr)
            return 1
    if args.html_only:
        return 0

    chromium = find_chromium()
    if chromium is None and args.optional:
        fill_sizes(site)
        print(
            f"pdf: skipped — Chromium not found, so the site has no PDF; install it (Debian/Ubuntu: "
            f"`apt-get install chromium`) or set {CHROMIUM_ENV}, then run `make pdf`"
        )
        return 0
    if chromium is None:
        print(
            f"pdf: Chromium not found — install it (Debian/Ubuntu: `apt-get install chromium`) "
            f"or set {CHROMIUM_ENV} to the browser to use",
            file=sys.stderr,
        )
        return 1
    out = args.out
    if out is None:
        code = short_code(args.root)
        if code is None:
            print(
                "pdf: the programme's short_code could not be read from curriculum/programme.yml — "
                "run `make validate` to see why",
                file=sys.stderr,
            )
            return 1
        out = site / "pdf" / f"{code.lower()}-handbook.pdf"
    ok, output = print_all(chromium, site, out.resolve(), None if args.no_handouts else load_model(args.root))
    if not ok:
        print(f"pdf: Chromium could not print {page}:\n{output}", file=sys.stderr)
        return 1
    fill_sizes(site)
    print(f"pdf: wrote {out}" + ("" if args.no_handouts else " and the module handouts"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
