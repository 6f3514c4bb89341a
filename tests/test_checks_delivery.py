"""Delivery files: each rule of checks/delivery.py fires on exactly the break it describes."""

from __future__ import annotations

import pytest

from cpscp_engine.checks import delivery as delivery_checks
from cpscp_engine.loader import load
from delivery_fixture import write_deliveries

FIRST = "curriculum/delivery/01-synthetic-1.yml"


@pytest.fixture
def d(t):
    """The test tree: the synthetic generator writes a valid delivery file for every module."""
    return t


def _all_delivery_files(d) -> list[str]:
    return sorted(p.relative_to(d.root).as_posix() for p in (d.root / "curriculum" / "delivery").glob("*.yml"))


def test_valid_delivery_files_pass(d):
    result = d.validate()
    assert result.diagnostics == []


def test_session_minutes_must_total_glh(d):
    d.edit(FIRST, lambda x: x["sessions"][0].update(minutes=290))
    found = d.find("session-minutes-total")
    assert len(found) == 1 and found[0].loc.file == FIRST and found[0].loc.line > 1
    assert "590 minutes" in found[0].message and "600" in found[0].message and "add 10" in found[0].hint


def test_activities_must_fit_their_session(d):
    d.edit(FIRST, lambda x: x["sessions"][1]["activities"][0].update(minutes=301))
    found = d.find("activity-minutes-overflow")
    assert len(found) == 1 and "session S2" in found[0].message and "by 1 minutes" in found[0].hint


def test_aims_must_be_criteria_of_the_module(d):
    d.edit(FIRST, lambda x: x["sessions"][0]["aims"].append("9.9"))
    assert [f.message for f in d.find("unknown-aim")] == [
        "session S1 aims at criterion 9.9, which module M01 does not have"
    ]


def test_every_criterion_is_taught(d):
    d.edit(FIRST, lambda x: x["sessions"][1]["aims"].remove("4.3"))
    found = d.find("criterion-not-taught")
    assert len(found) == 1 and "4.3" in found[0].message


def test_criteria_are_taught_before_the_task_that_assesses_them(d):
    def move(x):  # teach 1.1 only in the second session, though T1 is set after the first
        x["sessions"][0]["aims"].remove("1.1")
        x["sessions"][1]["aims"].append("1.1")

    d.edit(FIRST, move)
    found = d.find("taught-after-task")
    assert len(found) == 1 and "M01-T1" in found[0].message and "1.1 (taught in S2)" in found[0].message
    d.edit(FIRST, lambda x: x["briefs"][0].update(after_session="S2"))
    assert d.find("taught-after-task") == []


def test_after_session_must_exist(d):
    d.edit(FIRST, lambda x: x["briefs"][0].update(after_session="S7"))
    assert len(d.find("unknown-session")) == 1


def test_each_task_has_exactly_one_brief(d):
    d.edit(FIRST, lambda x: x["briefs"].pop())
    assert [f.message for f in d.find("missing-brief")] == [f"task M01-T2 of M01 has no brief in {FIRST}"]
    d.edit(FIRST, lambda x: x["briefs"].append(dict(x["briefs"][0])))
    assert len(d.find("duplicate-brief")) == 1
    d.edit(FIRST, lambda x: x["briefs"][-1].update(task="M01-T9"))
    assert len(d.find("brief-unknown-task")) == 1


def test_rubric_rows_are_exactly_the_tasks_criteria(d):
    d.edit(FIRST, lambda x: x["briefs"][0]["rubric"].pop())
    found = d.find("rubric-criteria")
    assert len(found) == 1 and "no row for" in found[0].message
    d.edit(FIRST, lambda x: x["briefs"][0]["rubric"].append({"criterion": "4.3", "met": "m", "not_yet_met": "n"}))
    assert "which M01-T1 does not assess" in d.find("rubric-criteria")[0].message


def test_weightings_sum_to_100(d):
    d.edit_module(0, lambda x: x["assessment"][0].update(weighting=55))
    assert len(d.find("weighting-total")) == 1


