"""The printable edition (print_page/) and `make pdf` (scripts/pdf.py)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from printpage import anchor_problems, fix_anchors, open_details
from projectcopy import script

MIN_PAGES = 50  # the handbook prints to well over a hundred A4 pages


def _page(key: str, body: str, number: str = "1") -> str:
    return f'<section class="print-page" id="{key}" heading-number="{number}">{body}</section>'


def test_fix_anchors_prefixes_ids_and_what_refers_to_them():
    html = ('<div id="print-site-page">'
            + _page("about", '<h2 id="about-intro">Intro</h2><a href="#about-ac-1-1">x</a>'
                             '<span id="ac-1-1"></span><a href="#modules-m04-c1">y</a>'
                             '<svg aria-labelledby="chart-title chart-desc"><title id="chart-title">t</title>'
                             '<desc id="chart-desc">d</desc><pattern id="chart-hatch"></pattern>'
                             '<rect fill="url(#chart-hatch)"/></svg><label for="box">b</label><input id="box">')
            + "<section class='print-page md-section' id='section-2'>"
            + _page("modules-m04", '<dl><dt id="c1">C1</dt></dl><span id="ac-1-1"></span>', "2.1")
            + "</section></div>")
    assert anchor_problems(html)[0] == ["ac-1-1"]
    fixed = fix_anchors(html)
    duplicates, missing = anchor_problems(fixed)
    assert duplicates == [] and missing == []
    assert 'id="about-intro"' in fixed  # already prefixed by the plugin: left alone
    assert 'aria-labelledby="about-chart-title about-chart-desc"' in fixed
    assert 'fill="url(#about-chart-hatch)"' in fixed and 'for="about-box"' in fixed
    assert "id='section-2'" in fixed  # the plugin's own section wrapper is not a page's anchor
    assert fix_anchors(fixed) == fixed, "running twice must change nothing"


def test_fix_anchors_leaves_other_pages_alone():
    html = "<html><body><p id='x'>no print page here</p></body></html>"
    assert fix_anchors(html) == html


def test_pdf_without_a_built_site_says_so(tmp_path):
    result = script("pdf.py", "--site", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no printable edition" in result.stderr and "make build" in result.stderr
    assert "Traceback" not in result.stderr


def test_pdf_without_chromium_says_so(tmp_path, monkeypatch):
    page = tmp_path / "site" / "print_page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body>print page</body></html>", encoding="utf-8")
    monkeypatch.setenv("CPSCP_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = script("pdf.py", "--site", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "Chromium not found" in result.stderr and "CPSCP_CHROMIUM" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "pdf").exists() or not any((tmp_path / "site" / "pdf").iterdir())


@pytest.fixture(scope="module")
def site_copy(built_site, tmp_path_factory) -> Path:
    """A copy of the session's built site, which the tests must not change."""
    _, site = built_site
    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site, copy)
    return copy


@pytest.mark.slow
def test_the_build_writes_a_print_page(built_site):
    _, site = built_site
    page = site / "print_page" / "index.html"
    assert page.is_file(), "mkdocs-print-site-plugin wrote no print page: is it the last plugin in mkdocs.yml?"
    html = page.read_text(encoding="utf-8")
    assert 'id="print-site-cover-page"' in html and 'id="print-page-toc"' in html
    for chart_id in ("chart-employment-support", "chart-module-hours", "chart-pathway-hours",
                     "chart-competency-coverage"):
        assert html.count(f'id="{chart_id}"') == 1, chart_id


@pytest.mark.slow
def test_print_page_anchors_are_unique_and_resolve(site_copy):
    result = script("pdf.py", "--site", str(site_copy), "--html-only")
    assert result.returncode == 0, result.stderr
    duplicates, missing = anchor_problems((site_copy / "print_page" / "index.html").read_text(encoding="utf-8"))
    assert not duplicates, f"ids used more than once on the print page: {duplicates[:20]}"
    assert not missing, f"in-page links with no target on the print page: {missing[:20]}"
    html = (site_copy / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "<details" in html and not re.search(r"<details\b(?![^>]*\sopen\b)", html), \
        "practice answers must be expanded on the printable edition"


def test_open_details_expands_collapsed_blocks_once():
    html = '<details class="note"><summary>Answer</summary>B</details><details open><summary>x</summary></details>'
    opened = open_details(html)
    assert opened.count("<details open") == 2
    assert open_details(opened) == opened


@pytest.mark.slow
@pytest.mark.browser
def test_make_pdf_prints_the_handbook(request):
    from pdf import find_chromium

    if find_chromium() is None:
        message = "Chromium not found (install chromium or set CPSCP_CHROMIUM): the PDF was not tested"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI is set, so this test may not be skipped", pytrace=False)
        pytest.skip(message)
    site_copy = request.getfixturevalue("site_copy")  # only now: building the site takes a while
    result = script("pdf.py", "--site", str(site_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = list((site_copy / "pdf").glob("*-handbook.pdf"))
    assert [p.name for p in pdfs] == ["cpscp-handbook.pdf"]
    data = pdfs[0].read_bytes()
    assert data.startswith(b"%PDF-")
    # Chromium writes one /Type /Page object per page (no object streams)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert pages >= MIN_PAGES, f"the PDF has only {pages} pages"
