"""Check the curriculum and say what is wrong, where, and how to fix it.

    python scripts/validate.py [--root DIR] [--format text|github|json] [--strict]

Exit status: 0 when clean, 1 when there are errors (or warnings with --strict), 2 for a
usage error or a bug in the validator itself. Set CPSCP_DEBUG=1 to see a bug's traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cpscp_engine.cli import project_folder

ISSUES = "https://github.com/cpscp-handbook/handbook/issues"


def parse_args(argv: list[str] | None, root: Path | None = None) -> argparse.Namespace:
    from cpscp_engine.report import FORMATS

    parser = argparse.ArgumentParser(description="Validate the curriculum and its pages.")
    parser.add_argument(
        "--root",
        type=Path,
        default=project_folder(root),
        help="the handbook folder (holding curriculum/ and docs/); default: this checkout, or the current folder",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for people, github for GitHub Actions annotations, json for tools",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings (including TODO markers) as errors")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"--root {args.root}: no such folder")
    if not (args.root / "curriculum").is_dir():
        parser.error(f"--root {args.root}: there is no curriculum/ folder here; point --root at the handbook folder")
    return args


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parse_args(argv, root)  # exits with 2 on a usage error
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a non-UTF-8 console must not turn a dash into a crash
            stream.reconfigure(errors="replace")
    try:
        from cpscp_engine.report import failed, render
        from cpscp_engine.validate import validate

        result = validate(args.root)
        sys.stdout.write(render(result, args.format, args.strict))
        sys.stdout.flush()
        return 1 if failed(result, args.strict) else 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into head: nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug, not a problem in the files: one line, never a traceback
        if os.environ.get("CPSCP_DEBUG") == "1":
            raise
        detail = " ".join(str(exc).split())[:300]
        print(
            f"validate.py: internal error ({type(exc).__name__}: {detail}). This is a bug in the validator, "
            f"not in your files: please report it at {ISSUES} (CPSCP_DEBUG=1 shows the traceback).",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
