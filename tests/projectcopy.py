"""Helpers for tests that need a throw-away copy of the project or a temporary git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fixtures import ROOT, copy_project, mkdocs_build, print_page  # noqa: F401 (re-exported for the tests)


def run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def script(name: str, *args: str, cwd: Path = ROOT, root: Path | None = None) -> subprocess.CompletedProcess:
    """Run one of the project's scripts (from `root`'s copy when given) with this Python."""
    base = root or ROOT
    return run([sys.executable, str(base / "scripts" / name), *args], cwd=cwd)


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env).stdout


def copy_with_print_page(dest: Path, page: str) -> Path:
    """A copy of the project whose printable edition is made in docs/<page>, without directory
    URLs (so built as <page stem>.html): for the scripts that must find it where mkdocs.yml says."""
    root = copy_project(dest)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "use_directory_urls" not in text and text.count("\n  print_edition:\n") == 1
    text = text.replace("\n  print_edition:\n", f"\n  print_edition:\n    page: {page}\n")
    config.write_text("use_directory_urls: false\n" + text, encoding="utf-8")
    return root
