"""Write DIAGNOSTICS.md, the catalogue of diagnostic codes, from the codes the engine declares.

Usage: python scripts/diagnostics_catalogue.py [--check]
--check exits 1, writing nothing, when the committed file is not current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cpscp_engine import catalogue

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    path = ROOT / catalogue.FILE
    text = catalogue.markdown()
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if "--check" in argv:
        if current != text:
            print(f"{catalogue.FILE} is out of date: run `make diagnostics` and commit it", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {catalogue.FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
