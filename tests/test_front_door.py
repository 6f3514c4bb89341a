"""What a reader sees first and on every page: the programme at a glance, the edition, and the
links to report a problem and to edit the data. Expectations come from the loaded model."""

from __future__ import annotations

import html as htmllib
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cpscp_engine.edition import edition
from cpscp_engine.render.text import long_date, number
from fixtures import model_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site[1]


@pytest.fixture(scope="module")
def model(built_site):
    return model_of(built_site[0])


def _text(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _glance(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<dl class="cpscp-glance">.*?</dl>', html, re.S)
    assert m, "the home page has no at-a-glance list"
    return _text(m.group())


def test_home_page_gives_the_programme_at_a_glance_from_the_data(site, model):
    glance = _glance(site)
    prog, exam, totals = model.programme, model.exam, model.totals()
    assert f"Level {prog.level}" in glance
    assert f"{totals['glh']} guided learning hours" in glance and f"{totals['tqt']} hours in all" in glance
    assert f"{totals['credits']} credits" in glance
    for p in prog.pathways:
        assert f"{p.title}: {p.weeks} weeks, about {number(p.weekly_hours)} hours a week" in glance
    assert f"At least {number(prog.placement.hours)} hours of supervised practice" in glance
    assert f"{exam.total_items} items in {exam.duration_minutes} minutes" in glance
    assert glance.count(exam.format.split(",")[0].split("(")[0].strip().lower()) == 1  # the format, first clause
    pass_items = math.ceil(exam.total_items * exam.pass_mark_percent / 100 - 1e-9)
    assert f"Pass mark {number(exam.pass_mark_percent)} per cent (at least {pass_items} of {exam.total_items}" in glance
    assert f"Status {prog.status.capitalize()}" in glance


def test_home_page_routes_each_kind_of_reader(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    routes = re.search(r'<div class="grid cards cpscp-routes">.*?</div>', html, re.S)
    assert routes
    for reader in ("Learners", "Tutors", "Employers", "Providers"):
        assert reader in routes.group()


def test_every_page_shows_the_version_and_review_date(site, model):
    ed = edition(model)
    assert ed.version and ed.reviewed
    stamp = f"version {ed.version}"
    pages = [p for p in sorted(site.rglob("index.html")) if "print_page" not in p.parts]
    assert len(pages) > len(model.modules)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<aside class="cpscp-page-meta".*?</aside>', html, re.S)
        footer = re.search(r'<p class="cpscp-footer-edition">.*?</p>', html, re.S)
        where = page.relative_to(site).as_posix()
        assert meta and stamp in _text(meta.group()) and long_date(ed.reviewed) in _text(meta.group()), where
        assert footer and f'datetime="{ed.reviewed}"' in footer.group(), where
        target = "./" if where == "changes/index.html" else "changes/"
        assert re.search(rf'href="(\.\./)*{target}"', footer.group()), f"{where}: the footer links What changed"


def test_report_a_problem_names_the_page_without_a_script(site, model):
    page = site / model.modules[0].page.replace(".md", "") / "index.html"
    html = page.read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+)"[^>]*>Report a problem with this page</a>', html)
    assert link
    query = parse_qs(urlsplit(htmllib.unescape(link.group(1))).query)
    assert model.modules[0].page.replace(".md", "/") in query["body"][0]
    assert "Module 1" in query["title"][0] or model.modules[0].title.split(":")[0] in query["title"][0]


def test_generated_pages_link_to_the_data_file_that_holds_them(site, model):
    for module in model.modules:
        html = (site / module.page.replace(".md", "") / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'href="[^"]*/edit/[^"]*/{re.escape(module.file)}"', html), module.page
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "curriculum/glossary.yml" in glossary


def test_what_changed_page_says_what_shows_without_releases(site):
    text = _text((site / "changes" / "index.html").read_text(encoding="utf-8"))
    assert "What changed" in text
    assert "released" in text


def test_edit_button_of_a_generated_page_opens_its_data_file(site):
    from cpscp_engine.render.sources import GENERATED_PAGES

    for src in GENERATED_PAGES:
        html = (site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        edit = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', html)
        assert edit and edit.group(1).endswith(".yml"), f"{src}: {edit and edit.group(1)}"
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]+/docs/about\.md"[^>]*rel="edit"', about), "prose pages keep their own edit link"


def test_competency_page_says_each_competency_once_with_its_descriptors(site, model):
    html = (site / "competencies" / "index.html").read_text(encoding="utf-8")
    text = _text(html)
    for c in model.competencies:
        assert html.count(f'id="{c.id.lower()}"') == 1, c.id
        for descriptor in c.proficiency.values():
            assert " ".join(descriptor.split()) in text, f"{c.id}: descriptor missing"
    assert 'id="chart-competency-coverage"' not in html, "the coverage chart repeated the map"
