"""The module scaffold validates with warnings only, builds, appears in the site, and --strict refuses it."""

from __future__ import annotations

import json

import pytest

from projectcopy import copy_project, mkdocs_build, script


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = script("new_module.py", "Working with families", root=project, cwd=project)
    assert result.returncode == 0, result.stderr
    return project, result.stdout


def test_creates_data_page_and_nav_entry(scaffolded):
    project, out = scaffolded
    modules = sorted((project / "curriculum" / "modules").glob("*-working-with-families.yml"))
    assert len(modules) == 1
    name = modules[0].stem
    assert (project / "docs" / "modules" / f"{name}.md").exists()
    assert (project / "curriculum" / "delivery" / f"{name}.yml").exists()
    assert f"modules/{name}.md" in (project / "mkdocs.yml").read_text()
    assert "Created module" in out


def test_scaffold_validates_with_warnings_only(scaffolded):
    project, _ = scaffolded
    result = script("validate.py", "--root", str(project), "--format", "json", root=project, cwd=project)
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout
    assert report["errors"] == 0
    todo = [d for d in report["diagnostics"] if "TODO" in d["message"] or "todo" in d["code"]]
    assert todo, "the TODO markers must be reported as warnings"
    assert all(d["severity"] == "warning" for d in todo)


def test_strict_refuses_the_unfinished_module(scaffolded):
    project, _ = scaffolded
    result = script("validate.py", "--root", str(project), "--strict", root=project, cwd=project)
    assert result.returncode == 1
    assert "TODO" in result.stdout


@pytest.mark.slow  # builds the whole site
def test_scaffold_builds_and_appears_in_the_site(scaffolded, tmp_path):
    project, _ = scaffolded
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    name = next((project / "curriculum" / "modules").glob("*-working-with-families.yml")).stem
    page = (site / "modules" / name / "index.html").read_text(encoding="utf-8")
    assert "Working with families" in page
    assert 'id="lo-1"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"modules/{name}/" in home  # linked from the navigation


def test_title_without_letters_is_a_usage_error(tmp_path):
    project = copy_project(tmp_path / "p")
    result = script("new_module.py", "!!!", root=project, cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
