"""content_policy in programme.yml: house rules in the data, each off when absent."""

from __future__ import annotations


def _policy(t, **rules) -> None:
    t.edit("curriculum/programme.yml", lambda d: d.update(content_policy=rules))


def test_no_policy_no_rule(t):
    assert t.codes() == set()


def test_module_page_words(t):
    model = t.load()
    words = min(p.words for p in model.pages if p.module_id)
    _policy(t, module_page_min_words=words)
    assert t.codes() == set()
    _policy(t, module_page_min_words=words + 1)
    found = t.find("page-too-short")
    assert found and found[0].severity.value == "warning" and f"at least {words + 1}" in found[0].message


def test_module_page_headings_in_order(t):
    for page in (t.root / "docs" / "modules").glob("*.md"):
        page.write_text(page.read_text() + "\n## Overview\n\nText.\n\n## Key points\n\nText.\n", encoding="utf-8")
    page = t.page_file(0)
    _policy(t, module_page_headings=["Overview", "Key points"])
    assert "page-heading" not in t.codes()
    _policy(t, module_page_headings=["Overview", "Activities", "Key points"])
    found = [d for d in t.find("page-heading") if d.loc.file.endswith(page.name)]
    assert len(found) == 1 and "'## Activities'" in found[0].message
    lines = page.read_text().splitlines()
    assert lines[found[0].loc.line - 1] == "## Overview"  # add it after the heading before it


def test_module_page_headings_missing_first_or_out_of_order(t):
    page = t.page_file(0)
    page.write_text(page.read_text() + "\n## Overview\n\nText.\n\n## Key points\n\nText.\n", encoding="utf-8")
    lines = page.read_text().splitlines()
    # the first wanted heading missing: nothing comes before it, so the warning is at the top
    _policy(t, module_page_headings=["Introduction", "Overview"])
    found = [d for d in t.find("page-heading") if d.loc.file.endswith(page.name)]
    assert [(d.loc.line, d.loc.col) for d in found] == [(1, 1)] and "in the expected place" not in found[0].message
    # present but above the one it should follow: said so, at the heading it should come after
    _policy(t, module_page_headings=["Key points", "Overview"])
    found = [d for d in t.find("page-heading") if d.loc.file.endswith(page.name)]
    assert len(found) == 1 and "'## Overview' heading in the expected place" in found[0].message
    assert lines[found[0].loc.line - 1] == "## Key points" and "moving the one further up" in found[0].hint


def test_status_statement_pages(t):
    t.write("docs/about.md", "# About\n\n{{ status_statement() }}\n")
    _policy(t, status_statement_pages=["about.md"])
    assert t.codes() == set()
    t.write("docs/about.md", "# About\n\nNo statement.\n")
    assert t.codes() == {"status-statement-missing"}
    # a call shown as an example (inside raw) is text, not the statement: the page scan's calls count
    t.write("docs/about.md", "# About\n\n{% raw %}{{ status_statement() }}{% endraw %}\n")
    assert t.codes() == {"status-statement-missing"}
    _policy(t, status_statement_pages=["gone.md"])
    found = t.find("policy-page-missing")
    assert found and found[0].loc.file == "curriculum/programme.yml" and found[0].loc.line > 0


def test_accreditation_claims(t):
    t.write("docs/about.md", "# About\n\nThe award is an accredited qualification.\n")
    found = t.find("accreditation-claim")
    assert len(found) == 1 and found[0].loc.line == 3
    t.write("docs/about.md", "# About\n\nThe award is not an accredited qualification.\n")
    assert t.codes() == set()
