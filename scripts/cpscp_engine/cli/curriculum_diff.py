"""Show what a change does to the curriculum, as Markdown for a pull request.

    .venv/bin/python scripts/curriculum_diff.py BASE [HEAD]     # what HEAD changed since it left BASE
    .venv/bin/python scripts/curriculum_diff.py --upstream [REV] # what upstream changed since you last merged

BASE and HEAD are git revisions (HEAD defaults to the working tree). Like `git diff BASE...HEAD`,
the comparison starts from the two revisions' common ancestor (their merge base), so a fork's own
edits are not shown reversed when it is compared with upstream; --direct compares BASE itself.
--upstream compares the common ancestor of your branch and REV (default: $UPSTREAM, else
upstream/main) with REV. Exit 0 with the report; 1 when a revision's curriculum cannot be loaded
or a published id was removed; 2 on a usage or git error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cpscp_engine.cli import project_folder
from cpscp_engine.diagnostics import Severity
from cpscp_engine.diff import compare, to_markdown
from cpscp_engine.loader import load
from cpscp_engine.releases import UnsafeRevision, git_output
from cpscp_engine.releases import checkout as _checkout


def _commit(repo: Path, rev: str) -> str:
    """The commit a revision names (git's error when it names none)."""
    return git_output(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}").strip()


def _merge_base(repo: Path, base: str, head: str) -> str:
    """The commit both revisions descend from: where `git diff base...head` starts."""
    return git_output(repo, "merge-base", _commit(repo, base), _commit(repo, head)).strip()


def _load(path: Path, label: str):
    model, diagnostics = load(path)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR and not d.loc.file.startswith("docs/")]
    if errors:
        details = "\n".join("  " + d.format() for d in errors[:10])
        raise ValueError(f"the curriculum at {label} has errors, so it cannot be compared:\n{details}")
    return model


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare the curriculum data of two git revisions, from their "
        "common ancestor (like git diff BASE...HEAD)."
    )
    parser.add_argument("base", nargs="?", default=None, help="base revision, e.g. origin/main or v1.0.0")
    parser.add_argument("head", nargs="?", default=None, help="head revision (default: the working tree)")
    parser.add_argument(
        "--direct", action="store_true", help="compare BASE itself, not the common ancestor of BASE and HEAD"
    )
    parser.add_argument(
        "--upstream",
        nargs="?",
        const="",
        default=None,
        metavar="REV",
        help="what REV (default: $UPSTREAM, else upstream/main) changed since your branch last merged it",
    )
    parser.add_argument(
        "--repo", type=Path, default=project_folder(root), help="the git repository (default: this project)"
    )
    args = parser.parse_args(argv)
    if args.upstream is not None:
        if args.base or args.head:
            parser.error("--upstream takes the place of BASE and HEAD: give one or the other")
        args.base, args.head = "HEAD", args.upstream or os.environ.get("UPSTREAM") or "upstream/main"
    elif not args.base:
        parser.error("say which revision to compare with, e.g. origin/main, or use --upstream")
    head_label = args.head or "the working tree"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            since = ""
            start = args.base
            if not args.direct:
                start = _merge_base(args.repo, args.base, args.head or "HEAD")
                if start != _commit(args.repo, args.base):
                    since = (
                        f"Compared from the last commit {args.base} and {head_label} have in common "
                        f"({start[:10]}), so only the changes made on the {head_label} side are listed."
                    )
            base_dir = Path(tmp) / "base"
            _checkout(args.repo, start, base_dir)
            head_dir = args.repo
            if args.head:
                head_dir = Path(tmp) / "head"
                _checkout(args.repo, args.head, head_dir)
        except subprocess.CalledProcessError as exc:
            message = exc.stderr or b""
            message = (message.decode(errors="replace") if isinstance(message, bytes) else message).strip().splitlines()
            print(
                f"curriculum_diff: git could not read that revision ({message[-1] if message else 'unknown revision'}) "
                "— check the name (e.g. origin/main, or upstream/main after `git fetch upstream`) and that the "
                "history is fetched (fetch-depth: 0)",
                file=sys.stderr,
            )
            return 2
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"curriculum_diff: git failed: {exc}", file=sys.stderr)
            return 2
        except UnsafeRevision as exc:
            print(
                f"curriculum_diff: that revision cannot be compared safely: {exc} — fix it in the pull request "
                "and run the diff again",
                file=sys.stderr,
            )
            return 1
        try:
            old = _load(base_dir, args.base)
            new = _load(head_dir, head_label)
        except ValueError as exc:
            print(f"curriculum_diff: {exc}", file=sys.stderr)
            return 1
        report = compare(old, new)
        print(to_markdown(report, old, new, args.base, args.head or "working tree", since))
        return 1 if report.flagged else 0


if __name__ == "__main__":
    sys.exit(main())
