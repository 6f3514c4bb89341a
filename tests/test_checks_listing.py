"""programme.yml `modules:` decides which modules the programme has and in which order."""

from __future__ import annotations

import pytest
import yaml

import yamlio
from conftest import dump
from cpscp_engine.synthetic import generate, module_nav
from cpscp_engine.validate import validate


def _ids(t) -> list[str]:
    return yamlio.load(t.path("curriculum/programme.yml").read_text(encoding="utf-8"))["modules"]


def _write_nav(t, pages: list[str], exclude: list[str] | None = None) -> None:
    lines = ["site_name: Test", "nav:", "  - Home: index.md", "  - Modules:"] + [f"      - {p}" for p in pages]
    if exclude is not None:
        lines += ["exclude_docs: |"] + [f"  {p}" for p in exclude]
    t.write("mkdocs.yml", "\n".join(lines) + "\n")


def _pages(t) -> dict[str, str]:
    model = t.load()
    return {m.id: m.page for m in model.modules + model.unlisted}


def test_numbers_and_order_come_from_the_list(t):
    ids = _ids(t)
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=[ids[0], ids[2], ids[1], ids[3]]))
    model = t.load()
    assert [m.id for m in model.modules] == [ids[0], ids[2], ids[1], ids[3]]
    assert [m.number for m in model.modules] == [1, 2, 3, 4]


def test_a_reorder_that_puts_a_prerequisite_later_says_how_to_fix_it(t):
    ids = _ids(t)
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=[ids[1], ids[0]] + ids[2:]))
    found = t.find("prerequisite-order")
    assert found and f"move {ids[0]} above {ids[1]}" in found[0].hint
    assert found[0].loc.line > 0


def test_dropping_a_module_keeps_its_file_and_reports_what_it_took_away(t):
    ids = _ids(t)
    dropped = ids[-1]  # the synthetic placement module, which masters half the competencies
    before = t.load()
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids[:-1]))
    model = t.load()
    assert [m.id for m in model.modules] == ids[:-1] and [m.id for m in model.unlisted] == [dropped]
    assert model.totals()["tqt"] == before.totals()["tqt"] - before.module(dropped).tqt
    assert model.dropped_questions and all(q.outcome.startswith(dropped) for q in model.dropped_questions)
    assert not [q for q in model.questions if q.outcome.startswith(dropped)]
    result = t.validate()
    codes = {d.code for d in result.errors}
    assert "unknown-outcome" not in codes  # its practice questions are left out with it
    mastered = [d for d in result.errors if d.code == "competency-not-mastered"]
    assert mastered and all(
        f"which {dropped} did before programme.yml modules: left it out" in d.message for d in mastered
    )
    assert "put that module back in programme.yml modules:" in mastered[0].hint
    placement = [d for d in result.errors if d.code == "placement-left-out"]
    assert placement and placement[0].loc.file == "curriculum/programme.yml" and placement[0].loc.line > 0
    # its page would still be built: the message gives the exact mkdocs.yml lines
    built = [d for d in result.errors if d.code == "left-out-page-built"]
    assert built and f"'  {before.module(dropped).page}'" in built[0].hint


def test_a_listed_id_without_a_module_file(t):
    ids = _ids(t)
    t.edit("curriculum/programme.yml", lambda d: d["modules"].append(ids[0][:-1] + "9"))
    found = t.find("unknown-listed-module")
    assert len(found) == 1 and found[0].loc.file == "curriculum/programme.yml"
    lines = t.path("curriculum/programme.yml").read_text(encoding="utf-8").splitlines()
    assert lines[found[0].loc.line - 1].strip() == "- " + ids[0][:-1] + "9"


def test_the_navigation_must_follow_the_list(t):
    ids = _ids(t)
    pages = _pages(t)
    _write_nav(t, [pages[i] for i in ids])
    assert t.codes() == set()
    _write_nav(t, [pages[i] for i in [ids[1], ids[0]] + ids[2:]])
    found = t.find("nav-module-order")
    assert len(found) == 1 and found[0].loc.file == "mkdocs.yml" and found[0].loc.line == 5
    assert ", ".join(pages[i] for i in ids) in found[0].hint
    _write_nav(t, [pages[i] for i in ids[1:]])
    found = t.find("nav-module-missing")
    assert len(found) == 1 and f"'- {pages[ids[0]]}'" in found[0].hint
    # at the line of the page it belongs before, the first one now
    assert found[0].loc.line == 5 and f"just above this line ('- {pages[ids[1]]}')" in found[0].hint


