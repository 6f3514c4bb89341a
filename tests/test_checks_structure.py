"""Numbering of outcomes and criteria, outcome counts, prerequisites."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from cpscp_engine.checks import structure
from cpscp_engine.loader import load


def test_outcome_numbering_gap(t):
    def change(d):
        for o in d["outcomes"][2:]:
            o["id"] += 1
            for c in o["criteria"]:
                c["id"] = f"{o['id']}.{c['id'].split('.')[1]}"

    t.edit_module(0, change)
    found = t.find("outcome-numbering")
    assert len(found) == 1 and "should be numbered 3" in found[0].message


def test_criterion_under_the_wrong_outcome(t):
    t.edit_module(0, lambda d: d["outcomes"][0]["criteria"][1].update(id="2.1"))
    found = t.find("criterion-numbering")
    assert found and "sits under outcome 1" in found[0].message


def test_criterion_numbering_gap(t):
    t.edit_module(0, lambda d: d["outcomes"][1]["criteria"][2].update(id="2.4"))
    found = t.find("criterion-numbering")
    assert found and "should be 2.3" in found[0].message


def test_outcome_without_criteria(template):
    model, _ = load(template)
    m = model.modules[0]
    bare = dataclasses.replace(m.outcomes[0], criteria=())
    model.modules[0] = dataclasses.replace(m, outcomes=(bare,) + m.outcomes[1:])
    assert [d.code for d in structure.check_outcomes_have_criteria(model)] == ["outcome-without-criteria"]


def test_outcome_and_criterion_counts_warn(t):
    def change(d):
        d["outcomes"] = d["outcomes"][:3]
        d["outcomes"][0]["criteria"] = d["outcomes"][0]["criteria"][:2]
        kept = {c["id"] for o in d["outcomes"] for c in o["criteria"]}
        for task in d["assessment"]:
            task["criteria"] = [c for c in task["criteria"] if c in kept]
        d["assessment"] = [task for task in d["assessment"] if task["criteria"]]
        d["assessment"][0]["weighting"] = 100 - sum(x["weighting"] for x in d["assessment"][1:])

    t.edit_module(1, change)
    assert t.validate().diagnostics == []  # no house rule about counts until content_policy sets one
    t.edit(
        "curriculum/programme.yml",
        lambda d: d.update(
            content_policy={"outcomes_per_module": {"min": 4, "max": 6}, "criteria_per_outcome": {"min": 3}}
        ),
    )
    result = t.validate()
    assert {d.code for d in result.diagnostics} == {"outcome-count", "criterion-count"}
    assert "asks for 4 to 6" in t.find("outcome-count")[0].message
    assert not result.errors


def test_unknown_prerequisite(t):
    t.edit_module(2, lambda d: d.update(prerequisites=["M09"]))
    found = t.find("unknown-prerequisite")
    assert found and "prerequisite M09" in found[0].message


def test_prerequisite_must_come_earlier(t):
    t.edit_module(1, lambda d: d.update(prerequisites=["M03"]))
    assert "prerequisite-order" in t.codes()


def test_prerequisite_of_itself(t):
    t.edit_module(1, lambda d: d.update(prerequisites=["M02"]))
    assert "prerequisite-itself" in t.codes()


def test_prerequisite_cycle(t):
    t.edit_module(0, lambda d: d.update(prerequisites=["M03"]))
    t.edit_module(2, lambda d: d.update(prerequisites=["M02"]))
    t.edit_module(1, lambda d: d.update(prerequisites=["M01"]))
    cycles = t.find("prerequisite-cycle")
    assert len(cycles) == 1 and "M01 needs M03 needs M02 needs M01" in cycles[0].message


def test_no_modules(t):
    shutil.rmtree(t.path("curriculum/modules"))
    assert "no-modules" in t.codes()


@pytest.mark.parametrize(
    "n,said",
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (112, "112th"),
    ],
)
def test_ordinals_in_messages(n, said):
    assert structure._nth(n) == said
