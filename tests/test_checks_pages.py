"""Module pages and their front matter."""

from __future__ import annotations

import pytest

from cpscp_engine import render
from cpscp_engine.render.errors import UnknownId


def test_missing_module_page(t):
    t.page_file(1).unlink()
    found = t.find("missing-page")
    assert len(found) == 1 and "M02" in found[0].message


def test_page_front_matter_names_another_module(t):
    page = t.page_file(0)
    page.write_text(page.read_text(encoding="utf-8").replace("module: M01", "module: M02", 1), encoding="utf-8")
    assert t.codes() == {"page-module-mismatch"}


def test_page_without_front_matter(t):
    page = t.page_file(0)
    page.write_text(page.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    found = t.find("page-module-mismatch")
    assert found and "no 'module:' front matter" in found[0].message


def test_page_for_a_module_that_does_not_exist(t):
    t.write("docs/extra.md", "---\nmodule: M42\n---\n\n# Extra\n")
    found = t.find("unknown-front-matter-module")
    assert len(found) == 1 and found[0].loc.file == "docs/extra.md"


def test_module_macro_names_an_unknown_module(t):
    t.write("docs/overview.md", '# Overview\n\n{{ module_facts("M07") }}\n\n{{ outcomes("M01") }}\n')
    found = t.find("unknown-module")
    assert len(found) == 1 and "M07" in found[0].message and found[0].loc.line == 3


def test_page_front_matter_syntax_error(t):
    t.write("docs/broken.md", "---\nmodule: [M01\n---\n\n# Broken\n")
    found = t.find("yaml-syntax")
    assert found and found[0].loc.file == "docs/broken.md" and "front matter" in found[0].message


def test_practice_questions_names_an_unknown_exam_domain(t):
    t.write(
        "docs/practice.md", '# Practice\n\n{{ practice_questions("X2") }}\n\n{{ practice_questions(domain="X9") }}\n'
    )
    found = t.find("unknown-practice-domain")
    assert len(found) == 1 and "X9" in found[0].message and found[0].loc.line == 5


def test_programme_value_names_an_unknown_field(t):
    t.write(
        "docs/about.md",
        '# About\n\n{{ programme_value("title") }} {{ programme_value("titel") }} {{ programme_value("totals") }}\n',
    )
    found = t.find("unknown-programme-field")
    assert sorted(d.message.split('"')[1] for d in found) == ["titel", "totals"]
    assert "did you mean 'title'" in next(d for d in found if "titel" in d.message).hint


@pytest.mark.parametrize("field", ["content_policy.module_page_min_words", "loc.line", "file", "field_locs"])
def test_programme_value_refuses_what_the_renderer_refuses(t, field):
    # Settings and bookkeeping are not text a page may show: the check says so before the build
    # would fail on them.
    t.write("docs/about.md", f'# About\n\n{{{{ programme_value("{field}") }}}}\n')
    assert [d.message.split('"')[1] for d in t.find("unknown-programme-field")] == [field]
    with pytest.raises(UnknownId):
        render.programme_value(t.load(), render.Ctx("about.md"), field)


def test_missing_page_suggests_a_misnamed_file(t):
    page = t.page_file(1)
    page.rename(page.with_name(page.name.replace("synthetic", "synthetik")))
    found = t.find("missing-page")
    assert len(found) == 1 and "synthetik" in found[0].hint