def test_a_module_page_listed_twice_at_the_end_is_reported_not_a_crash(t):
    ids = _ids(t)
    pages = _pages(t)
    _write_nav(t, [pages[i] for i in ids] + [pages[ids[0]]])
    assert not t.find("nav-module-order")  # a rule of its own: the order itself is right
    found = t.find("nav-module-twice")
    assert len(found) == 1 and found[0].loc.file == "mkdocs.yml" and found[0].loc.line == 5 + len(ids)
    assert f"lists {pages[ids[0]]} a second time" in found[0].message
    assert "already listed at line 5 of mkdocs.yml" in found[0].hint


# --- a long programme lists its modules in sections (the provider guide's "Many modules") ---


@pytest.fixture(scope="module")
def sectioned(tmp_path_factory):
    """12 modules, listed in the navigation in sections of 4 as synthetic.module_nav groups them."""
    root = tmp_path_factory.mktemp("sectioned")
    counts = generate(root, modules=12, outcomes=2, criteria=2)
    return root, list(counts.pages)


def _nav_in_sections(root, pages: list[str]) -> list[str]:
    """Write mkdocs.yml with the pages in sections of 4; its lines."""
    nav = [{"Home": "index.md"}, {"Modules": module_nav(pages, size=4)}]
    text = yaml.safe_dump({"site_name": "Test", "nav": nav}, sort_keys=False, allow_unicode=True)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return text.splitlines()


def _line(lines: list[str], page: str, nth: int = 1) -> int:
    return [i for i, ln in enumerate(lines, 1) if ln.strip() == f"- {page}"][nth - 1]


def _nav_errors(root) -> list:
    return [d for d in validate(root).errors if d.code.startswith("nav-")]


def test_modules_in_navigation_sections_are_accepted(sectioned):
    root, pages = sectioned
    lines = _nav_in_sections(root, pages)
    assert "  - Modules 5\u20138:" in lines  # three sections of four
    assert validate(root).errors == []


def test_a_page_missing_from_a_section_is_reported_at_its_neighbour(sectioned):
    root, pages = sectioned
    lines = _nav_in_sections(root, pages[:5] + pages[6:])  # the second of the section "Modules 5–8"
    found = _nav_errors(root)
    assert [d.code for d in found] == ["nav-module-missing"]
    assert found[0].loc.line == _line(lines, pages[4])  # inside the section the page belongs in
    assert f"add the line '- {pages[5]}' to nav in mkdocs.yml, just below this line ('- {pages[4]}')" == found[0].hint


def test_a_page_in_the_wrong_section_names_what_belongs_there_and_a_bounded_order(sectioned):
    root, pages = sectioned
    moved = pages[1:] + pages[:1]  # module 1 listed last, in the last section
    lines = _nav_in_sections(root, moved)
    found = _nav_errors(root)
    assert [d.code for d in found] == ["nav-module-order"]
    assert found[0].loc.line == _line(lines, pages[1])  # the first line out of the programme's order
    assert f"lists {pages[1]} where programme.yml modules: has {pages[0]} (module " in found[0].message
    assert found[0].hint == (
        "list the module pages from here in this order: "
        + ", ".join(pages[:5])
        + " and the 7 after them as programme.yml modules: lists them"
    )


def test_a_page_listed_in_two_sections(sectioned):
    root, pages = sectioned
    lines = _nav_in_sections(root, pages[:9] + [pages[2]] + pages[9:])
    found = _nav_errors(root)
    assert [d.code for d in found] == ["nav-module-twice"]
    assert found[0].loc.line == _line(lines, pages[2], nth=2)
    assert f"already listed at line {_line(lines, pages[2])} of mkdocs.yml" in found[0].hint


