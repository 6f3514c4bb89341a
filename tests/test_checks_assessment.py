"""Module assessment tasks."""

from __future__ import annotations

import dataclasses

from cpscp_engine.checks import assessment
from cpscp_engine.loader import load


def test_task_assesses_a_criterion_the_module_lacks(t):
    t.edit_module(0, lambda d: d["assessment"][0]["criteria"].append("9.9"))
    found = t.find("unknown-criterion")
    assert len(found) == 1 and "9.9" in found[0].message


def test_criterion_not_assessed(t):
    t.edit_module(0, lambda d: d["assessment"][1]["criteria"].remove("4.3"))
    found = t.find("criterion-not-assessed")
    assert len(found) == 1 and "4.3" in found[0].message
    assert t.codes() == {"criterion-not-assessed"}


def test_retired_criterion_needs_no_task(t):
    def change(d):
        d["assessment"][1]["criteria"].remove("4.3")
        d["outcomes"][3]["criteria"][2]["retired"] = True

    t.edit_module(0, change)
    t.edit("curriculum/programme.yml", lambda d: d.update(content_policy={"criteria_per_outcome": {"min": 3}}))
    assert t.codes() == {"criterion-count"}  # two live criteria left: a warning, not an error


def test_task_assesses_nothing(template):
    model, _ = load(template)
    m = model.modules[0]
    idle = dataclasses.replace(m.assessment[0], criteria=())
    model.modules[0] = dataclasses.replace(m, assessment=(idle,) + m.assessment[1:])
    assert [d.code for d in assessment.check_tasks_assess_something(model)] == ["task-assesses-nothing"]


def test_weightings_must_add_up_to_100(t):
    t.edit_module(3, lambda d: d["assessment"][0].update(weighting=50))
    found = t.find("weighting-total")
    assert len(found) == 1 and "add up to 90" in found[0].message
