"""The edition (version, status, review date), the home page summary and the What changed page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cpscp_engine import render
from cpscp_engine.edition import edition
from cpscp_engine.releases import Release, tags
from cpscp_engine.render.changes import changes_between
from fixtures import HOSTILE, edit_yaml, model_of, small_curriculum


@pytest.fixture
def project(tmp_path) -> Path:
    return small_curriculum(tmp_path / "p")


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_the_data_date_wins_and_git_is_the_fallback(project):
    edit_yaml(project / "curriculum" / "programme.yml", lambda d: d.update(reviewed="2026-10-02"))
    ed = edition(model_of(project))
    assert (ed.reviewed, ed.reviewed_from) == ("2026-10-02", "data")
    edit_yaml(project / "curriculum" / "programme.yml", lambda d: d.pop("reviewed"))
    assert edition(model_of(project)).reviewed == ""  # not a repository: no date rather than a made-up one
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "x", "--date=2026-09-01T12:00:00")
    ed = edition(model_of(project))
    assert ed.reviewed_from == "git" and len(ed.reviewed) == 10


def test_edition_note_and_glance_come_from_the_data(project):
    edit_yaml(project / "curriculum" / "programme.yml", lambda d: d.update(reviewed="2026-10-02", version="2.3.4"))
    model = model_of(project)
    ctx = render.Ctx(page="index.md")
    assert render.edition_note(model, ctx) == f"Version 2.3.4 ({model.programme.status}), last reviewed 2 October 2026."
    glance = render.at_a_glance(model, ctx)
    totals = model.totals()
    assert f"{totals['glh']} guided learning hours" in glance and f"{totals['credits']} credits" in glance
    assert f"{model.exam.total_items} items in {model.exam.duration_minutes} minutes" in glance
    for p in model.programme.pathways:
        assert f"{p.weeks} weeks" in glance


def test_glance_escapes_data(project):
    edit_yaml(project / "curriculum" / "programme.yml", lambda d: d["pathways"][0].update(title=HOSTILE))
    glance = render.at_a_glance(model_of(project), render.Ctx(page="index.md"))
    assert "<script>" not in glance and "&lt;script&gt;" in glance


def test_without_releases_the_page_says_so(project):
    text = changes_between(model_of(project), ())
    assert "No version of the handbook has been released yet" in text


def test_releases_are_compared_newest_first_and_author_text_is_escaped(project, tmp_path):
    old = model_of(project)
    edit_yaml(next((project / "curriculum" / "modules").glob("*.yml")), lambda d: d["outcomes"][0].update(text=HOSTILE))
    new = model_of(project)
    text = changes_between(new, (Release("v1.0.0", "2026-01-05", old), Release("v1.1.0", "2026-06-01", new)))
    assert text.index("## v1.1.0, released 1 June 2026") < text.index("## v1.0.0, released 5 January 2026")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_version_tags_sort_by_number(project):
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "x")
    for name in ("v1.10.0", "v1.2.0", "not-a-version"):
        _git(project, "tag", name)
    assert [t for t, _ in tags(project)] == ["v1.2.0", "v1.10.0"]


def test_every_export_states_the_edition(project):
    import csv
    import io

    from cpscp_engine.exports import badge, cartridge, case, curriculum_json, outcomes_csv

    edit_yaml(project / "curriculum" / "programme.yml", lambda d: d.update(reviewed="2026-10-02", version="2.3.4"))
    model = model_of(project)
    assert curriculum_json.export(model)["edition"] == {
        "version": "2.3.4",
        "status": model.programme.status,
        "reviewed": "2026-10-02",
    }
    rows = list(csv.DictReader(io.StringIO(outcomes_csv.export(model))))
    assert rows and all(r["programme_version"] == "2.3.4" and r["reviewed"] == "2026-10-02" for r in rows)
    import zipfile

    pages = dict.fromkeys(
        ["about.md"] + [m.page for m in model.modules], '<article class="md-content__inner">x</article>'
    )
    with zipfile.ZipFile(io.BytesIO(cartridge.export(model, pages))) as z:
        manifest = z.read("imsmanifest.xml").decode()
    assert "2.3.4 (" in manifest and "last reviewed 2026-10-02" in manifest
    assert case.export(model, "2026-10-02T00:00:00Z")["CFDocument"]["version"] == "2.3.4"
    assert badge.export(model, "2026-10-02T00:00:00Z")["credentialSubject"]["achievement"]["version"] == "2.3.4"


def test_the_print_cover_states_the_edition_and_shows_data_as_text(project):
    edit_yaml(
        project / "curriculum" / "programme.yml",
        lambda d: d.update(reviewed="2026-10-02", version="2.3.4", title=HOSTILE),
    )
    model = model_of(project)
    cover = render.print_cover(model, render.Ctx(page="print_page.md"))
    assert cover.startswith('<section id="print-site-cover-page">') and cover.endswith("</section>")
    assert "<strong>Version 2.3.4</strong>" in cover and f"status: {model.programme.status}" in cover
    assert '<time datetime="2026-10-02">2 October 2026</time>' in cover
    assert "<script>" not in cover and "&lt;script&gt;" in cover  # the title is text
    assert f"({model.programme.short_code})</h1>" in cover
