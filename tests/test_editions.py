"""Learner and tutor editions: model answers and tutor notes reach only the tutor edition.

Both editions of a copy of the handbook are built. A module without a delivery file gets a
fixture one, and a module page that does not yet call the delivery macros gets the calls, so
the test never passes for want of data. Every tutor-only text of every delivery file is then searched for in the
learner site's pages, print page and search index (absent) and in the tutor site (present).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import macros
import yamlio
from cpscp_engine.loader import load
from cpscp_engine.site import SEARCH_INDEX
from delivery_fixture import delivery_for, dump
from fixtures import ROOT, copy_project, mkdocs_build, small_curriculum
from test_macros import FakeEnv

_TAGS = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Builds the learner and tutor editions of a project copy (left out of `make test-fast`).
pytestmark = pytest.mark.slow


def words(text: str) -> str:
    """Text reduced to lower-case words, so HTML escaping and Markdown do not hide a match."""
    return " " + " ".join(_NOT_WORD.sub(" ", html.unescape(_TAGS.sub(" ", text)).lower()).split()) + " "


def needle(text: str) -> str:
    """The whole text as words: model answers often restate a phrase of the page, never all of it."""
    return words(text)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("editions"))
    shutil.copy2(ROOT / "mkdocs-tutor.yml", project / "mkdocs-tutor.yml")
    model, _ = load(project)
    for m in model.modules:
        if model.delivery(m.id) is None:
            data = yamlio.load((project / m.file).read_text(encoding="utf-8"))
            target = project / "curriculum" / "delivery" / m.file.rsplit("/", 1)[-1]
            target.parent.mkdir(exist_ok=True)
            target.write_text(dump(delivery_for(data)), encoding="utf-8")
        page = project / "docs" / m.page
        text = page.read_text(encoding="utf-8")
        for macro in ("activities", "reflection_questions", "assessment_briefs"):
            if f"{macro}(" not in text:
                text += f'\n\n{{{{ {macro}("{m.id}") }}}}\n'
        page.write_text(text, encoding="utf-8")
    learner = mkdocs_build(project, project / "site")
    assert learner.returncode == 0, learner.stderr[-3000:]
    tutor = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs-tutor.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert tutor.returncode == 0, tutor.stderr[-3000:]
    model, diagnostics = load(project)
    assert model.deliveries and not [d for d in diagnostics if d.severity.value == "error"]
    return project, model


def tutor_only(model) -> list[tuple[str, str]]:
    """(where, text) of every tutor note and model answer in the delivery data of the programme's modules
    (a delivery file of a module that programme.yml modules: leaves out is in neither edition)."""
    found = []
    for d in filter(None, (model.delivery(m.id) for m in model.modules)):
        for s in d.sessions:
            if s.tutor_notes:
                found.append((f"{d.file} {s.id} tutor_notes", s.tutor_notes))
        for a in d.activities:
            found += [(f"{d.file} {a.id} {k}", getattr(a, k)) for k in ("tutor_notes", "model_answer") if getattr(a, k)]
        found += [(f"{d.file} {q.id} model_answer", q.model_answer) for q in d.reflection_questions if q.model_answer]
    return found


def site_text(site: Path) -> str:
    parts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    parts += [doc.get("title", "") + " " + doc.get("text", "") for doc in index["docs"]]
    return words(" ".join(parts))


def test_learner_site_and_search_index_hold_no_tutor_notes_or_model_answers(editions):
    project, model = editions
    texts = tutor_only(model)
    assert texts
    learner = site_text(project / "site")
    leaked = [where for where, text in texts if needle(text) in learner]
    assert leaked == []
    pages = " ".join(p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))
    for title in ("Tutor notes", "Model answer", "Session notes"):
        assert f'admonition-title">{title}<' not in pages
    assert "<strong>Scheme of work</strong>" not in pages


def test_tutor_site_holds_every_tutor_note_and_model_answer(editions):
    project, model = editions
    tutor = site_text(project / "site-tutor")
    missing = [where for where, text in tutor_only(model) if needle(text) not in tutor]
    assert missing == []
    pages = " ".join(p.read_text(encoding="utf-8") for p in (project / "site-tutor").rglob("*.html"))
    assert 'admonition-title">Model answer<' in pages and "<strong>Scheme of work</strong>" in pages


def test_learner_site_shows_the_tasks_and_questions(editions):
    project, model = editions
    learner = site_text(project / "site")
    shown = [a.task for d in model.deliveries for a in d.activities] + [
        q.question for d in model.deliveries for q in d.reflection_questions
    ]
    pages = " ".join((project / "docs" / m.page).read_text(encoding="utf-8") for m in model.modules)
    if "activities(" in pages:
        assert any(needle(t) in learner for t in shown)


def test_the_adapter_passes_the_edition_to_the_renderers(tmp_path):
    from delivery_fixture import write_deliveries

    root = small_curriculum(tmp_path / "p")
    write_deliveries(root, 1)
    env = FakeEnv(root)
    env.conf["extra"] = {"edition": "tutor"}
    macros.define_env(env)
    assert "MODELANSWER-M01-A1" in env.render('{{ activities("M01") }}')
    learner = FakeEnv(root)
    macros.define_env(learner)
    assert "MODELANSWER" not in learner.render('{{ activities("M01") }}{{ reflection_questions("M01") }}')


def test_an_unknown_edition_stops_the_build(tmp_path, caplog):
    root = small_curriculum(tmp_path / "p")
    env = FakeEnv(root)
    env.conf["extra"] = {"edition": "teacher"}
    with pytest.raises(SystemExit):
        macros.define_env(env)
    assert "extra.edition is 'teacher'" in caplog.text
