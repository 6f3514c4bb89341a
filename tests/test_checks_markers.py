"""TODO markers: warnings, so a scaffold validates but --strict refuses it."""

from __future__ import annotations

from conftest import run_cli


def test_todo_in_a_curriculum_string(t):
    t.edit_module(0, lambda d: d.update(summary="TODO: two or three sentences."))
    found = t.find("todo")
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "summary" in found[0].message and found[0].loc.line > 1


def test_todo_in_a_page(t):
    page = t.page_file(0)
    page.write_text(page.read_text(encoding="utf-8") + "\n## Overview\n\nTODO write the overview.\n", encoding="utf-8")
    found = t.find("todo")
    assert len(found) == 1 and found[0].loc.col == 1


def test_todo_in_code_is_not_a_marker(t):
    page = t.page_file(0)
    page.write_text(
        page.read_text(encoding="utf-8") + "\nThe scaffold writes `TODO` markers.\n\n```\nTODO\n```\n", encoding="utf-8"
    )
    assert t.codes() == set()


def test_words_containing_todo_are_not_markers(t):
    t.edit_module(0, lambda d: d.update(summary="The TODOS list and mastodon are fine."))
    assert t.codes() == set()


def test_strict_refuses_todo(t):
    t.edit_module(0, lambda d: d.update(summary="TODO"))
    assert run_cli("--root", str(t.root)).returncode == 0
    strict = run_cli("--root", str(t.root), "--strict")
    assert strict.returncode == 1 and "warning todo" in strict.stdout
