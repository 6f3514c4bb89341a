"""The printable edition (print_page/) and `make pdf` (scripts/pdf.py)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from cpscp_engine.printpage import MARKER, anchor_problems
from projectcopy import script

MIN_PAGES = 50  # the handbook prints to well over a hundred A4 pages


def test_pdf_without_a_built_site_says_so(tmp_path):
    result = script("pdf.py", "--site", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no printable edition" in result.stderr and "make build" in result.stderr
    assert "Traceback" not in result.stderr


def test_pdf_without_chromium_says_so(tmp_path, monkeypatch):
    page = tmp_path / "site" / "print_page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<html><body><div {MARKER}>print page</div></body></html>", encoding="utf-8")
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
def test_the_build_writes_a_print_page(built_site, model):
    from cpscp_engine.printpage import excluded, page_key, read_config, settings
    from cpscp_engine.site import page_url

    _, site = built_site
    page = site / "print_page" / "index.html"
    assert page.is_file(), "the build wrote no print page: is docs/print_page.md in the nav of mkdocs.yml?"
    html = page.read_text(encoding="utf-8")
    assert MARKER in html, "the print page was not made: the site fixture runs scripts/printpage.py after the build"
    assert 'id="print-site-cover-page"' in html and 'id="print-page-toc"' in html
    for chart_id in ("chart-proven-reoffending", "chart-module-hours", "chart-pathway-hours"):
        assert len(re.findall(f'id="[a-z0-9-]+-{chart_id}"', html)) == 1, chart_id  # each chart once, its page's prefix
    for m in model.modules:  # every module's page once, in a section of its own
        assert html.count(f'<section class="print-page" id="{page_key(page_url(m.page))}"') == 1, m.id
    options = settings(read_config(built_site[0]).get("extra"))
    left_out = [
        p
        for p in (built_site[0] / "docs").rglob("*.md")
        if excluded(p.relative_to(built_site[0] / "docs").as_posix(), options.exclude)
    ]
    assert left_out, "mkdocs.yml leaves pages out of print (extra.print_edition.exclude)"
    for path in left_out:
        src = path.relative_to(built_site[0] / "docs").as_posix()
        assert f'<section class="print-page" id="{page_key(page_url(src))}"' not in html, f"{src} is left out of print"


@pytest.mark.slow
def test_print_page_anchors_are_unique_and_resolve(site_copy):
    result = script("pdf.py", "--site", str(site_copy), "--html-only")
    assert result.returncode == 0, result.stderr
    duplicates, missing = anchor_problems((site_copy / "print_page" / "index.html").read_text(encoding="utf-8"))
    assert not duplicates, f"ids used more than once on the print page: {duplicates[:20]}"
    assert not missing, f"in-page links with no target on the print page: {missing[:20]}"
    html = (site_copy / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "<details" in html and not re.search(r"<details\b(?![^>]*\sopen\b)", html), (
        "practice answers must be expanded on the printable edition"
    )


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
    from fixtures import model_of

    code = model_of(request.getfixturevalue("built_site")[0]).require_programme().short_code
    assert [p.name for p in pdfs] == [f"{code.lower()}-handbook.pdf"]  # named after the programme's short code
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
    thin = [
        (p.number, f"{p.fullness:.0%}")
        for p in pages
        if p.fullness < 0.25 and p.number + 1 not in starts and p.number != len(pages)
    ]
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
    from cpscp_engine.render.downloads import handout_name
    from pdfmeasure import texts

    site, _, _ = printed
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for m in model.modules:
        path = site / handout_name(model, m)
        assert path.is_file(), f"no handout for {m.id}"
        pages = texts(path)
        first = _flat(pages[0])
        assert _flat(f"{m.id} {m.title}") in first, f"{m.id}: the handout's cover does not name the module"
        whole = _flat(" ".join(pages))
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
    cells = "".join(f'<td class="cpscp-size" data-cpscp-size="{p}"></td>' for p in ("pdf/a.pdf", "../secret", "nope"))
    (site / "downloads.html").write_text(cells, encoding="utf-8")
    assert fill_sizes(site) == 1
    html = (site / "downloads.html").read_text(encoding="utf-8")
    assert '"pdf/a.pdf">3 KB</td>' in html and '"../secret"></td>' in html and '"nope"></td>' in html


def test_the_printing_browser_is_not_given_the_search_index(tmp_path):
    import functools
    import threading
    import urllib.error
    import urllib.request
    from http.server import ThreadingHTTPServer

    from cpscp_engine.site import SEARCH_INDEX
    from pdf import _Quiet

    (tmp_path / SEARCH_INDEX).parent.mkdir(parents=True)
    (tmp_path / SEARCH_INDEX).write_text("{}", encoding="utf-8")
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with urllib.request.urlopen(origin + "index.html", timeout=10) as response:  # noqa: S310 (http, 127.0.0.1)
            assert response.read() == b"home"
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(origin + SEARCH_INDEX, timeout=10)  # noqa: S310 (http, 127.0.0.1)
        assert error.value.code == 404
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_contents_pages_are_read_from_named_destinations_by_id():
    """The first print's destinations are named as URL fragments (Chromium writes "caf%C3%A9" for
    the id "café"); every entry of the contents finds its page by its heading's id."""
    import io

    from pypdf import PdfWriter

    from pdf import contents_pages, destination_pages

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(100, 100)
    for name, page in (("index-start-here", 0), ("caf%C3%A9", 2), ("a%20b", 1)):
        writer.add_named_destination(name, page)
    data = io.BytesIO()
    writer.write(data)
    pages = destination_pages(data.getvalue())
    assert pages == {"index-start-here": 1, "café": 3, "a b": 2}
    assert contents_pages(["café", None, "index-start-here", "missing", "a b"], pages) == [3, None, 1, None, 2]


