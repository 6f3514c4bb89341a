"""Shared fixtures.

- `tree` / `t`: a small valid curriculum written by the synthetic generator into tmp_path. The
  validator tests never read the real curriculum; each copies a fresh valid tree, breaks one
  rule and checks the validator names it.
- `built_site`: the expensive one, a strict build of the real handbook, runs once per session;
  `exported_site`: a copy of that build with the open-data exports written into it, as
  `make build` writes them, also made once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

import yamlio
from bounded import run_bounded
from cpscp_engine.loader import load
from cpscp_engine.synthetic import delivery, generate
from cpscp_engine.validate import Validation, validate
from projectcopy import copy_project, mkdocs_build, script

PROJECT = Path(__file__).resolve().parents[1]


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # copies made in a test must come out written in full
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)


CLI = PROJECT / "scripts" / "validate.py"
MODULES, OUTCOMES, CRITERIA = 4, 4, 3


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template")
    generate(root, modules=MODULES, outcomes=OUTCOMES, criteria=CRITERIA)
    return root


@pytest.fixture
def tree(template, tmp_path) -> Path:
    """A fresh copy of the valid curriculum to break."""
    root = tmp_path / "handbook"
    shutil.copytree(template, root)
    return root


class Tree:
    """Small helpers to edit the fixture and run the validator on it."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def module_file(self, index: int = 0) -> Path:
        return sorted((self.root / "curriculum" / "modules").glob("*.yml"))[index]

    def page_file(self, index: int = 0) -> Path:
        return sorted((self.root / "docs" / "modules").glob("*.md"))[index]

    def edit(self, path: Path | str, change: Callable[[dict], object]) -> None:
        path = self.root / path if isinstance(path, str) else path
        data = yamlio.load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(dump(data), encoding="utf-8")

    def edit_module(self, index: int, change: Callable[[dict], object]) -> None:
        """Change a module file, and write its delivery file afresh to match (a test that breaks a
        module rule then sees that rule alone, not the delivery file falling out of step)."""
        path = self.module_file(index)
        self.edit(path, change)
        paired = self.root / "curriculum" / "delivery" / path.name
        data = yamlio.load(path.read_text(encoding="utf-8"))
        if paired.exists() and isinstance(data, dict):
            placement = "logbook" in (yamlio.load(paired.read_text(encoding="utf-8")) or {})
            try:
                paired.write_text(dump(delivery(data, placement)), encoding="utf-8")
            except (KeyError, TypeError, IndexError, AttributeError):
                pass  # the test broke the module's shape: the schema check reports it, not the delivery file

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def validate(self) -> Validation:
        return validate(self.root)

    def load(self):
        return load(self.root)[0]

    def codes(self) -> set[str]:
        return {d.code for d in self.validate().diagnostics}

    def find(self, code: str) -> list:
        return [d for d in self.validate().diagnostics if d.code == code]


@pytest.fixture
def t(tree) -> Tree:
    return Tree(tree)


def run_cli(
    *args: str, env: dict | None = None, timeout: float = 60, bounded: bool = False
) -> subprocess.CompletedProcess:
    """validate.py run as a command; ``bounded``: within tests/bounded.py's limits of memory and CPU time."""
    if bounded:
        return run_bounded([sys.executable, str(CLI), *args], timeout=timeout, env=env)
    return subprocess.run([sys.executable, str(CLI), *args], capture_output=True, text=True, timeout=timeout, env=env)


def _once(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], str | None]) -> Path:
    """The folder `name`, made by `make` once per test run; `make` returns why it failed, or None.

    Under pytest-xdist (`make test` runs two or more workers) the first worker to ask makes it
    in the run's shared temporary folder while the others wait for it, then all read it.
    """
    if worker_id == "master":  # not under xdist: this process is the whole run
        folder = tmp_path_factory.getbasetemp() / name
        return _make_once(folder, make)
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    with FileLock(str(shared / f"{name}.lock")):
        return _make_once(shared / name, make)


def _make_once(folder: Path, make: Callable[[Path], str | None]) -> Path:
    done, failed = folder.parent / f"{folder.name}-done", folder.parent / f"{folder.name}-failed.txt"
    if failed.exists():  # another worker tried: report its failure rather than try again
        pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)  # what an interrupted attempt left
        problem = make(folder)
        if problem is not None:
            failed.write_text(problem, encoding="utf-8")
            pytest.fail(problem, pytrace=False)
        done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id):
    """A strict MkDocs build of a copy of the project: (project dir, site dir).

    Built once per test run (see _once). Tests must not modify it (copy it first if they need to).
    """

    def build(project: Path) -> str | None:
        copy_project(project)
        result = mkdocs_build(project, project / "site", strict=True)
        if result.returncode != 0:
            return "mkdocs build --strict failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
        return None

    project = _once(tmp_path_factory, worker_id, "built-project", build)
    return project, project / "site"


@pytest.fixture(scope="session")
def exported_site(built_site, tmp_path_factory, worker_id):
    """The session's build with the open-data exports written into it by scripts/export.py, as
    `make build` writes them: (project dir, site dir). Made once per test run from a copy of
    `built_site`; tests must not modify it."""
    project, built = built_site

    def export(site: Path) -> str | None:
        shutil.copytree(built, site)
        result = script("export.py", "--root", str(project), "--site", str(site), root=project, cwd=project)
        return None if result.returncode == 0 else "export.py failed:\n" + result.stdout + result.stderr

    return project, _once(tmp_path_factory, worker_id, "exported-site", export)


# The whole-flow tests (a contributor's new module, a provider's rebranded fork) run the test
# suite again inside their copy, which takes minutes: `make test-flows` runs them.
FLOWS_ENV = "CPSCP_FLOWS"


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by the markers added here
def pytest_collection_modifyitems(config, items):
    # A test that reads the strict build of the handbook waits for the whole-site build: it
    # is slow (left out of `make test-fast`) without each file having to say so.
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    if os.environ.get(FLOWS_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"a whole-flow test: run it with `make test-flows` ({FLOWS_ENV}=1)")
    for item in items:
        if "flow" in item.keywords:
            item.add_marker(skip)
