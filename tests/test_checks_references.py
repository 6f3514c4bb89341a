"""References, glossary links, competencies on pages, retired items."""

from __future__ import annotations


def _append_to_page(t, text, index=0):
    page = t.page_file(index)
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    return page


def test_unknown_reference_in_module(t):
    t.edit_module(0, lambda d: d["references"].append("ref-99"))
    found = t.find("unknown-reference")
    assert len(found) == 1 and "module M01" in found[0].message and "did you mean" in found[0].hint


def test_unknown_reference_in_programme_question_and_glossary(t):
    t.edit("curriculum/programme.yml", lambda d: d["references"].append("nobody-2020"))
    t.edit("curriculum/assessment.yml", lambda d: d["practice_questions"][0]["references"].append("nobody-2021"))
    t.edit("curriculum/glossary.yml", lambda d: d["terms"][0]["references"].append("nobody-2022"))
    whos = {d.message.split(" cites ")[0] for d in t.find("unknown-reference")}
    assert whos == {"the programme", "question Q01", "glossary term 'term-01'"}


def test_unknown_cite_on_a_page(t):
    page = _append_to_page(t, '\nA claim {{ cite("ref-01", "missing-2024") }}.\n')
    found = t.find("unknown-reference")
    assert len(found) == 1 and "missing-2024" in found[0].message
    assert found[0].loc.file == page.relative_to(t.root).as_posix() and found[0].loc.line > 1


def test_unused_reference_warns(t):
    def change(d):
        d["references"].append(
            {
                "id": "lonely-2020",
                "type": "book",
                "author": "Nobody",
                "year": 2020,
                "title": "Uncited",
                "publisher": "Press",
                "accessed": "2026-01-01",
            }
        )

    t.edit("curriculum/references.yml", change)
    assert t.codes() == {"unused-reference"}


def test_reference_cited_only_on_a_page_is_used(t):
    def change(d):
        d["references"].append(
            {
                "id": "paged-2020",
                "type": "book",
                "author": "Nobody",
                "year": 2020,
                "title": "Cited on a page",
                "publisher": "Press",
                "accessed": "2026-01-01",
            }
        )

    t.edit("curriculum/references.yml", change)
    _append_to_page(t, '\nSee {{ cite("paged-2020") }}.\n')
    assert t.codes() == set()


def test_glossary_see_also_must_exist(t):
    t.edit("curriculum/glossary.yml", lambda d: d["terms"][0]["see_also"].append("no-such-term"))
    assert t.codes() == {"unknown-see-also"}


def test_glossary_see_also_must_not_name_the_term_itself(t):
    t.edit("curriculum/glossary.yml", lambda d: d["terms"][0]["see_also"].append(d["terms"][0]["id"]))
    assert t.codes() == {"see-also-itself"}


def test_unknown_term_on_a_page(t):
    _append_to_page(t, '\nA {{ term("term-99") }}.\n')
    found = t.find("unknown-term")
    assert len(found) == 1 and "term-99" in found[0].message


def test_unknown_competency_on_a_page(t):
    _append_to_page(t, "\nSee {{ competency('C99') }}.\n")
    found = t.find("unknown-competency")
    assert len(found) == 1 and "C99" in found[0].message


def test_retired_competency_replacement_must_exist(t):
    t.edit(
        "curriculum/competencies.yml",
        lambda d: d["domains"][5]["competencies"][-1].update(retired=True, replaced_by="C77"),
    )
    assert "unknown-replacement" in t.codes()


def test_retired_competency_with_a_real_replacement(t):
    t.edit(
        "curriculum/competencies.yml",
        lambda d: d["domains"][5]["competencies"][-1].update(retired=True, replaced_by="C1"),
    )
    assert "unknown-replacement" not in t.codes()


def test_replacement_must_not_be_retired_itself(t):
    def change(d):
        comps = d["domains"][5]["competencies"]
        comps[-1].update(retired=True, replaced_by=comps[-2]["id"])
        comps[-2].update(retired=True, replaced_by="C1")

    t.edit("curriculum/competencies.yml", change)
    found = t.find("replacement-retired")
    assert len(found) == 1 and "itself retired" in found[0].message


def test_retired_outcome_and_criterion_replacements(t):
    def change(d):
        d["outcomes"][0].update(retired=True, replaced_by="9")
        d["outcomes"][1]["criteria"][0].update(retired=True, replaced_by="M02-AC1.1")
        d["outcomes"][1]["criteria"][1].update(retired=True, replaced_by="1.7")
        d["outcomes"][2]["criteria"][0].update(replaced_by="3.2")

    t.edit_module(0, change)
    found = t.find("unknown-replacement")
    assert sorted(d.message.split(" is ")[0] for d in found) == ["criterion M01-AC2.2", "outcome M01-LO1"]
    assert "replaced-but-not-retired" in t.codes()


def test_essential_reading_must_come_from_the_module_references(t):
    def change(d):
        d["essential_reading"] = [d["references"][0], "ref-99"]

    t.edit_module(0, change)
    found = t.find("essential-reading-not-listed")
    assert len(found) == 1 and "module M01" in found[0].message and "ref-99" in found[0].message
    assert found[0].loc.line > 1


def test_essential_reading_is_two_to_five_keys(t):
    t.edit_module(0, lambda d: d.update(essential_reading=[d["references"][0]]))
    assert t.codes() and "essential-reading-not-listed" not in t.codes()
