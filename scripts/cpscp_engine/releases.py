"""Released versions of the curriculum, read from git tags (v1.0.0 or 1.0.0).

The reader-facing "What changed" page compares each release with the one before it, and the
pages as built with the latest release. Nothing here writes to the repository: a revision's
curriculum/ and docs/ are read from git's object database into a temporary folder, ordinary
files only (scripts/curriculum_diff.py reads pull requests with the same routine).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Severity
from .model import Curriculum
from .yamlsource import MAX_BYTES

TAG = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True)
class Release:
    tag: str
    date: str  # ISO date of the tagged commit
    model: Curriculum | None  # None when that revision's curriculum has errors


# A revision comes from a pull request: it may hold links to files of the machine, a submodule
# or a blob of gigabytes. Only ordinary files of a sensible size are taken out of it.
MAX_BLOB = 4 * MAX_BYTES
MAX_TOTAL = 256 * MAX_BYTES
_ORDINARY = (b"100644", b"100755")


class UnsafeRevision(Exception):
    """A revision whose curriculum/ or docs/ holds something other than ordinary files."""


def _printable(path: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in path)[:200]


def checkout(repo: Path, rev: str, into: Path) -> None:
    """Write the ordinary files of curriculum/ and docs/ of a revision into `into`.

    Read from git's object database (never the work tree); symbolic links, submodules, odd
    paths and oversized blobs are refused (UnsafeRevision) before anything is read.
    """
    subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=30,
    )
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--", "curriculum", "docs"],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
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
            raise UnsafeRevision(
                f"'{shown}' is {int(size):,} bytes, more than the {MAX_BLOB:,} a curriculum file or page may have"
            )
        total += int(size)
        if total > MAX_TOTAL:
            raise UnsafeRevision(f"curriculum/ and docs/ together are over {MAX_TOTAL:,} bytes")
        entries.append((name, sha, int(size)))
    batch = subprocess.run(
        ["git", "cat-file", "--batch"],
        input=b"".join(sha + b"\n" for _, sha, _ in entries),
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    pos = 0
    for name, _sha, length in entries:
        start = batch.index(b"\n", pos) + 1  # after "<sha> blob <size>"
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[start : start + length])
        pos = start + length + 1


def git_output(root: Path, *args: str) -> str:
    """What a git command prints in `root` (its error as subprocess.CalledProcessError)."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True).stdout


def tags(root: Path) -> list[tuple[str, str]]:
    """(tag, ISO date) of every version tag, oldest version first; [] outside git or without tags."""
    try:
        out = git_output(root, "tag", "--list", "--format=%(refname:short) %(creatordate:short)")
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
            except (OSError, subprocess.SubprocessError, ValueError, UnsafeRevision):
                releases.append(Release(tag, date, None))
                continue
            model, diagnostics = load(Path(tmp))
            broken = any(d.severity is Severity.ERROR and not d.loc.file.startswith("docs/") for d in diagnostics)
            releases.append(Release(tag, date, None if broken else model))
    return tuple(releases)
