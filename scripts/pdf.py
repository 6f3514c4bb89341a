#!/usr/bin/env python3
"""Print the handbook's printable edition to PDF with headless Chromium.

    python scripts/pdf.py [--root DIR] [--site site] [--out FILE] [--html-only]

Needs a built site (`mkdocs build`, which writes site/print_page/index.html through
mkdocs-print-site-plugin). First repairs the print page's anchors in place (see
printpage.py), then serves the site on 127.0.0.1 and prints the page to
site/pdf/<short code>-handbook.pdf. Chromium is /usr/bin/chromium or $CPSCP_CHROMIUM.
--html-only repairs the print page and stops, for machines without Chromium.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import chromium
from chromium import find_chromium
from printpage import fix_anchors, open_details

PRINT_PAGE = Path("print_page") / "index.html"
TIMEOUT = 300  # seconds; the whole handbook prints in well under a minute
FLAGS = ["--headless", *chromium.ARGS, "--no-pdf-header-footer"]
CHROMIUM_ENV = chromium.ENV


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def short_code(root: Path) -> str | None:
    from cpscp_engine.loader import load

    model, _ = load(root)
    if model.programme is None:
        return None
    return model.programme.short_code.strip() or None


def repair(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    fixed = open_details(fix_anchors(html))
    if fixed != html:
        page.write_text(fixed, encoding="utf-8")


def print_pdf(chromium: str, site: Path, out: Path) -> tuple[bool, str]:
    """Serve `site` on a free local port and print its print page to `out`: (ok, Chromium's output)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{PRINT_PAGE.parent.as_posix()}/"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="cpscp-chromium-") as profile:
            args = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={partial}", url]
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                return False, f"Chromium did not finish within {TIMEOUT} seconds"
            except OSError as exc:
                return False, f"Chromium could not be started: {exc}"
        output = (done.stdout + done.stderr).strip()
        if done.returncode != 0 or not partial.is_file() or partial.read_bytes()[:5] != b"%PDF-":
            return False, output or f"Chromium exited with status {done.returncode}"
        partial.replace(out)  # a failed run never leaves a half-written PDF under the real name
        return True, output
    finally:
        partial.unlink(missing_ok=True)
        httpd.shutdown()
        httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the printable edition of the built site to PDF.")
    parser.add_argument("--root", default=Path(__file__).resolve().parents[1], type=Path, help="project folder")
    parser.add_argument("--site", default=None, type=Path, help="built site folder (default: ROOT/site)")
    parser.add_argument("--out", default=None, type=Path,
                        help="PDF to write (default: SITE/pdf/<short code>-handbook.pdf)")
    parser.add_argument("--html-only", action="store_true", help="repair the print page's anchors, print nothing")
    parser.add_argument("--optional", action="store_true",
                        help="without Chromium, say so and succeed (what `make build` uses)")
    args = parser.parse_args(argv)
    site = (args.site or args.root / "site").resolve()
    page = site / PRINT_PAGE
    if not page.is_file():
        print(f"pdf: no printable edition at {page} — build the site first (`make build`); "
              "the print-site plugin in mkdocs.yml writes it", file=sys.stderr)
        return 1
    repair(page)
    if args.html_only:
        return 0

    chromium = find_chromium()
    if chromium is None and args.optional:
        print(f"pdf: skipped — Chromium not found, so the site has no PDF; install it (Debian/Ubuntu: "
              f"`apt-get install chromium`) or set {CHROMIUM_ENV}, then run `make pdf`")
        return 0
    if chromium is None:
        print(f"pdf: Chromium not found — install it (Debian/Ubuntu: `apt-get install chromium`) "
              f"or set {CHROMIUM_ENV} to the browser to use", file=sys.stderr)
        return 1
    out = args.out
    if out is None:
        code = short_code(args.root)
        if code is None:
            print("pdf: the programme's short_code could not be read from curriculum/programme.yml — "
                  "run `make validate` to see why", file=sys.stderr)
            return 1
        out = site / "pdf" / f"{code.lower()}-handbook.pdf"
    ok, output = print_pdf(chromium, site, out.resolve())
    if not ok:
        print(f"pdf: Chromium could not print {page}:\n{output}", file=sys.stderr)
        return 1
    print(f"pdf: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