def test_grade_descriptors_complete_when_grading_is_on(d):
    d.edit("curriculum/programme.yml", lambda x: x.update(grading={"merit_distinction": True}))
    found = d.find("grade-descriptors")
    files = _all_delivery_files(d)
    rows = 4 * 3  # one row per criterion of a synthetic module, in each file
    assert len(found) == len(files) * rows and all("merit or distinction" in f.message for f in found)

    def grade(x):
        for b in x["briefs"]:
            for r in b["rubric"]:
                r.update(merit="Merit work.", distinction="Distinction work.")

    for rel in files:
        d.edit(rel, grade)
    assert d.validate().diagnostics == []
    d.edit("curriculum/programme.yml", lambda x: x.pop("grading"))
    unused = d.find("grade-descriptors-unused")
    assert unused and all(f.severity.value == "warning" for f in unused)


def test_tutor_notes_and_model_answers_are_required(d):
    d.edit(FIRST, lambda x: x["sessions"][0]["activities"][0].pop("tutor_notes"))
    d.edit(FIRST, lambda x: x["sessions"][1]["activities"][0].pop("model_answer"))
    d.edit(FIRST, lambda x: x["reflection_questions"][0].pop("model_answer"))
    assert len(d.find("missing-tutor-notes")) == 1
    assert sorted(f.message.split(" ")[0] for f in d.find("missing-model-answer")) == ["activity", "reflection"]


def test_references_must_exist(d):
    d.edit(FIRST, lambda x: x["sessions"][0]["activities"][0].update(references=["ref-01", "no-such-ref"]))
    found = d.find("unknown-reference")
    assert len(found) == 1 and found[0].loc.file == FIRST and "A1 in " in found[0].message


def test_references_cited_only_in_delivery_files_count_as_used(d):
    d.edit(
        "curriculum/references.yml",
        lambda x: x["references"].append(
            {
                "id": "only-in-delivery",
                "type": "book",
                "author": "Author, B.",
                "year": 2020,
                "title": "T",
                "publisher": "P",
                "accessed": "2026-01-01",
            }
        ),
    )
    assert [f.message for f in d.find("unused-reference")] == ["the reference 'only-in-delivery' is not cited anywhere"]
    d.edit(FIRST, lambda x: x["reflection_questions"][0].update(references=["only-in-delivery"]))
    assert d.find("unused-reference") == []


def test_ids_are_unique_in_a_file(d):
    d.edit(FIRST, lambda x: x["sessions"][1]["activities"][0].update(id="A1"))
    found = d.find("duplicate-delivery-id")
    assert len(found) == 1 and "activity id A1" in found[0].message


def test_file_must_be_named_after_a_module(d):
    (d.root / FIRST).rename(d.root / "curriculum/delivery/07-not-a-module.yml")
    assert len(d.find("delivery-unknown-module")) == 1


def test_module_field_must_match_the_file(d):
    d.edit(FIRST, lambda x: x.update(module="M02"))
    found = d.find("delivery-module-mismatch")
    assert len(found) == 1 and "set module: M01" in found[0].hint


def test_a_bad_file_name_is_reported(d):
    d.write("curriculum/delivery/Module 1.yml", "module: M01\n")
    assert "file-name" in d.codes()


def test_logbook_lists_every_placement_competency(d):
    # the synthetic placement module is the last one
    last = sorted((d.root / "curriculum" / "delivery").glob("*.yml"))[-1].relative_to(d.root).as_posix()
    model, _ = load(d.root)
    mapped = [e.competency_id for e in model.modules[-1].competencies]
    d.edit(last, lambda x: x.update(logbook={"evidence": [{"competency": c, "evidence": "Seen."} for c in mapped[1:]]}))
    found = d.find("logbook-competency")
    assert len(found) == 1 and mapped[0] in found[0].message
    d.edit(last, lambda x: x["logbook"]["evidence"].append({"competency": "C999", "evidence": "x"}))
    assert len(d.find("logbook-competency")) == 2
    d.edit(FIRST, lambda x: x.update(logbook={"evidence": [{"competency": "C1", "evidence": "x"}]}))
    assert len(d.find("logbook-not-placement")) == 1


