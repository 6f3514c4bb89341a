"""Build the whole handbook with `mkdocs build --strict` from a copy of the project and check the HTML.

Slow (a few seconds per build) but run by default: it is the only test that sees what
MkDocs, Material and mkdocs-macros make of the render functions' output together.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import yamlio
from cpscp_engine.render import page_url
from fixtures import HOSTILE, copy_project, edit_yaml, mkdocs_build, model_of, module_file

pytestmark = pytest.mark.slow

RESOURCE_ATTRS = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
}


class Page(HTMLParser):
    """What the checks need from one built page: ids, links and resources fetched."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.id_list: list[str] = []
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
            self.id_list.append(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if a.get(attr):
                self.resources.append((tag, a[attr]))


@pytest.fixture(scope="module")
def project(built_site) -> Path:
    return built_site[0]


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site[1]


@pytest.fixture(scope="module")
def model(project):
    return model_of(project)


def html_of(site: Path, src: str) -> str:
    url = page_url(src)
    return (
        (site / url / "index.html").read_text(encoding="utf-8")
        if not url.endswith(".html")
        else (site / url).read_text(encoding="utf-8")
    )


def built_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    return built_pages(site)


def test_strict_build_succeeds(site):
    assert (site / "index.html").exists()


def test_module_page_has_outcome_anchors_and_text(site, model):
    module = model.modules[0]
    html = html_of(site, module.page)
    page = Page(html)
    assert {"lo-1", "ac-1-1"} <= page.ids
    for o in module.outcomes:
        assert o.anchor in page.ids
        for c in o.criteria:
            assert c.anchor in page.ids
    first = module.outcomes[0]
    assert _text(first.text) in _visible(html)
    assert _text(first.criteria[0].text) in _visible(html)
    assert f'id="{module.assessment[0].id.lower()}"' in html


def test_every_module_page_has_its_facts_and_tasks(site, model):
    for module in model.modules:
        html = html_of(site, module.page)
        assert 'class="cpscp-facts"' in html, module.page
        assert "Guided learning hours" in html, module.page
        for task in module.assessment:
            assert f'id="{task.id.lower()}"' in html, (module.page, task.id)


def test_competency_map_has_letters_scoped_headers_and_a_focusable_region(site, model):
    html = html_of(site, "competencies.md")
    assert '<table class="cpscp-map">' in html
    regions = re.findall(r'<div[^>]*class="cpscp-table-scroll"[^>]*>', html[: html.index('<table class="cpscp-map">')])
    assert regions, "the competency map must sit in a scrollable region"
    region = regions[-1]  # the region that opens right before the map
    assert 'tabindex="0"' in region and 'role="region"' in region and "aria-labelledby=" in region
    table = html[html.index('<table class="cpscp-map">') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="col">') == len(model.modules) + 1
    assert table.count('<th scope="row">') == len(model.competencies)
    for letter, word in (("I", "Introduced"), ("R", "Reinforced"), ("M", "Mastered")):
        assert f'<abbr title="{word}">{letter}</abbr>' in html
        assert f"{letter} = {word}" in html
    assert all(f'id="{c.id.lower()}"' in html for c in model.competencies)


def test_references_page_has_an_anchor_per_reference(site, model):
    page = Page(html_of(site, "references.md"))
    ref_ids = {i for i in page.ids if i.startswith("ref-")}
    assert ref_ids == {f"ref-{r.id}" for r in model.references}


def test_glossary_has_an_anchor_per_term(site, model):
    page = Page(html_of(site, "glossary.md"))
    assert {t.id for t in model.terms} <= page.ids


def test_no_request_to_a_third_party_host(site, pages, project):
    site_url = yamlio.load(re.sub(r"!\S+", "", (project / "mkdocs.yml").read_text(encoding="utf-8")))["site_url"]
    own_host = urlsplit(site_url).netloc
    offsite = []
    for name, page in pages.items():
        for tag, value in page.resources:
            for candidate in re.split(r",\s*", value):
                target = urlsplit(candidate.strip().split(" ")[0])
                if target.netloc and target.netloc != own_host:
                    offsite.append(f"{name}: <{tag}> {candidate}")
    for css in site.rglob("*.css"):
        for m in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", css.read_text("utf-8")):
            offsite.append(f"{css.relative_to(site)}: {m.group(1)}")
    assert not offsite, "\n".join(offsite[:20])


def test_skip_link_is_present(site, model):
    html = html_of(site, model.modules[0].page)
    assert re.search(r'<a href="#[^"]+" class="md-skip">\s*Skip to content\s*</a>', html)


def test_footer_states_licences_and_links_the_award_status(site, pages):
    html = (
        html_of(site, "modules/index.md") if (site / "modules" / "index.html").exists() else html_of(site, "index.md")
    )
    assert "CC BY-SA 4.0" in html and "MIT" in html
    assert 'href="../about/#award-status"' in html
    assert "award-status" in pages["about/index.html"].ids


def test_internal_links_and_anchors_resolve(site, pages, model):
    from cpscp_engine.render.downloads import download_targets

    post_build = set(download_targets(model).values())
    broken = []
    for name, page in pages.items():
        # the combined print page has its own anchors (each page's ids with the page's prefix):
        # tests/test_pdf.py checks that its links resolve
        if name == "404.html" or name.startswith("print_page/"):
            continue
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if path.endswith("/") or (path and not posixpath.splitext(path)[1]):
                target = posixpath.join(target, "index.html")
            if target == "index.html/index.html":
                target = "index.html"
            target = target.removeprefix("./")
            if target not in pages:
                # the exports and the PDF are written after MkDocs (tests/test_exports.py and
                # tests/test_pdf.py check that `make build` puts them there)
                if not (site / target).exists() and target not in post_build:
                    broken.append(f"{name}: {href} (no such file)")
                continue
            frag = unquote(parts.fragment)
            if frag and not frag.startswith("__") and frag not in pages[target].ids:
                broken.append(f"{name}: {href} (no anchor '{frag}')")
    assert not broken, "\n".join(broken[:30])


def _strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_every_url_in_every_export_resolves_in_the_built_site(exported_site, pages, model):
    import io
    import json
    import zipfile

    from cpscp_engine.exports import file_names
    from cpscp_engine.site import site_of

    base = site_of(model).base
    written = [exported_site[1] / "exports" / name for name in file_names(model).values()]
    assert all(path.is_file() for path in written), "export.py did not write every file its model names"
    urls: list[tuple[str, str]] = []
    for path in written:
        if path.suffix == ".json":
            urls += [(path.name, v) for v in _strings(json.loads(path.read_text(encoding="utf-8")))]
        elif path.suffix == ".imscc":
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as cartridge:
                for member in cartridge.namelist():
                    text = cartridge.read(member).decode("utf-8")
                    urls += [
                        (f"{path.name}/{member}", v) for v in re.findall(r'(?:href|identifierref|src)="([^"]+)"', text)
                    ]
                    urls += [(f"{path.name}/{member}", v) for v in re.findall(r">(https?://[^<\s]+)<", text)]
    from cpscp_engine.render.downloads import download_targets

    # the exports, the PDF and the module handouts are written after MkDocs (test_pdf.py checks them)
    exported = {f"exports/{p.name}" for p in written} | set(download_targets(model).values())
    checked, broken = 0, []
    for where, url in urls:
        if not url.startswith(base):
            continue
        checked += 1
        parts = urlsplit(url[len(base) :])
        target = parts.path + "index.html" if parts.path.endswith("/") or not parts.path else parts.path
        if target in exported:
            continue
        if target not in pages:
            broken.append(f"{where}: {url} (no such page)")
        elif parts.fragment and parts.fragment not in pages[target].ids:
            broken.append(f"{where}: {url} (no anchor '{parts.fragment}')")
    assert checked > len(model.modules), f"too few site URLs found in the exports ({checked})"
    assert not broken, "\n".join(broken[:30])


def test_ids_are_unique_on_every_page(pages):
    # the combined print page is tests/test_pdf.py's to check
    duplicates = [
        f"{name}: {i}"
        for name, page in pages.items()
        if not name.startswith("print_page/")
        for i in sorted(set(page.id_list))
        if page.id_list.count(i) > 1
    ]
    assert not duplicates, "\n".join(duplicates[:30])


def test_hostile_values_show_as_text_in_the_built_site(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_yaml(module_file(project, "M01"), lambda d: d.update(title=HOSTILE, summary=HOSTILE))
    site = tmp_path / "site"
    result = mkdocs_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    model = model_of(project)
    html = html_of(site, model.modules[0].page)  # its fact box shows the summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ x }}" in html
    for path in site.rglob("*.html"):
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path


def test_unknown_id_fails_the_build_naming_page_and_id(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ module_facts("M99") }}\n', encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/about.md:" in result.stderr
    assert "unknown module id 'M99' in module_facts() — ids are listed in curriculum/modules/" in result.stderr
    assert "Traceback" not in result.stderr


def _visible(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.split())


def _text(value: str) -> str:
    """A YAML value as it appears in the page text: escaped, whitespace folded."""
    from markupsafe import escape

    return " ".join(str(escape(value)).split())
