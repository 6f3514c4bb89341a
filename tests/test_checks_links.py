"""Links and anchors written in the pages: what mkdocs build --strict would reject, said first."""

from __future__ import annotations


def _home(t, body: str) -> None:
    t.write("docs/index.md", "# Home\n\n## Getting started\n\n" + body + "\n")


def test_good_links_pass(t):
    page = t.load().modules[0].page
    _home(t, f"[a module]({page}) [here](#getting-started) [web](https://example.org/x.md) [mail](mailto:a@b.c)")
    assert t.codes() == set()


def test_missing_page(t):
    page = t.load().modules[0].page
    _home(t, "See [it](" + page.replace(".md", "x.md") + ").")
    found = t.find("broken-link")
    assert len(found) == 1 and (found[0].loc.file, found[0].loc.line, found[0].loc.col) == ("docs/index.md", 5, 5)
    assert f"did you mean '{page}'" in found[0].hint


def test_missing_anchor_with_a_suggestion(t):
    _home(t, "See [it](#getting-startd).")
    found = t.find("broken-anchor")
    assert len(found) == 1 and "did you mean 'getting-started'" in found[0].hint


def test_anchor_on_another_page_and_generated_anchors(t):
    model = t.load()
    m = model.modules[0]
    _home(t, f"[lo]({m.page}#{m.outcomes[0].anchor}) [nope]({m.page}#no-such-part)")
    found = t.find("broken-anchor")
    assert len(found) == 1 and "#no-such-part" in found[0].message


def test_absolute_and_escaping_links(t):
    _home(t, "[abs](/modules/x.md) [out](../README.md)")
    assert {d.code for d in t.validate().errors} == {"absolute-link", "broken-link"}


def test_links_in_code_are_not_links(t):
    _home(t, "`[x](missing.md)`\n\n```\n[y](missing.md)\n```")
    assert t.codes() == set()


def test_conflict_markers_in_a_page(t):
    _home(t, "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> upstream/main")
    found = t.find("merge-conflict")
    assert len(found) == 1 and found[0].loc.line == 5


def test_anchors_the_macros_write_for_domains_and_competencies_pass(t):
    # A page with macros gets ids the Markdown does not show: one per domain and per competency.
    model = t.load()
    page = model.modules[0].page
    domain = model.domains[-1]
    competency = domain.competencies[-1]
    _home(
        t,
        f"[domain]({page}#{domain.id.lower()}) [competency]({page}#{competency.id.lower()}) "
        f"[none]({page}#{competency.id.lower()}x)",
    )
    found = t.find("broken-anchor")
    assert [d.message.split("'#")[1].split("'")[0] for d in found] == [f"{competency.id.lower()}x"]


def test_generated_anchors_hold_every_heading_anchor_the_glossary_and_exam_pages_write():
    """The link check accepts a link to what these pages write only if it knows the anchor."""
    import re
    from pathlib import Path

    from cpscp_engine import render
    from cpscp_engine.checks.links import generated_anchors
    from cpscp_engine.loader import load

    model = load(Path(__file__).resolve().parents[1])[0]
    pages = render.Ctx().pages
    written = set()
    for macro, page in (
        (render.glossary, pages.glossary),
        (render.practice_questions, pages.practice_questions),
        (render.practice_answers, pages.practice_answers),
    ):
        written |= set(re.findall(r"\{ #([\w-]+) \}", macro(model, render.Ctx(page))))
    assert {a for a in written if a.startswith(("glossary-", "questions-", "answers-"))}, "the pages have headings"
    assert written <= generated_anchors(model), sorted(written - generated_anchors(model))


def test_a_generated_anchor_counts_only_on_a_page_whose_macros_could_write_it(t):
    t.write("docs/plain.md", "# Plain\n\nNo macro on this page.\n")
    _home(t, "[letter A](plain.md#glossary-a)")
    found = t.find("broken-anchor")
    assert len(found) == 1 and "#glossary-a" in found[0].message
