#!/usr/bin/env python3
"""`cpscp-curriculum-diff` on this checkout, wherever it is run from (what `make` and CI call).

What it does and its options: cpscp_engine/cli/curriculum_diff.py, or `python scripts/curriculum_diff.py --help`.
"""

import sys
from pathlib import Path

from cpscp_engine.cli.curriculum_diff import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parents[1]))
