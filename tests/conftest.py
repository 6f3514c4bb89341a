"""Shared fixtures. The expensive one — a strict build of the real handbook — runs once per session."""
from __future__ import annotations

import pytest

from projectcopy import copy_project, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """A strict MkDocs build of a copy of the project: (project dir, site dir).

    Tests read the site; they must not modify it (copy it first if they need to).
    """
    project = copy_project(tmp_path_factory.mktemp("built-project"))
    site = project / "site"
    result = mkdocs_build(project, site, strict=True)
    assert result.returncode == 0, "mkdocs build --strict failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    return project, site
