"""Released versions of the curriculum, read from git tags (v1.0.0 or 1.0.0).

The reader-facing "What changed" page compares each release with the one before it, and the
pages as built with the latest release. Nothing here writes to the repository: a revision's
curriculum/ and docs/ are extracted with `git archive` into a temporary folder.
"""
from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Severity
from .model import Curriculum

TAG = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True)
class Release:
    tag: str
    date: str  # ISO date of the tagged commit
    model: Curriculum | None  # None when that revision's curriculum has errors


def checkout(repo: Path, rev: str, into: Path) -> None:
    """Extract curriculum/ and docs/ of a revision (without touching the work tree)."""
    subprocess.run(["git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"], cwd=repo, check=True,
                   capture_output=True, timeout=30)
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "--", "curriculum", "docs"], cwd=repo,
                             check=True, capture_output=True, timeout=120).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30,
                          check=True).stdout


def tags(root: Path) -> list[tuple[str, str]]:
    """(tag, ISO date) of every version tag, oldest version first; [] outside git or without tags."""
    try:
        out = _git(root, "tag", "--list", "--format=%(refname:short) %(creatordate:short)")
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        name, _, date = line.strip().partition(" ")
        m = TAG.match(name)
        if m:
            found.append((tuple(int(g) for g in m.groups()), name, date))
    return [(name, date) for _, name, date in sorted(found)]


@lru_cache(maxsize=8)
def history(root: Path) -> tuple[Release, ...]:
    """Every release with its curriculum loaded, oldest first (cached: tags do not change in a build)."""
    from .loader import load  # here: the loader reads the macro registry, which renders this history

    releases = []
    for tag, date in tags(root):
        with tempfile.TemporaryDirectory(prefix="cpscp-release-") as tmp:
            try:
                checkout(root, tag, Path(tmp))
            except (OSError, subprocess.SubprocessError, tarfile.TarError):
                releases.append(Release(tag, date, None))
                continue
            model, diagnostics = load(Path(tmp))
            broken = any(d.severity is Severity.ERROR and not d.loc.file.startswith("docs/") for d in diagnostics)
            releases.append(Release(tag, date, None if broken else model))
    return tuple(releases)
