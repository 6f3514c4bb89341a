#!/usr/bin/env python3
"""Show what a change does to the curriculum, as Markdown for a pull request.

    python scripts/curriculum_diff.py BASE [HEAD]

BASE and HEAD are git revisions (HEAD defaults to the working tree). Exit 0 with the report;
1 when a revision's curriculum cannot be loaded or a published id was removed; 2 on a usage
or git error.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from cpscp_engine.diagnostics import Severity
from cpscp_engine.diff import compare, to_markdown
from cpscp_engine.loader import load
from cpscp_engine.releases import UnsafeRevision
from cpscp_engine.releases import checkout as _checkout

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path, label: str):
    model, diagnostics = load(path)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR and not d.loc.file.startswith("docs/")]
    if errors:
        details = "\n".join("  " + d.format() for d in errors[:10])
        raise ValueError(f"the curriculum at {label} has errors, so it cannot be compared:\n{details}")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the curriculum data of two git revisions.")
    parser.add_argument("base", help="base revision, e.g. origin/main or v1.0.0")
    parser.add_argument("head", nargs="?", default=None, help="head revision (default: the working tree)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository (default: this project)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            base_dir = Path(tmp) / "base"
            _checkout(args.repo, args.base, base_dir)
            head_dir = args.repo
            if args.head:
                head_dir = Path(tmp) / "head"
                _checkout(args.repo, args.head, head_dir)
        except subprocess.CalledProcessError as exc:
            message = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
            print(f"curriculum_diff: git could not read that revision ({message[-1] if message else 'unknown revision'}) "
                  "— check the name (e.g. origin/main) and that the history is fetched (fetch-depth: 0)", file=sys.stderr)
            return 2
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"curriculum_diff: git failed: {exc}", file=sys.stderr)
            return 2
        except UnsafeRevision as exc:
            print(f"curriculum_diff: that revision cannot be compared safely: {exc} — fix it in the pull request "
                  "and run the diff again", file=sys.stderr)
            return 1
        try:
            old = _load(base_dir, args.base)
            new = _load(head_dir, args.head or "the working tree")
        except ValueError as exc:
            print(f"curriculum_diff: {exc}", file=sys.stderr)
            return 1
        report = compare(old, new)
        print(to_markdown(report, old, new, args.base, args.head or "working tree"))
        return 1 if report.flagged else 0


if __name__ == "__main__":
    sys.exit(main())
