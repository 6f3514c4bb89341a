"""Module assessment: every criterion assessed, every task assessing, weightings adding up."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, Diagnostic, declare, error
from ..model import Curriculum
from ._common import meant, suggest

CODES = declare(
    __name__,
    (
        "unknown-criterion",
        ERROR,
        "An assessment task lists a criterion that its module does not have.",
        "Use a criterion id of the same module, such as 2.1.",
    ),
    (
        "criterion-not-assessed",
        ERROR,
        "A criterion is assessed by no task of its module.",
        "Add the criterion to the criteria of a task.",
    ),
    (
        "task-assesses-nothing",
        ERROR,
        "An assessment task assesses no criterion.",
        "List the criteria the task assesses, or remove the task.",
    ),
    (
        "weighting-total",
        ERROR,
        "The weightings of a module's assessment tasks do not add up to 100.",
        "Change the weightings so that together they make 100.",
    ),
)


def check_task_criteria_exist(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        known = {c.id for c in m.criteria}
        for t in m.assessment:
            for cid, loc in t.criteria:
                if cid not in known:
                    yield error(
                        loc,
                        "unknown-criterion",
                        f"task {t.id} assesses criterion {cid}, which module {m.id} does not have",
                        suggest(cid, known)
                        + f"use the number of one of {m.id}'s criteria ("
                        + ", ".join(sorted(known, key=_key)[:6])
                        + (" ..." if len(known) > 6 else "")
                        + ")",
                    )


def check_criteria_assessed(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        assessed = {cid for t in m.assessment for cid, _ in t.criteria}
        known = {c.id for c in m.criteria}
        # a task naming "12" for 1.2 is reported as an unknown criterion, not also 1.2 as unassessed
        mistyped = meant(assessed - known, known)
        for c in m.criteria:
            if not c.retired and c.id not in assessed and c.id not in mistyped:
                yield error(
                    c.loc,
                    "criterion-not-assessed",
                    f"criterion {c.id} of {m.id} is not assessed by any task",
                    f"add '{c.id}' to the 'criteria' list of the task that tests it",
                )


def check_tasks_assess_something(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for t in m.assessment:
            if not t.criteria:
                yield error(
                    t.loc,
                    "task-assesses-nothing",
                    f"task {t.id} does not assess any criterion",
                    "list the criteria it tests under 'criteria', or remove the task",
                )


def check_weightings(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        if not m.assessment:
            continue
        total = sum(t.weighting for t in m.assessment)
        if total != 100:
            parts = " + ".join(f"{t.weighting} ({t.id})" for t in m.assessment)
            yield error(
                m.field_loc("assessment"),
                "weighting-total",
                f"the task weightings of {m.id} add up to {total:g}, not 100: {parts}",
                "change the weightings so that together they make 100 per cent",
            )


def _key(cid: str) -> tuple:
    return tuple(int(x) for x in cid.split(".")) if cid.replace(".", "").isdigit() else (0,)
