"""Helpers for the tests that follow the documented flows (CONTRIBUTING.md, the guide for providers)
on a throw-away copy of the whole project, with the same commands a person would type."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

from fixtures import ROOT, copy_project
from projectcopy import run

# What is not part of a provider's copy of the project: environments, builds, caches.
NOT_COPIED = {".git", ".venv", ".venv-lock", "site", "site-tutor", "build", ".pytest_cache", "__pycache__"}
_EXAMPLE = re.compile(r"<!-- worked-example: (?P<path>[^ ]+) -->\s*```yaml\n(?P<body>.*?)```", re.S)


def project_copy(dest: Path) -> Path:
    """The whole project as a provider's clone has it (its tests, workflows and guides too)."""
    copy_project(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for src in ROOT.iterdir():
        if src.name in NOT_COPIED or (dest / src.name).exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=ignore)
        else:
            shutil.copy2(src, dest / src.name)
    run(["git", "init", "-q"], cwd=dest)  # a fork is a git repository (the workflow linter looks for one)
    return dest


def worked_examples(markdown: str) -> dict[str, str]:
    """The files a guide gives in full: {path: text}, from blocks marked `<!-- worked-example: path -->`."""
    found = {}
    for m in _EXAMPLE.finditer(markdown):
        indent = re.match(r"[ \t]*", m.group("body").splitlines()[0]).group(0) if m.group("body").strip() else ""
        lines = [line[len(indent):] if line.startswith(indent) else line for line in m.group("body").splitlines()]
        found[m.group("path")] = "\n".join(lines).rstrip() + "\n"
    return found


def python(project: Path, *args: str, timeout: int = 900):
    """`.venv/bin/python ARGS` as the guides write it, in the copy (this interpreter is that venv's)."""
    return run([sys.executable, *args], cwd=project, timeout=timeout)


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as the project's files (and the scaffold that appends to them) have them."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Indented, sort_keys=False, allow_unicode=True, width=110)


def edit(path: Path, change) -> None:
    """Change a YAML file as a person would in an editor (comments are not kept)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump(data), encoding="utf-8")


def fill_page(project: Path, module_id: str, page: str, model_page: str, model_id: str) -> None:
    """Replace a scaffolded page with finished prose: an existing module page retargeted at the new
    module (a stand-in for the prose a tutor writes; the test is about the flow, not the words)."""
    text = (project / "docs" / model_page).read_text(encoding="utf-8")
    text = text.replace(f"module: {model_id}", f"module: {module_id}", 1)
    text = text.replace(f'("{model_id}"', f'("{module_id}"')  # every macro about the module
    title = yaml.safe_load((project / "curriculum" / "modules" / (Path(page).stem + ".yml")).read_text(
        encoding="utf-8"))["title"]
    text = re.sub(r"^# .*$", f"# {title}", text, count=1, flags=re.M)
    (project / "docs" / page).write_text(text, encoding="utf-8")


# The flow tests copy the upstream project and follow its guides: they are not run inside a copy.
FLOW_TESTS = ("tests/test_contributing_example.py", "tests/test_fork_flow.py")


def engine_tests(project: Path, *ignore: str):
    """The copy's own test suite, without the browser tests and whole-site builds (make test-fast)."""
    skip = [f"--ignore={path}" for path in (*FLOW_TESTS, *ignore)]
    return run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser and not slow",
                *skip], cwd=project, timeout=1800)
