"""scripts/check_site.py refuses a built site that lacks a download, and accepts a complete one."""

from __future__ import annotations

from cpscp_engine.loader import load
from projectcopy import script


def test_site_without_exports_is_refused(built_site):
    project, site = built_site
    result = script("check_site.py", str(site), "--root", str(project), root=project, cwd=project)
    assert result.returncode == 1
    assert "exports/case-1.1.json" in result.stderr and "make build" in result.stderr


def test_site_with_exports_is_accepted_and_pdf_can_be_required(exported_site):
    project, site = exported_site  # the build with export.py's files written into it
    ok = script("check_site.py", str(site), "--root", str(project), root=project, cwd=project)
    assert ok.returncode == 0, ok.stderr
    strict = script("check_site.py", str(site), "--root", str(project), "--require-pdf", root=project, cwd=project)
    code = load(project)[0].require_programme().short_code  # the PDF is named after the programme's short code
    assert strict.returncode == 1 and f"pdf/{code.lower()}-handbook.pdf" in strict.stderr


def test_the_print_page_looked_for_is_the_one_mkdocs_yml_names(tmp_path):
    from projectcopy import copy_with_print_page

    root = copy_with_print_page(tmp_path / "project", "book.md")
    (tmp_path / "site").mkdir()
    result = script("check_site.py", str(tmp_path / "site"), "--root", str(root), root=root, cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "book.html" in result.stderr and "print_page" not in result.stderr
