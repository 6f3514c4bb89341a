#!/usr/bin/env python3
"""`cpscp-validate` on this checkout, wherever it is run from (what `make` and CI call).

What it does and its options: cpscp_engine/cli/validate.py, or `python scripts/validate.py --help`.
"""

import sys
from pathlib import Path

from cpscp_engine.cli.validate import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parents[1]))