@pytest.fixture
def print_page_elsewhere(tmp_path) -> tuple[Path, Path]:
    """A copy of the project whose printable edition is made in docs/book.md, without directory
    URLs (so built as book.html), and a site holding only that page, already made: (root, site)."""
    from projectcopy import copy_with_print_page

    root = copy_with_print_page(tmp_path / "project", "book.md")
    site = tmp_path / "site"
    site.mkdir()
    (site / "book.html").write_text(f"<html><body><div {MARKER}>print page</div></body></html>", encoding="utf-8")
    return root, site


def test_pdf_finds_the_print_page_mkdocs_yml_names(print_page_elsewhere, tmp_path, monkeypatch):
    root, site = print_page_elsewhere
    monkeypatch.setenv("CPSCP_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = script("pdf.py", "--root", str(root), "--site", str(site))
    assert "no printable edition" not in result.stderr, result.stderr  # it found book.html
    assert result.returncode == 1 and "Chromium not found" in result.stderr
    (site / "book.html").unlink()
    result = script("pdf.py", "--root", str(root), "--site", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(site / "book.html") in result.stderr and "docs/book.md" in result.stderr


class _FakeBrowser:
    """Playwright's sync API, as much of it as print_all uses: records the addresses it opens."""

    def __init__(self) -> None:
        self.visited: list[str] = []

    def __call__(self):  # sync_playwright()
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    @property
    def chromium(self):
        return self

    def launch(self, **_):
        return self

    def new_page(self):
        return self

    def close(self) -> None:
        pass

    def set_default_timeout(self, _) -> None:
        pass

    def emulate_media(self, **_) -> None:
        pass

    def wait_for_selector(self, *_, **__) -> None:
        pass

    def goto(self, url: str, **_) -> None:
        self.visited.append(url)

    def evaluate(self, script: str, arg=None):
        from pdf import _CONTENTS_TARGETS, _NUMBER_CONTENTS

        return {_CONTENTS_TARGETS: [], _NUMBER_CONTENTS: 1}.get(script)

    def pdf(self, **_) -> bytes:
        import io

        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        data = io.BytesIO()
        writer.write(data)
        return data.getvalue()


def _print_with(browser: _FakeBrowser, monkeypatch, *args: str) -> None:
    import playwright.sync_api

    import pdf

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", browser)
    monkeypatch.setattr(pdf, "find_chromium", lambda: "/fake/chromium")
    assert pdf.main(list(args)) == 0


def test_pdf_opens_the_print_page_and_the_module_pages_at_the_sites_urls(print_page_elsewhere, monkeypatch):
    """Without directory URLs, the print page and every module page are .html files, and the PDFs
    go where render/downloads.py says."""
    from cpscp_engine.render.downloads import handout_name, pdf_name
    from cpscp_engine.site import page_url
    from fixtures import model_of

    root, site = print_page_elsewhere
    model = model_of(root)
    browser = _FakeBrowser()
    _print_with(browser, monkeypatch, "--root", str(root), "--site", str(site))
    origin = browser.visited[0].removesuffix("book.html")
    assert browser.visited == [origin + "book.html"] + [origin + page_url(m.page, False) for m in model.modules]
    assert all(u.endswith(".html") for u in browser.visited)
    assert (site / pdf_name(model)).is_file()
    assert all((site / handout_name(model, m)).is_file() for m in model.modules)


def test_the_default_pdf_is_the_one_the_downloads_page_names(tmp_path, monkeypatch):
    import pdf

    site = tmp_path / "site"
    (site / "print_page").mkdir(parents=True)
    (site / "print_page" / "index.html").write_text(f"<div {MARKER}></div>", encoding="utf-8")
    monkeypatch.setattr(pdf, "pdf_name", lambda model: "pdf/named-by-downloads.pdf")  # the one source of the name
    browser = _FakeBrowser()
    _print_with(browser, monkeypatch, "--site", str(site), "--no-handouts")
    assert [p.name for p in (site / "pdf").iterdir()] == ["named-by-downloads.pdf"]
    assert browser.visited[0].endswith("/print_page/")  # the handbook's own print page, as before
