"""The handbook also builds with Zensical, Material for MkDocs' successor (the migration path)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from projectcopy import copy_project, print_page

# Builds the whole handbook with Zensical (left out of `make test-fast`).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    if importlib.util.find_spec("zensical") is None:
        if os.environ.get("CI"):
            pytest.fail("Zensical is not installed in CI: requirements.txt pins it")
        pytest.skip(
            "Zensical is not installed: `make test` installs it from requirements.txt (pip install zensical==0.0.73)"
        )
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site", result.stdout + result.stderr


def test_zensical_builds_every_module_page(zensical_site):
    site, _ = zensical_site
    from cpscp_engine.loader import load

    model, _ = load(site.parent)
    built = sorted(p.parent.name for p in (site / "modules").glob("*/index.html"))
    assert built == sorted(Path(m.page).stem for m in model.modules)  # the programme's modules, no others


def test_macros_render_under_zensical(zensical_site):
    site, _ = zensical_site
    from cpscp_engine.loader import load

    first = load(site.parent)[0].modules[0]
    page = (site / Path(first.page).with_suffix("") / "index.html").read_text(encoding="utf-8")
    assert 'id="lo-1"' in page and 'id="ac-1-1"' in page  # outcomes rendered by define_env macros
    assert "{{" not in page and "module_facts(" not in page


def test_the_printable_edition_is_made_from_the_zensical_build(zensical_site):
    # the print step reads only the built pages, so a Zensical site gets the print edition too
    from cpscp_engine.loader import load
    from cpscp_engine.printpage import MARKER, anchor_problems, page_key
    from cpscp_engine.site import page_url

    site, _ = zensical_site
    result = print_page(site.parent, site)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert MARKER in html and 'id="print-site-cover-page"' in html
    assert anchor_problems(html) == ([], [])
    for m in load(site.parent)[0].modules:
        assert f'<section class="print-page" id="{page_key(page_url(m.page))}"' in html, m.id


def test_no_macro_errors_reported(zensical_site):
    _, log = zensical_site
    assert "Traceback" not in log


def test_zensical_refuses_a_page_that_would_run_code(tmp_path):
    # Zensical renders pages in its own, unsandboxed Jinja: the page check in define_env is
    # what stops a page there, before it renders. Zensical renders every page before it
    # reports the failure, so a small synthetic project with the handbook's macros/ (the one
    # `make bench` builds) shows it in a fraction of the time a copy of the handbook takes.
    from bench import synthetic_site

    if importlib.util.find_spec("zensical") is None:
        pytest.skip("Zensical is not installed")
    project = synthetic_site(tmp_path, 2)
    (project / "docs" / "evil.md").write_text(
        "# Evil\n\n{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/evil.md:3:10: error page-expression" in result.stdout + result.stderr
    assert not list(tmp_path.rglob("PWNED"))
