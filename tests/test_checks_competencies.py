"""The competency map."""

from __future__ import annotations

import dataclasses

from cpscp_engine.checks import competencies
from cpscp_engine.loader import load


def test_unknown_competency_in_a_module(t):
    t.edit_module(0, lambda d: d["competencies"].update(C99="R"))
    found = t.find("unknown-map-competency")
    assert len(found) == 1 and "C99" in found[0].message


def test_retired_competency_in_a_module_warns(t):
    def change(d):
        d["domains"][0]["competencies"][0].update(retired=True, replaced_by="C2")

    t.edit("curriculum/competencies.yml", change)
    assert "retired-competency" in t.codes()


def test_module_without_competency(template):
    model, _ = load(template)
    model.modules[1] = dataclasses.replace(model.modules[1], competencies=())
    assert [d.code for d in competencies.check_module_has_competency(model)] == ["no-competencies"]


def test_competency_never_introduced(t):
    # C1 is introduced in the first module: drop it there
    t.edit_module(0, lambda d: d["competencies"].pop("C1"))
    codes = t.codes()
    assert "competency-not-introduced" in codes
    assert "competency-progression" in codes  # its M now comes before any I


def test_competency_never_mastered(t):
    def change(d):
        mastered = [k for k, v in d["competencies"].items() if v == "M"]
        d["competencies"] = {k: v for k, v in d["competencies"].items() if v != "M"} or {"C1": "R"}
        change.dropped = mastered

    t.edit_module(3, change)
    found = t.find("competency-not-mastered")
    assert found and len(found) == len(change.dropped)


def test_mastered_before_introduced(t):
    # C2 is introduced in module 2 (index 1); mark it M in module 1 too
    t.edit_module(0, lambda d: d["competencies"].update(C2="M"))
    found = t.find("competency-progression")
    assert found and "before any module introduces it" in found[0].message


def test_introduced_after_mastered(t):
    # C1 is mastered in module 3 (index 2); introduce it again in module 4
    t.edit_module(3, lambda d: d["competencies"].update(C1="I"))
    found = t.find("introduced-after-mastery")
    assert len(found) == 1 and "after it was mastered" in found[0].message


def test_a_mistyped_competency_id_is_reported_once_without_cascades(t):
    """C61 typed for C16: one unknown-map-competency error, not also 'C16 never introduced' or progression errors."""
    model, _ = load(t.root)
    known = {c.id for c in model.competencies}
    index, target = next(
        (i, e.competency_id)
        for i, m in enumerate(model.modules)
        for e in m.competencies
        if e.value == "I" and len(e.competency_id) == 3 and "C" + e.competency_id[:0:-1] not in known
    )
    typo = "C" + target[:0:-1]  # the two digits swapped

    def retype(data):
        data["competencies"][typo] = data["competencies"].pop(target)

    t.edit_module(index, retype)
    result = t.validate()
    assert [d.code for d in result.errors] == ["unknown-map-competency"]
    assert f"did you mean '{target}'?" in result.errors[0].hint


def test_a_mistyped_criterion_in_a_task_is_not_also_reported_unassessed(t):
    def retype(data):
        task = data["assessment"][0]
        task["criteria"] = ["1.11" if c == "1.1" else c for c in task["criteria"]]

    t.edit_module(0, retype)
    result = t.validate()
    unknown = [d for d in result.errors if d.code == "unknown-criterion"]
    assert len(unknown) == 1 and "did you mean '1.1'?" in unknown[0].hint
    assert "criterion-not-assessed" not in {d.code for d in result.diagnostics}
