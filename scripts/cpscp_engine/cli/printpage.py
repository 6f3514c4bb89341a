"""Make the printable edition (site/print_page/) from the built site: the whole handbook on one page.

    python scripts/printpage.py [--root DIR] [-f mkdocs.yml] [--site DIR]

Run after `mkdocs build` (`make build` does); `make pdf` prints the page it makes. What the page
holds and how it is made: cpscp_engine/printpage.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cpscp_engine.cli import project_folder
from cpscp_engine.printpage import PrintPageError, make_print_page


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the printable edition from the built site.")
    parser.add_argument("--root", default=project_folder(root), type=Path, help="project folder")
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the MkDocs configuration the site was built with"
    )
    parser.add_argument(
        "--site", default=None, type=Path, help="built site folder (default: the configuration's site_dir)"
    )
    args = parser.parse_args(argv)
    try:
        page, count = make_print_page(args.root.resolve(), args.site.resolve() if args.site else None, args.config_file)
    except PrintPageError as exc:
        print(f"printpage: {exc}", file=sys.stderr)
        return 1
    if page is None:
        print("printpage: skipped — the project has no docs/print_page.md, so the site has no printable edition")
        return 0
    print(f"printpage: {count} pages on {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
