"""Check that a built site is complete: pages, the five exports, the printable edition and the PDF.

    python scripts/check_site.py [SITE] [--require-pdf]

`make build` is meant to deploy exactly what was tested; CI runs this after it so a build
that silently lost a download fails instead of publishing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cpscp_engine.cli import project_folder
from cpscp_engine.diagnostics import Severity
from cpscp_engine.loader import load
from cpscp_engine.printpage import MARKER, PrintPageError, print_source
from cpscp_engine.render.downloads import download_targets
from cpscp_engine.site import Pages, output_file


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    folder = project_folder(root)
    parser = argparse.ArgumentParser(description="Check that the built site holds every page and download.")
    parser.add_argument("site", nargs="?", type=Path, default=folder / "site")
    parser.add_argument("--root", type=Path, default=folder)
    parser.add_argument("--require-pdf", action="store_true", help="fail when the PDF is missing")
    args = parser.parse_args(argv)
    model, diagnostics = load(args.root)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        print("check_site: the curriculum has errors — run `make validate`", file=sys.stderr)
        return 1
    try:
        print_page = output_file(print_source(args.root), model.directory_urls)
    except PrintPageError as exc:
        print(f"check_site: {exc} — correct it (`make validate` shows where)", file=sys.stderr)
        return 1
    missing = []
    pages = [output_file(p, model.directory_urls) for p in [Pages().home] + [m.page for m in model.modules]] + [
        print_page
    ]
    for page in pages:
        if not (args.site / page).is_file():
            missing.append(page)
    made = args.site / print_page
    if made.is_file() and MARKER not in made.read_text(encoding="utf-8"):
        missing.append(
            f"the printable edition in {print_page} (the build left only its note: scripts/printpage.py makes it)"
        )
    for path in download_targets(model).values():
        if path.endswith(".pdf") and not args.require_pdf:  # the handbook and the module handouts
            continue
        target = args.site / path
        if not target.is_file() or target.stat().st_size == 0:
            missing.append(path)
    if missing:
        print(
            "check_site: the built site is missing: "
            + ", ".join(missing)
            + " — run `make build` (with Chromium installed for the PDF)",
            file=sys.stderr,
        )
        return 1
    print(f"check_site: {args.site} has {len(pages)} checked pages and every download")
    return 0


if __name__ == "__main__":
    sys.exit(main())
