"""Helpers for the render, macro and site-build tests: small curricula and project copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import yamlio
from cpscp_engine import synthetic
from cpscp_engine.loader import load

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "curriculum", "macros", "overrides", "scripts")
HOSTILE = "<script>alert(1)</script> {{ x }} a|b"


def small_curriculum(root: Path, modules: int = 3) -> Path:
    """A valid synthetic curriculum (and docs pages) under root."""
    synthetic.generate(root, modules=modules, outcomes=2, criteria=2)
    return root


def edit_yaml(path: Path, change) -> None:
    """Load a curriculum file, let `change(data)` modify it, write it back."""
    data = yamlio.load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def module_file(root: Path, module_id: str) -> Path:
    for path in sorted((root / "curriculum" / "modules").glob("*.yml")):
        if yamlio.load(path.read_text(encoding="utf-8")).get("id") == module_id:
            return path
    raise LookupError(module_id)


def model_of(root: Path):
    model, _ = load(root)
    return model


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """Copy what a build needs (no .venv, no site/) into dest.

    The engine's compiled bytecode comes along: the copy's scripts then start as quickly as the
    project's, instead of compiling the engine again in every process (about 0.08 s each). The
    files keep their times (copy2), so Python still compiles again any file a test changes."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Build the site as `make build` does its pages: `mkdocs build`, then the printable edition."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        args.append("--strict")
    built = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    if built.returncode != 0:
        return built
    printed = print_page(project, site)
    return subprocess.CompletedProcess(
        built.args, printed.returncode, built.stdout + printed.stdout, built.stderr + printed.stderr
    )


def print_page(project: Path, site: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """The print step of `make build` (scripts/printpage.py, the project's own copy when it has one)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    script = project / "scripts" / "printpage.py"
    script = script if script.is_file() else ROOT / "scripts" / "printpage.py"
    args = [sys.executable, str(script), "--root", str(project), "--site", str(site), "-f", config]
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)
