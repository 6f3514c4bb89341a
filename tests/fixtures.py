"""Helpers for the render, macro and site-build tests: small curricula and project copies."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from engine import synthetic
from engine.loader import load

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "curriculum", "macros", "overrides", "scripts")
HOSTILE = "<script>alert(1)</script> {{ x }} a|b"


def small_curriculum(root: Path, modules: int = 3) -> Path:
    """A valid synthetic curriculum (and docs pages) under root."""
    synthetic.generate(root, modules=modules, outcomes=2, criteria=2)
    return root


def edit_yaml(path: Path, change) -> None:
    """Load a curriculum file, let `change(data)` modify it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def module_file(root: Path, module_id: str) -> Path:
    for path in sorted((root / "curriculum" / "modules").glob("*.yml")):
        if yaml.safe_load(path.read_text(encoding="utf-8")).get("id") == module_id:
            return path
    raise LookupError(module_id)


def model_of(root: Path):
    model, diagnostics = load(root)
    return model


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """Copy what a build needs (no .venv, no site/) into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def nav_pages(project: Path) -> list[str]:
    """Every page the nav of project/mkdocs.yml lists."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for x in item:
                walk(x)
        elif isinstance(item, dict):
            for x in item.values():
                walk(x)

    walk(config.get("nav", []))
    return [p for p in found if p.endswith(".md")]


def fill_missing_pages(project: Path) -> list[str]:
    """Stand-in pages for nav entries that do not exist yet (inside the copy only).

    Lets the build test run while the content is being written: each stand-in calls the
    macros its page will call, so they are exercised all the same.
    """
    macros = {
        "assessment.md": "{{ exam_blueprint() }}\n\n## Practice questions\n\n{{ practice_questions() }}\n",
        "competencies.md": "{{ competency_framework() }}\n\n{{ competency_map() }}\n\n{{ competency_coverage() }}\n",
        "glossary.md": "{{ glossary() }}\n",
        "references.md": "{{ references() }}\n",
        "about.md": "{{ programme_structure() }}\n\n{{ pathways() }}\n\n{{ placement() }}\n\n"
                    "{{ award_rules() }}\n\n{{ status_statement() }}\n",
    }
    made = []
    for page in nav_pages(project):
        path = project / "docs" / page
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Stand-in for {page}\n\n{macros.get(page, '')}", encoding="utf-8")
            made.append(page)
    return made


def mkdocs_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        args.append("--strict")
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV and !!python tags: read them as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
