#!/usr/bin/env python3
"""Print the handbook's printable edition, and a handout per module, to PDF with headless Chromium.

    python scripts/pdf.py [--root DIR] [--site site] [--out FILE] [--html-only] [--no-handouts]

Needs a built site (`mkdocs build`, which writes the print page, site/print_page/index.html, from
docs/print_page.md, or the page mkdocs.yml's `extra: print_edition: page:` names). Makes the
printable edition in that page first when the build has not (scripts/printpage.py, which
`make build` runs), then serves the site on 127.0.0.1 and, through Playwright, prints:

- the printable edition to site/pdf/<short code>-handbook.pdf (render/downloads.py names it),
  twice: the first print says on which page each heading fell (its named destinations: Chromium
  writes one for every element an in-page link points at, which every heading is), those numbers
  are written into the contents, and the second print, tagged and with its outline, is the one kept;
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
from cpscp_engine.printpage import MARKER, PrintPageError, make_print_page, print_source
from cpscp_engine.render.downloads import handout_name, pdf_name
from cpscp_engine.site import SEARCH_INDEX, output_file, page_url
from sitesizes import fill_sizes

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

# The first print only has to say where each heading fell: without the tags and the outline
# (the kept print has both), which change nothing on the pages, it takes about two thirds of
# the time.
FIRST_PRINT = {**PDF_OPTIONS, "tagged": False, "outline": False}

# The ids the contents point at: for each entry, the heading its link leads to, or when the
# link is to a page's or a section's box, its first heading if that has an id, else the box.
_CONTENTS_TARGETS = r"""() => [...document.querySelectorAll('#print-page-toc a[href^="#"]')].map(a => {
  const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
  if (!target) return null;
  const heading = /^H[1-6]$/.test(target.tagName) ? target : target.querySelector('h1, h2, h3');
  return heading && heading.id ? heading.id : target.id;
})"""

# Writes each entry's page into the contents: `pages` has, for each link of the contents in
# order, the page its heading is on, or null.
_NUMBER_CONTENTS = r"""(pages) => {
  const links = document.querySelectorAll('#print-page-toc a[href^="#"]');
  let done = 0;
  links.forEach((a, i) => {
    if (pages[i] == null) return;
    let span = a.querySelector('.cpscp-toc-page');
    if (!span) { span = document.createElement('span'); span.className = 'cpscp-toc-page'; a.append(span); }
    span.textContent = String(pages[i]);
    done++;
  });
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


def has_short_code(model) -> bool:
    return model.programme is not None and bool(model.programme.short_code.strip())


def destination_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of each named destination in a PDF, by the id of the element an in-page
    link points at. Chromium names a destination by the link's fragment as a URL has it
    ("caf%C3%A9" for the id "café"), so the name is decoded."""
    from urllib.parse import unquote

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None:
            pages[unquote(str(name).removeprefix("/"))] = number + 1
    return pages


def contents_pages(targets: list[str | None], destinations: dict[str, int]) -> list[int | None]:
    """For each contents entry (the id its heading has), the page it is on; None: not found."""
    return [destinations.get(t) if t else None for t in targets]


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


def print_all(browser_path: str, site: Path, out: Path, print_url: str, model) -> tuple[bool, str]:
    """Serve `site` on a free local port; print the handbook (the page at the site-relative
    `print_url`) to `out` and, given a model, every module's handout."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

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
                page.goto(origin + print_url, wait_until="load")
                page.wait_for_selector("#print-page-toc a", state="attached")
                pages = contents_pages(page.evaluate(_CONTENTS_TARGETS), destination_pages(page.pdf(**FIRST_PRINT)))
                if not page.evaluate(_NUMBER_CONTENTS, pages):
                    return False, "no contents entry could be matched to a heading in the first print"
                _write(out, page.pdf(**PDF_OPTIONS))
                if model is not None and model.programme is not None:
                    for module in model.modules:
                        page.goto(origin + page_url(module.page, model.directory_urls), wait_until="load")
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
    try:
        source = print_source(args.root)
    except PrintPageError as exc:
        print(f"pdf: {exc} — correct it (`make validate` shows where)", file=sys.stderr)
        return 1
    model = load_model(args.root)
    page = site / output_file(source, model.directory_urls)
    if not page.is_file():
        print(
            f"pdf: no printable edition at {page} — build the site first (`make build`), "
            f"which makes it from docs/{source} and the built pages",
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
        if not has_short_code(model):
            print(
                "pdf: the programme's short_code could not be read from curriculum/programme.yml — "
                "run `make validate` to see why",
                file=sys.stderr,
            )
            return 1
        out = site / pdf_name(model)
    ok, output = print_all(
        chromium, site, out.resolve(), page_url(source, model.directory_urls), None if args.no_handouts else model
    )
    if not ok:
        print(f"pdf: Chromium could not print {page}:\n{output}", file=sys.stderr)
        return 1
    fill_sizes(site)
    print(f"pdf: wrote {out}" + ("" if args.no_handouts else " and the module handouts"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