def test_logbook_entries_outside_the_map_or_twice_say_which(d):
    last = sorted((d.root / "curriculum" / "delivery").glob("*.yml"))[-1].relative_to(d.root).as_posix()
    model, _ = load(d.root)
    mapped = [e.competency_id for e in model.modules[-1].competencies]
    entries = [{"competency": c, "evidence": "Seen."} for c in mapped]
    d.edit(last, lambda x: x.update(logbook={"evidence": [*entries, {"competency": "C999", "evidence": "x"}]}))
    found = d.find("logbook-competency")
    assert len(found) == 1 and "C999" in found[0].message and found[0].hint.endswith("use one of " + ", ".join(mapped))
    d.edit(last, lambda x: x.update(logbook={"evidence": [*entries, entries[0]]}))
    found = d.find("logbook-competency")
    assert len(found) == 1 and f"lists {mapped[0]} twice" in found[0].message


def test_pages_calling_delivery_macros_need_a_delivery_file(d, monkeypatch):
    monkeypatch.setattr(delivery_checks, "REQUIRE_DELIVERY_FOR_EVERY_MODULE", False)
    write_deliveries(d.root, 2)  # module 3 has no delivery file
    page = d.page_file(2)
    page.write_text(
        page.read_text(encoding="utf-8") + '\n{{ activities("M03") }}\n{{ activities("M33") }}\n', encoding="utf-8"
    )
    found = d.find("missing-delivery")
    assert len(found) == 1 and "03-synthetic-3.yml" in found[0].message and found[0].loc.line > 1
    assert any("M33" in f.message for f in d.find("delivery-macro-unknown-module"))


def test_every_module_needs_a_delivery_file_when_switched_on(d, monkeypatch):
    write_deliveries(d.root, 2)
    assert delivery_checks.REQUIRE_DELIVERY_FOR_EVERY_MODULE  # on: every module of the handbook has one
    found = d.find("module-without-delivery")
    assert sorted(f.loc.file for f in found) == [
        "curriculum/modules/03-synthetic-3.yml",
        "curriculum/modules/04-synthetic-4.yml",
    ]
    monkeypatch.setattr(delivery_checks, "REQUIRE_DELIVERY_FOR_EVERY_MODULE", False)
    assert d.find("module-without-delivery") == []
    monkeypatch.setattr(delivery_checks, "REQUIRE_DELIVERY_FOR_EVERY_MODULE", True)
    write_deliveries(d.root)
    assert d.find("module-without-delivery") == []


def test_a_module_left_out_of_the_programme_keeps_its_delivery_file(d):
    """A fork drops a module from programme.yml modules: and keeps its files for upstream merges."""
    second = load(d.root)[0].modules[1].id
    d.edit("curriculum/programme.yml", lambda data: data.update(modules=[m for m in data["modules"] if m != second]))
    codes = d.codes()
    assert "delivery-unknown-module" not in codes and "delivery-module-mismatch" not in codes


def test_every_competency_needs_proficiency_when_switched_on(d, monkeypatch):
    def strip(x):
        for dom in x["domains"]:
            for c in dom["competencies"]:
                c.pop("proficiency", None)

    d.edit("curriculum/competencies.yml", strip)
    monkeypatch.setattr(delivery_checks, "REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY", False)
    assert "competency-without-proficiency" not in d.codes()  # a fork may switch the rule off
    monkeypatch.setattr(delivery_checks, "REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY", True)
    found = d.find("competency-without-proficiency")
    assert len(found) == 30 and found[0].loc.file == "curriculum/competencies.yml"

    def describe(x):
        for dom in x["domains"]:
            for c in dom["competencies"]:
                c["proficiency"] = {"introduced": "Knows.", "reinforced": "Applies.", "mastered": "Does."}

    d.edit("curriculum/competencies.yml", describe)
    assert d.find("competency-without-proficiency") == []
