"""The handbook as published: the gate passes, and the site shows what the model says.

Every content rule (page length, sections, counts, the status statement) is a validator check
with its thresholds in programme.yml `content_policy:`; nothing here names a number of modules,
hours or a programme name, so the same tests pass on a provider's fork.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpscp_engine.site import SEARCH_INDEX, output_file
from cpscp_engine.validate import validate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return validate(ROOT)


@pytest.fixture(scope="module")
def model(result):
    return result.model


def test_the_handbook_passes_the_strict_gate(result):
    assert [d.format() for d in result.diagnostics] == []


def test_the_programme_is_its_modules_list(model):
    assert [m.id for m in model.modules] == model.programme.module_ids
    assert [m.number for m in model.modules] == list(range(1, len(model.modules) + 1))
    assert model.totals() == {k: sum(getattr(m, k) for m in model.modules) for k in ("glh", "tqt", "credits")}


def test_the_navigation_follows_the_list(model):
    pages = {m.page for m in model.modules + model.unlisted}
    assert [p for p, _ in model.layout.nav if p in pages] == [m.page for m in model.modules]


def test_every_module_and_competency_is_findable_in_search(built_site, model):
    _, site = built_site
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    text = " ".join(doc.get("title", "") + " " + doc.get("text", "") for doc in index["docs"]).lower()
    for m in model.modules:
        assert m.title.split(":")[0].lower() in text, m.id
    for c in model.competencies:
        if not c.retired:
            assert c.title.lower() in text, c.id


def test_module_pages_are_built_where_the_site_says(built_site, model):
    _, site = built_site
    for m in model.modules:
        assert (site / output_file(m.page, model.directory_urls)).is_file(), m.page
    for m in model.unlisted:
        assert not (site / output_file(m.page, model.directory_urls)).exists(), m.page
