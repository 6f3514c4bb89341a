"""The edition a reader holds: programme version, status and the date it was last reviewed.

One answer for every output (pages, the PDF cover, the exports), so a printed copy, a
downloaded file and the web page can be compared at a glance.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Curriculum
from .releases import git_output


@dataclass(frozen=True)
class Edition:
    version: str
    status: str
    reviewed: str  # ISO date, or "" when neither the data nor git gives one
    reviewed_from: str  # "data", "git" or ""


def last_commit_date(root: Path) -> str:
    """The date of the last commit that touched the curriculum or the pages ("" outside git)."""
    try:
        out = git_output(root, "log", "-1", "--format=%cs", "--", "curriculum", "docs").strip()
        return _dt.date.fromisoformat(out).isoformat()
    except (OSError, subprocess.SubprocessError, ValueError):
        return ""


def edition(model: Curriculum) -> Edition:
    """The data's `reviewed:` date when given (a person vouches for it), else the last commit's."""
    prog = model.programme
    if prog is None:
        return Edition("", "", "", "")
    version, status, reviewed = prog.version, prog.status, prog.reviewed
    if reviewed:
        return Edition(version, status, reviewed, "data")
    from_git = last_commit_date(model.root)
    return Edition(version, status, from_git, "git" if from_git else "")
