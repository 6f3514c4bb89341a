"""The printable edition made from the built site (cpscp_engine/printpage.py, scripts/printpage.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpscp_engine import printpage as pp
from projectcopy import script

LINKS = pp.Links({"": "index", "about": "about", "modules/m1": "modules-m1"}, "https://example.org/h/", "print_page/")


def test_ids_and_what_refers_to_them_get_the_page_prefix():
    html = (
        '<h2 id="intro">Intro</h2><span id="ac-1-1"></span><a href="#ac-1-1">x</a>'
        '<svg aria-labelledby="t d"><title id="t">t</title><desc id="d">d</desc><pattern id="hatch"></pattern>'
        '<rect fill="url(#hatch)"/><use href="#hatch"/></svg><label for="box">b</label><input id="box" name="g">'
    )
    out = pp.rewrite_page(html, "about", "about/", LINKS)
    for expected in (
        'id="about-intro"',
        'id="about-ac-1-1"',
        'href="#about-ac-1-1"',
        'aria-labelledby="about-t about-d"',
        'fill="url(#about-hatch)"',
        '<use href="#about-hatch"/>',
        'for="about-box"',
        'name="about-g"',
    ):
        assert expected in out, expected
    duplicates, missing = pp.anchor_problems('<div id="about">' + out + "</div>")
    assert duplicates == [] and missing == []


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../modules/m1/", "#modules-m1"),  # a page in print: its section
        ("../modules/m1/#lo-1", "#modules-m1-lo-1"),  # an anchor on it
        ("../", "#index"),
        ("../providers/", "https://example.org/h/providers/"),  # left out of print: the web edition
        ("../changes/#v1", "https://example.org/h/changes/#v1"),
        ("../pdf/handbook.pdf", "../pdf/handbook.pdf"),  # a file: from the print page's address
        ("../../assets/x.svg", "../assets/x.svg"),
        ("https://example.com/a", "https://example.com/a"),  # elsewhere: unchanged
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("#", "#"),
    ],
)
def test_links_from_a_page_point_within_the_print_page(href, expected):
    assert pp.rewrite_link(href, "about", "about/", LINKS) == expected


def test_links_from_a_page_one_folder_down():
    assert pp.rewrite_link("../../about/#x", "modules-m1", "modules/m1/", LINKS) == "#about-x"
    assert pp.rewrite_link("../../pdf/m1.pdf", "modules-m1", "modules/m1/", LINKS) == "../pdf/m1.pdf"


def test_collapsed_blocks_open_and_images_load_at_once():
    out = pp.rewrite_page(
        '<details class="q"><summary>A</summary></details><details open><summary>B</summary>'
        '</details><img loading="lazy" src="../img/a.png" alt="">',
        "about",
        "about/",
        LINKS,
    )
    assert out.count("<details open") == 2 and "lazy" not in out
    assert 'src="../img/a.png"' in out  # about/../img/a.png seen from print_page/


def test_text_is_copied_as_written_never_unescaped():
    html = '<p>&lt;script&gt;alert(1)&lt;/script&gt; id="x" &amp; href="../about/"</p>'
    assert pp.rewrite_page(html, "about", "about/", LINKS) == html  # only tags are read


def test_nav_settings_and_exclusions_come_from_mkdocs_yml():
    nav = pp.read_nav(
        [
            "index.md",
            {"About": "about.md"},
            {"Modules": ["modules/index.md", "modules/m1.md"]},
            {"Contributing": "https://example.org/c"},
            {"Print": "print_page.md"},
        ]
    )
    assert nav[0] == pp.NavPage("index.md", None) and nav[1] == pp.NavPage("about.md", "About")
    assert isinstance(nav[2], pp.NavSection) and [c.src for c in nav[2].children] == [
        "modules/index.md",
        "modules/m1.md",
    ]
    assert [getattr(i, "src", None) for i in nav[3:]] == ["print_page.md"]
    options = pp.settings({"print_edition": {"exclude": ["providers/*", "downloads.md"], "toc_title": "In this book"}})
    assert options.toc_title == "In this book" and options.page == "print_page.md"
    assert pp.settings(None) == pp.PrintSettings()
    assert pp.excluded("providers/index.md", options.exclude) and pp.excluded("downloads.md", options.exclude)
    assert not pp.excluded("about.md", options.exclude)
    assert pp.page_key("modules/m1/") == "modules-m1" and pp.page_key("") == "index"


def _page(title: str, body: str) -> str:
    return (
        f'<html><head><title>{title}</title></head><body><a href="#t" class="md-skip">Skip</a>'
        '<nav class="md-nav md-nav--secondary" aria-label="Table of contents"><label>Contents</label>'
        '<ul class="md-nav__list"><li><a href="#t">t</a></li></ul></nav>'
        f'<article class="md-content__inner md-typeset"><a class="md-content__button">edit</a>'
        f"{pp.CONTENT_START}\n{body}\n{pp.CONTENT_END}<aside>meta</aside></article></body></html>"
    )


def test_assemble_keeps_nav_order_sections_and_escapes_titles_from_the_config():
    pages = {
        "index.md": pp.BuiltPage("", '<h1 id="home">Home</h1>', "Home"),
        "modules/m1.md": pp.BuiltPage("modules/m1/", '<h1 id="m">Module 1 &amp; more</h1>', "Module 1 &amp; more"),
        "about.md": pp.BuiltPage("about/", "<p>no heading</p>", "About"),
    }
    nav = [
        pp.NavPage("index.md", "Home"),
        pp.NavSection("<b>Modules</b>", (pp.NavPage("modules/m1.md", None),)),
        pp.NavSection("Empty", (pp.NavPage("gone.md", None),)),
        pp.NavPage("about.md", None),
    ]
    html, entries = pp.assemble(nav, pages, LINKS, '<section id="print-site-cover-page">C</section>', "Contents")
    assert [e.anchor for e in entries] == ["index", "section-2", "about"]
    assert entries[1].title == "&lt;b&gt;Modules&lt;/b&gt;" and entries[1].children[0].title == "Module 1 &amp; more"
    assert "Empty" not in html  # a section with nothing printed is left out
    assert html.index("print-site-cover-page") < html.index("print-site-banner") < html.index("print-page-toc")
    assert (
        html.index('id="index"')
        < html.index('id="section-2"')
        < html.index('id="modules-m1"')
        < html.index('id="about"')
    )
    assert '<section class="print-page" id="about" heading-number="4"><h1>About</h1>' in html  # a heading is added


def test_fill_shell_replaces_only_the_page_content_and_runs_again_unchanged():
    shell = _page("Printable edition - Site", '<section id="print-site-cover-page">C</section><h1 id="t">Note</h1>')
    entries = [pp.Entry("Home", "index")]
    made = pp.fill_shell(shell, '<div id="print-site-page">X</div>', entries)
    assert made is not None and "Note" not in made and '<div id="print-site-page">X</div>' in made
    assert "<aside>meta</aside>" in made and "<title>Printable edition - Site</title>" in made  # the shell stays
    assert "md-content__button" not in made  # but not its edit button: it would edit the note, not the pages
    assert 'href="#index" class="md-skip"' in made and 'href="#t"' not in made
    assert made.count(pp.CONTENT_START) == 1
    again = pp.fill_shell(made, '<div id="print-site-page">X</div>', entries)
    assert again == made
    assert pp.fill_shell("<html>no article</html>", "x", entries) is None


def test_content_without_the_marks_is_taken_from_the_first_h1(tmp_path):
    html = '<article class="a"><a class="md-content__button">edit</a><h1>T</h1><p>x</p></article>'
    start, end = pp.content_span(html)
    assert html[start:end] == "<h1>T</h1><p>x</p>"
    assert pp.heading_title('<h1 id="t">A &amp; <em>B</em><a class="headerlink" href="#t">&para;</a></h1>') == (
        "A &amp; B",
        True,
    )


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "docs" / "providers").mkdir(parents=True)
    for src in ("index.md", "about.md", "print_page.md", "providers/index.md"):
        (root / "docs" / src).write_text("# x\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: https://example.org/h/\nnav:\n  - Home: index.md\n  - about.md\n"
        "  - For providers: providers/index.md\n  - Printable edition: print_page.md\n"
        "extra:\n  print_edition:\n    exclude: [providers/*]\n",
        encoding="utf-8",
    )
    (root / "tutor.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site-tutor\n", encoding="utf-8")
    for site in ("site", "site-tutor"):
        for url, body in (
            ("", '<h1 id="w">Welcome</h1><p><a href="about/#more">on</a></p>'),
            ("about/", '<h1 id="a">About <em>us</em></h1><p id="more"><a href="../providers/">p</a></p>'),
            ("providers/", '<h1 id="p">Providers</h1>'),
            ("print_page/", '<section id="print-site-cover-page"><h1>Cover</h1></section><h1 id="n">Note</h1>'),
        ):
            (root / site / url).mkdir(parents=True, exist_ok=True)
            (root / site / url / "index.html").write_text(_page("t", body), encoding="utf-8")
    return root


def test_make_print_page_from_a_built_site(tmp_path):
    root = _site(tmp_path)
    page, count = pp.make_print_page(root)
    assert page == root / "site" / "print_page" / "index.html" and count == 2
    html = page.read_text(encoding="utf-8")
    assert pp.MARKER in html and "<h1>Cover</h1>" in html and "Note" not in html
    assert '<a href="#about-more">on</a>' in html and 'href="https://example.org/h/providers/"' in html
    assert 'id="providers"' not in html and "About us" in html
    assert pp.anchor_problems(html) == ([], [])
    assert pp.make_print_page(root) == (page, 2) and page.read_text(encoding="utf-8") == html
    tutor, _ = pp.make_print_page(root, config_file="tutor.yml")  # INHERIT followed, its site_dir used
    assert tutor == root / "site-tutor" / "print_page" / "index.html" and pp.MARKER in tutor.read_text(encoding="utf-8")


def test_without_a_print_page_in_docs_there_is_no_printable_edition(tmp_path):
    root = _site(tmp_path)
    (root / "docs" / "print_page.md").unlink()
    assert pp.make_print_page(root) == (None, 0)
    result = script("printpage.py", "--root", str(root))
    assert result.returncode == 0 and "no printable edition" in result.stdout


def test_printpage_without_a_built_site_says_so(tmp_path):
    root = _site(tmp_path)
    result = script("printpage.py", "--root", str(root), "--site", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "build the site first" in result.stderr and "make build" in result.stderr
    assert "Traceback" not in result.stderr
