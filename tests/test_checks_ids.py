"""Identifiers are unique across the curriculum."""

from __future__ import annotations

import shutil


def test_duplicated_module_file(t):
    src = t.module_file(1)
    shutil.copy(src, src.with_name("99-copy-of-module.yml"))
    dup = t.find("duplicate-id")
    assert len(dup) == 1 and dup[0].loc.file.endswith("99-copy-of-module.yml")
    assert "module id 'M02'" in dup[0].message and src.name in dup[0].message


def test_duplicate_competency(t):
    def change(data):
        data["domains"][1]["competencies"][0]["id"] = "C1"

    t.edit("curriculum/competencies.yml", change)
    assert "duplicate-id" in t.codes()


def test_duplicate_reference_term_question_and_exam_domain(t):
    t.edit("curriculum/references.yml", lambda d: d["references"].append(dict(d["references"][0])))
    t.edit("curriculum/glossary.yml", lambda d: d["terms"].append(dict(d["terms"][0])))

    def exam(d):
        d["practice_questions"][1]["id"] = d["practice_questions"][0]["id"]
        d["exam"]["domains"][1]["id"] = "X1"

    t.edit("curriculum/assessment.yml", exam)
    kinds = {d.message.split(" id ")[0] for d in t.find("duplicate-id")}
    assert kinds == {"the reference", "the glossary term", "the question", "the exam domain"}


def test_duplicate_task_and_outcome(t):
    def change(d):
        d["assessment"][1]["id"] = d["assessment"][0]["id"]
        d["outcomes"][1]["id"] = 1

    t.edit_module(0, change)
    messages = [d.message for d in t.find("duplicate-id")]
    assert any("assessment task" in m for m in messages)
    assert any("learning outcome" in m for m in messages)


def test_a_module_listed_twice_in_the_programme(t):
    t.edit("curriculum/programme.yml", lambda d: d["modules"].append(d["modules"][0]))
    assert t.codes() == {"duplicate-entry"}


def test_duplicate_page(t):
    other = {}
    t.edit_module(0, lambda d: other.update(page=d["page"]))
    t.edit_module(1, lambda d: d.update(page=other["page"]))
    assert "duplicate-page" in t.codes()


def test_task_id_names_its_module(t):
    t.edit_module(1, lambda d: d["assessment"][0].update(id="M77-T1"))
    assert t.codes() == {"task-id-prefix"}
