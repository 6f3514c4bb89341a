"""CONTRIBUTING.md's worked example is complete and passes the strict check; followed end to end
(scaffold, fill, validate --strict, build, the engine's tests) on a copy of the project it is green."""

from __future__ import annotations

import re

import pytest

import yamlio
from fixtures import ROOT, mkdocs_build, model_of
from flows import engine_tests, fill_page, project_copy, python, worked_examples

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
MODULE_FILE = "curriculum/modules/14-families-and-close-relationships.yml"
DELIVERY_FILE = "curriculum/delivery/14-families-and-close-relationships.yml"


def _follow_the_guide(project):
    """Steps 1 to 4 of the worked example, as a tutor does them."""
    made = python(project, "scripts/new_module.py", "Families and close relationships")
    assert made.returncode == 0, made.stdout + made.stderr
    examples = worked_examples(GUIDE)
    assert list(examples) == [MODULE_FILE, DELIVERY_FILE], "the guide gives the module's two files in full"
    for path, text in examples.items():
        (project / path).write_text(text, encoding="utf-8")
    assert "set `weekly_hours: 16` for\n   `id: intensive`" in GUIDE

    # as a tutor does it, in the editor: only that line changes
    programme = project / "curriculum" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    at = text.index("weekly_hours:", text.index("- id: intensive"))
    end = text.index("\n", at)
    programme.write_text(text[:at] + "weekly_hours: 16" + text[end:], encoding="utf-8")
    intensive = next(
        p for p in yamlio.load(programme.read_text(encoding="utf-8"))["pathways"] if p["id"] == "intensive"
    )
    assert intensive["weekly_hours"] == 16
    data = yamlio.load(examples[MODULE_FILE])
    fill_page(project, data["id"], data["page"], "modules/10-designing-programmes.md", "M10")
    return data


def test_the_worked_example_passes_the_strict_check(tmp_path):
    project = project_copy(tmp_path / "project")
    before = len(model_of(project).modules)
    _follow_the_guide(project)
    result = python(project, "scripts/validate.py", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    counted = re.search(r"\b(\d+) modules\b", result.stdout)
    assert counted and int(counted.group(1)) == before + 1, f"one module more than the {before} before: {result.stdout}"


@pytest.mark.slow
@pytest.mark.flow
def test_new_module_flow_builds_and_the_engine_tests_pass(tmp_path):
    project = project_copy(tmp_path / "project")
    data = _follow_the_guide(project)
    assert python(project, "scripts/validate.py", "--strict").returncode == 0
    built = mkdocs_build(project, project / "site", strict=True)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert (project / "site" / data["page"][:-3] / "index.html").is_file()
    tests = engine_tests(project, "tests/test_content.py")  # the engine's tests, not the upstream content's
    assert tests.returncode == 0, tests.stdout[-5000:] + tests.stderr[-2000:]
