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
from cpscp_engine.yamlsource import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]


# A revision comes from a pull request: it may hold links to files of the machine, a submodule
# or a blob of gigabytes. Only ordinary files of a sensible size are taken out of it.
MAX_BLOB = 4 * MAX_BYTES
MAX_TOTAL = 256 * MAX_BYTES
_ORDINARY = (b"100644", b"100755")


class UnsafeRevision(Exception):
    """A revision whose curriculum/ or docs/ holds something other than ordinary files."""


def _printable(path: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in path)[:200]


def _checkout(repo: Path, rev: str, into: Path) -> None:
    """Write the ordinary files of curriculum/ and docs/ of a revision into `into`.

    Read from git's object database (never the work tree); symbolic links, submodules, odd
    paths and oversized blobs are refused (UnsafeRevision) before anything is read.
    """
    subprocess.run(["git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"], cwd=repo, check=True,
                   capture_output=True, timeout=30)
    listing = subprocess.run(["git", "ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--", "curriculum", "docs"],
                             cwd=repo, check=True, capture_output=True, timeout=60).stdout
    entries, total = [], 0
    for record in filter(None, listing.split(b"\0")):
        meta, _, raw_name = record.partition(b"\t")
        mode, kind, sha, size = meta.split()
        name = raw_name.decode("utf-8", "replace")
        shown = _printable(name)
        if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
            raise UnsafeRevision(f"'{shown}' is not a plain path inside the repository")
        if mode == b"120000":
            raise UnsafeRevision(f"'{shown}' is a symbolic link; curriculum files and pages must be ordinary files")
        if kind != b"blob" or mode not in _ORDINARY:
            raise UnsafeRevision(f"'{shown}' is not an ordinary file (git mode {mode.decode()})")
        if int(size) > MAX_BLOB:
            raise UnsafeRevision(f"'{shown}' is {int(size):,} bytes, more than the {MAX_BLOB:,} a curriculum "
                                 "file or page may have")
        total += int(size)
        if total > MAX_TOTAL:
            raise UnsafeRevision(f"curriculum/ and docs/ together are over {MAX_TOTAL:,} bytes")
        entries.append((name, sha, int(size)))
    batch = subprocess.run(["git", "cat-file", "--batch"], input=b"".join(sha + b"\n" for _, sha, _ in entries),
                           cwd=repo, check=True, capture_output=True, timeout=120).stdout
    pos = 0
    for name, _sha, length in entries:
        start = batch.index(b"\n", pos) + 1  # after "<sha> blob <size>"
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[start:start + length])
        pos = start + length + 1


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