def test_a_dropped_module_leaves_the_navigation_and_the_build(t):
    ids = _ids(t)
    pages = _pages(t)
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids[:2] + ids[3:]))  # drop the third
    _write_nav(t, [pages[i] for i in ids])
    codes = t.codes()
    assert {"nav-module-left-out", "left-out-page-built"} <= codes
    _write_nav(t, [pages[i] for i in ids[:2] + ids[3:]], exclude=[pages[ids[2]]])
    codes = t.codes()
    assert not codes & {"nav-module-left-out", "left-out-page-built", "unknown-listed-module"}
    # the excluded page is not read at all: its macros may name the module left out
    assert pages[ids[2]] in t.load().excluded_pages
    # a listed module whose page is excluded by mistake
    _write_nav(t, [pages[i] for i in ids], exclude=[pages[ids[0]]])
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids))
    assert "listed-page-excluded" in t.codes()


def test_a_macro_on_another_page_naming_a_dropped_module(t):
    ids = _ids(t)
    pages = _pages(t)
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids[:2] + ids[3:]))
    _write_nav(t, [pages[i] for i in ids[:2] + ids[3:]], exclude=[pages[ids[2]]])
    t.write("docs/index.md", f'# Home\n\nSee {{{{ module_facts("{ids[2]}") }}}}.\n')
    found = t.find("module-left-out")
    assert len(found) == 1 and (found[0].loc.file, found[0].loc.line) == ("docs/index.md", 3)


def test_a_prerequisite_that_was_dropped(t):
    ids = _ids(t)
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids[1:]))
    found = t.find("prerequisite-left-out")
    assert found and f"put {ids[0]} back in modules:" in found[0].hint


def test_an_exam_domain_left_without_teaching_names_the_module(t):
    ids = _ids(t)
    last = ids[-1]

    def only_in_last(d):
        d["competencies"] = {k: v for k, v in d["competencies"].items() if k != "C1"} or {"C2": "R"}
        if d["id"] == last:
            d["competencies"]["C1"] = "I"

    for i in range(len(ids)):
        t.edit_module(i, only_in_last)
    t.edit("curriculum/assessment.yml", lambda d: d["exam"]["domains"][0].update(competencies=["C1"]))
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=ids[:-1]))
    found = t.find("exam-domain-untaught")
    assert len(found) == 1 and f"{last} taught them before" in found[0].message
    assert found[0].loc.file == "curriculum/assessment.yml"


def test_module_numbers_written_in_pages_follow_the_list(t):
    ids = _ids(t)
    pages = _pages(t)
    t.write("docs/index.md", f"# Home\n\nStart with [Module 1]({pages[ids[0]]}) then [Module 9]({pages[ids[1]]}).\n")
    found = t.find("module-number")
    assert len(found) == 1 and found[0].loc.line == 3 and "write 'Module 2'" in found[0].hint
    t.write("docs/index.md", "# Home\n")
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=[ids[0], ids[2], ids[1], ids[3]]))
    titles = [d for d in t.find("module-number") if "title" in d.message]
    assert {d.loc.file for d in titles} == {"docs/" + pages[ids[1]], "docs/" + pages[ids[2]]}


def _delivery(t, index: int) -> str:
    return "curriculum/delivery/" + t.module_file(index).name


def test_text_in_module_and_delivery_files_names_modules_by_id_not_number(t):
    ids = _ids(t)
    t.edit(_delivery(t, 1), lambda d: d["sessions"][0].update(tutor_notes=f"Learners met this in {ids[0]}."))
    assert "module-number-in-text" not in t.codes()
    t.edit(_delivery(t, 1), lambda d: d["sessions"][0].update(tutor_notes="Learners met this in Module 1."))
    t.edit(t.module_file(2), lambda d: d["assessment"][0].update(description="Use your plan from Modules 1 and 2."))
    found = {(d.loc.file, d.message.split(" says ")[1].split(",")[0]) for d in t.find("module-number-in-text")}
    assert found == {
        (_delivery(t, 1), "'Module 1'"),
        (f"curriculum/modules/{t.module_file(2).name}", "'Modules 1 and 2'"),
    }
    text = t.path(_delivery(t, 1)).read_text(encoding="utf-8").splitlines()
    note = next(d for d in t.find("module-number-in-text") if d.loc.file == _delivery(t, 1))
    assert "tutor_notes" in text[note.loc.line - 1] and "session S1, tutor_notes" in note.message
    assert "its id" in note.hint


