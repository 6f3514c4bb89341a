#!/usr/bin/env python3
"""`cpscp-export` on this checkout, wherever it is run from (what `make` and CI call).

What it does and its options: cpscp_engine/cli/export.py, or `python scripts/export.py --help`.
"""

import sys
from pathlib import Path

from cpscp_engine.cli.export import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parents[1]))
