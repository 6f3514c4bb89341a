"""Write the open-data exports of the curriculum into the built site.

    python scripts/export.py [--root DIR] [--site site] [--out site/exports]

The Common Cartridge is made from the built pages, so run `mkdocs build` first
(`make exports` and `make build` do this in the right order).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cpscp_engine.cli import project_folder
from cpscp_engine.diagnostics import Severity
from cpscp_engine.exports import FOLDER
from cpscp_engine.exports.write import build_timestamp, write_all
from cpscp_engine.loader import load


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the curriculum exports (JSON, CSV, CASE, Open Badges, Common Cartridge)."
    )
    parser.add_argument("--root", default=project_folder(root), type=Path, help="project folder")
    parser.add_argument("--site", default=None, type=Path, help="built site folder (default: ROOT/site)")
    parser.add_argument("--out", default=None, type=Path, help="output folder (default: SITE/exports)")
    args = parser.parse_args(argv)
    site = args.site or args.root / "site"
    out = args.out or site / FOLDER
    model, diagnostics = load(args.root)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors or model.programme is None:
        for d in errors:
            print(d.format(), file=sys.stderr)
        print(
            "export: the curriculum has errors — fix them (python scripts/validate.py) and export again",
            file=sys.stderr,
        )
        return 1
    if not (site / "index.html").exists():
        print(f"export: no built site in {site} — run `make build` (or `mkdocs build`) first", file=sys.stderr)
        return 1
    try:
        written = write_all(model, out, site, build_timestamp(args.root))
    except KeyError as exc:
        print(f"export: {exc.args[0]}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {os.path.relpath(path)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
