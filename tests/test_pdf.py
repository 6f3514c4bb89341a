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


def test_links_to_pages_left_out_of_print_point_at_the_web_edition():
    from printpage import link_left_out_pages

    html = ('<link rel="canonical" href="https://example.org/h/print_page/">'
            '<section class="print-page" id="about"><a href="#providers">guide</a><a href="#about">here</a>'
            '<a href="#nowhere">x</a></section>')
    fixed = link_left_out_pages(html, {"providers": "providers/", "about": "about/"})
    assert '<a href="https://example.org/h/providers/">guide</a>' in fixed
    assert '<a href="#about">here</a>' in fixed and '<a href="#nowhere">x</a>' in fixed
    assert link_left_out_pages(fixed, {"providers": "providers/"}) == fixed


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
    for chart_id in ("chart-proven-reoffending", "chart-module-hours", "chart-pathway-hours"):
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


@pytest.fixture(scope="module")
def printed(request):
    """`pdf.py` run once on a copy of the built site: (site, bookmarks, pages) of the handbook PDF."""
    from pdf import find_chromium
    from pdfmeasure import read

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
    assert pdfs[0].read_bytes().startswith(b"%PDF-")
    marks, pages = read(pdfs[0])
    return site_copy, marks, pages


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def model(built_site):
    from fixtures import model_of

    return model_of(built_site[0])


@pytest.mark.slow
@pytest.mark.browser
def test_make_pdf_prints_the_handbook(printed):
    _, _, pages = printed
    assert len(pages) >= MIN_PAGES, f"the PDF has only {len(pages)} pages"


@pytest.mark.slow
@pytest.mark.browser
def test_bookmarks_have_an_entry_per_module(printed, model):
    site, marks, _ = printed
    top = {_flat(b.title) for b in marks if b.depth == 0}
    for m in model.modules:
        assert _module_heading(site, m) in top, f"no bookmark for {m.id}"


def _module_heading(site: Path, module) -> str:
    """The module page's own title (its h1), as the PDF's bookmark shows it."""
    html = (site / module.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    from html import unescape

    return _flat(unescape(re.sub(r"<[^>]+>", "", h1)).replace("\u00b6", ""))


@pytest.mark.slow
@pytest.mark.browser
def test_contents_give_the_page_of_every_entry(printed, model):
    site, marks, pages = printed
    contents = next(b for b in marks if b.title.strip() == "Contents")
    starts = sorted({b.page for b in marks if b.depth == 0 and b.page > contents.page})
    text = "".join(p.text for p in pages if p.number == contents.page)
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", text, re.M)]
    # every chapter's first page is listed; the footer's own page number is the one extra
    assert set(starts) <= set(numbers), f"contents without a page number: {sorted(set(starts) - set(numbers))}"
    headings = {_module_heading(site, m) for m in model.modules}
    module_pages = {b.page for b in marks if b.depth == 0 and _flat(b.title) in headings}
    assert len(module_pages) == len(model.modules) and module_pages <= set(numbers)


@pytest.mark.slow
@pytest.mark.browser
def test_no_address_is_printed_after_a_link_that_already_shows_it(printed):
    _, _, pages = printed
    text = _flat(" ".join(p.text for p in pages))
    assert text.count("http") > 20  # addresses are printed (each once)
    repeated = re.findall(r"(https?://[^()]{8,}?)\(\1\)", text)
    assert not repeated, f"addresses printed twice: {repeated[:5]}"


@pytest.mark.slow
@pytest.mark.browser
def test_near_empty_pages_only_end_a_chapter(printed):
    _, marks, pages = printed
    starts = {b.page for b in marks if b.depth == 0}
    thin = [(p.number, f"{p.fullness:.0%}") for p in pages
            if p.fullness < 0.25 and p.number + 1 not in starts and p.number != len(pages)]
    assert not thin, f"pages under a quarter full that do not end a chapter: {thin}"
    print(f"\n{len(pages)} pages; {sum(p.fullness < 0.6 for p in pages)} under 60% full")


@pytest.mark.slow
@pytest.mark.browser
def test_answers_are_in_a_key_after_the_questions_not_under_them(printed, model):
    _, marks, pages = printed
    questions = next(b.page for b in marks if b.depth == 0 and b.title.strip() == "Practice questions")
    key = next(b.page for b in marks if b.depth == 0 and b.title.strip().startswith("Answer key"))
    assert key > questions
    q = model.questions[0]
    rationale = _flat(q.rationale)[:40]
    where = [p.number for p in pages if rationale in _flat(p.text)]
    assert where and min(where) >= key, f"the answer to {q.id} is printed on pages {where}, before the key"


@pytest.mark.slow
@pytest.mark.browser
def test_the_print_edition_leaves_out_the_provider_guide(printed):
    _, marks, pages = printed
    assert not [b.title for b in marks if "providers" in b.title.lower() and b.depth == 0]
    assert not any("[ ]" in p.text for p in pages), "a literal task-list box is printed"


@pytest.mark.slow
@pytest.mark.browser
def test_cover_states_title_version_date_and_status(printed, model):
    from cpscp_engine.edition import edition

    _, _, pages = printed
    ed = edition(model)
    cover = _flat(pages[0].text)
    assert _flat(f"Version {ed.version}") in cover and ed.status in cover
    assert _flat(pdf_date(ed.reviewed)) in cover


def pdf_date(iso: str) -> str:
    from cpscp_engine.render.text import long_date

    return long_date(iso)


@pytest.mark.slow
@pytest.mark.browser
def test_every_module_has_a_handout_linked_from_its_page_and_the_downloads(printed, model):
    from pypdf import PdfReader

    from cpscp_engine.render.downloads import handout_name

    site, _, _ = printed
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for m in model.modules:
        path = site / handout_name(model, m)
        assert path.is_file(), f"no handout for {m.id}"
        reader = PdfReader(str(path))
        first = _flat(reader.pages[0].extract_text())
        assert _flat(f"{m.id} {m.title}") in first, f"{m.id}: the handout's cover does not name the module"
        whole = _flat(" ".join(page.extract_text() for page in reader.pages))
        assert _flat(m.outcomes[0].text)[:40] in whole and "Furtherreading" in whole
        page = (site / m.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert path.name in page, f"{m.page} does not link its handout"
        assert path.name in downloads
    sizes = dict(re.findall(r'data-cpscp-size="([^"]+)">([^<]*)</td>', downloads))
    pdfs = {k: v for k, v in sizes.items() if k.startswith("pdf/")}
    assert len(pdfs) == len(model.modules) + 1  # the handbook and every handout
    assert all(re.fullmatch(r"[\d,]+(\.\d)? (KB|MB)", s) for s in pdfs.values()), pdfs


def test_sizes_are_written_only_for_files_inside_the_site(tmp_path):
    from sitesizes import fill_sizes

    site = tmp_path / "site"
    (site / "pdf").mkdir(parents=True)
    (site / "pdf" / "a.pdf").write_bytes(b"x" * 3000)
    (tmp_path / "secret").write_bytes(b"x" * 10)
    cells = ''.join(f'<td class="cpscp-size" data-cpscp-size="{p}"></td>' for p in ("pdf/a.pdf", "../secret", "nope"))
    (site / "downloads.html").write_text(cells, encoding="utf-8")
    assert fill_sizes(site) == 1
    html = (site / "downloads.html").read_text(encoding="utf-8")
    assert '"pdf/a.pdf">3 KB</td>' in html and '"../secret"></td>' in html and '"nope"></td>' in html