def test_a_module_number_written_with_escapes_is_found_too(t):
    # The check passes over files whose text lacks the words it looks for (next test); a letter
    # written as an escape in a double-quoted string is still read, and still found.
    path = t.module_file(2)
    data = yamlio.load(path.read_text(encoding="utf-8"))
    data["assessment"][0]["description"] = "DESCRIPTION"
    text = dump(data).replace("DESCRIPTION", '"Use your plan from \\x4Dodule 1."')
    path.write_text(text, encoding="utf-8")
    assert "Module" not in text
    found = t.find("module-number-in-text")
    assert [(d.loc.file, "'Module 1'" in d.message) for d in found] == [(f"curriculum/modules/{path.name}", True)]


def test_only_files_whose_text_holds_the_words_are_walked(t, monkeypatch):
    from cpscp_engine.checks import listing

    walked = []
    walk = listing._prose

    def spy(record, wanted, inside=()):
        walked.append(record.file)
        return walk(record, wanted, inside)

    monkeypatch.setattr(listing, "_prose", spy)
    t.edit(t.module_file(1), lambda d: d["assessment"][0].update(description="Use your plan from Module 1."))
    assert "module-number-in-text" in t.codes()
    assert walked == [f"curriculum/modules/{t.module_file(1).name}"]


def test_text_naming_a_module_the_list_leaves_out_is_an_error_at_its_field(t):
    ids = _ids(t)
    t.edit(_delivery(t, 3), lambda d: d["sessions"][0]["activities"][0].update(task=f"Reuse your {ids[1]} plan."))
    assert "module-left-out-in-text" not in t.codes()
    t.edit("curriculum/programme.yml", lambda d: d.update(modules=[i for i in ids if i != ids[1]]))
    found = t.find("module-left-out-in-text")
    assert [(d.loc.file, ids[1] in d.message, f"put {ids[1]} back" in d.hint) for d in found] == [
        (_delivery(t, 3), True, True)
    ]
    assert "activity A1, task" in found[0].message
    # the left-out module's own files are not read for it: they are not built
    assert all(d.loc.file != _delivery(t, 1) for d in found)


def test_a_navigation_without_module_pages_reports_each_at_the_nav(t):
    ids = _ids(t)
    t.write("mkdocs.yml", "site_name: Test\nnav:\n  - Home: index.md\n")
    found = t.find("nav-module-missing")
    assert len(found) == len(ids) and {d.loc.line for d in found} == {2}
    assert all(d.hint.endswith("where the module pages are listed") for d in found)


def test_a_pathway_description_that_counts_past_the_last_module(t):
    count = len(_ids(t))
    t.edit(
        "curriculum/programme.yml",
        lambda d: d["pathways"][0].update(description=f"Ten hours a week, through Module {count + 1}."),
    )
    found = t.find("module-count")
    assert len(found) == 1 and "pathway 'standard'" in found[0].message
    assert found[0].loc.file == "curriculum/programme.yml"


def test_a_stale_number_in_link_text_is_one_mistake_not_two(t):
    # The link's own check says which number to write; the count check stays quiet about it.
    ids, pages = _ids(t), _pages(t)
    t.write("docs/index.md", f"# Home\n\nThen [Module {len(ids) + 5}]({pages[ids[1]]}).\n")
    assert [d.code for d in t.validate().diagnostics if d.loc.file == "docs/index.md"] == ["module-number"]


def test_a_stale_number_in_a_module_page_title_is_one_mistake_not_two(t):
    ids, pages = _ids(t), _pages(t)
    page = t.path("docs/" + pages[ids[0]])
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("# Module 1:", f"# Module {len(ids) + 5}:", 1), encoding="utf-8")
    assert [d.code for d in t.validate().diagnostics if d.loc.file == "docs/" + pages[ids[0]]] == ["module-number"]


def test_the_delivery_summary_that_counts_past_the_last_module(t):
    count = len(_ids(t))
    t.edit("curriculum/programme.yml", lambda d: d["delivery"].update(online=f"Modules 1 to {count + 2}, online."))
    found = t.find("module-count")
    assert len(found) == 1 and "delivery.online" in found[0].message
