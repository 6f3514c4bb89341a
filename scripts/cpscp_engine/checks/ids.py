"""Identifiers: every id names exactly one thing, across the whole curriculum."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, Diagnostic, Loc, declare, error
from ..model import Curriculum, Module

CODES = declare(
    __name__,
    (
        "duplicate-id",
        ERROR,
        "Two entries of one kind (modules, outcomes, competencies, terms, references ...) share an id.",
        "Give each entry its own id.",
    ),
    ("duplicate-page", ERROR, "Two modules name the same page.", "Give each module its own page under docs/modules/."),
    (
        "task-id-prefix",
        ERROR,
        "An assessment task's id names another module than its own.",
        "Start the task id with its module's id, such as M04-T1.",
    ),
)


def _duplicates(kind: str, items: Iterable[tuple[str, Loc]], hint: str) -> Iterable[Diagnostic]:
    first: dict[str, Loc] = {}
    for key, loc in items:
        if key in first:
            where = first[key]
            place = f"line {where.line}" if where.file == loc.file else str(where)
            yield error(loc, "duplicate-id", f"the {kind} id '{key}' is already used ({place})", hint)
        else:
            first[key] = loc


def check_unique_ids(model: Curriculum) -> Iterable[Diagnostic]:
    yield from _duplicates(
        "module",
        ((m.id, m.field_loc("id")) for m in model.modules),
        "give each module its own id; two files with the same id are usually a copied "
        "file that should be renamed or deleted",
    )
    # the outcomes, criteria and tasks of a second file with a taken module id would all repeat too:
    # that is one mistake, already reported above
    first: dict[str, Module] = {}
    modules = [first.setdefault(m.id, m) for m in model.modules if m.id not in first]
    yield from _duplicates(
        "learning outcome",
        ((o.global_id, o.loc) for m in modules for o in m.outcomes),
        "number the outcomes 1, 2, 3 ... once each",
    )
    yield from _duplicates(
        "assessment criterion",
        ((c.global_id, c.loc) for m in modules for c in m.criteria),
        "number the criteria n.1, n.2 ... once each",
    )
    yield from _duplicates(
        "assessment task",
        ((t.id, t.loc) for m in modules for t in m.assessment),
        "number the tasks <module>-T1, <module>-T2 ... once each",
    )
    yield from _duplicates(
        "competency domain", ((d.id, d.loc) for d in model.domains), "give each domain its own id (D1, D2 ...)"
    )
    yield from _duplicates(
        "competency",
        ((c.id, c.loc) for c in model.competencies),
        "give each competency its own id; retire an old one instead of reusing its id",
    )
    yield from _duplicates(
        "exam domain",
        ((d.id, d.loc) for d in (model.exam.domains if model.exam else ())),
        "give each exam domain its own id (X1, X2 ...)",
    )
    yield from _duplicates(
        "question",
        ((q.id, q.loc) for q in model.questions),
        "give each practice question its own id (the next free Q number)",
    )
    yield from _duplicates(
        "glossary term", ((t.id, t.loc) for t in model.terms), "merge the two definitions, or give one a different id"
    )
    yield from _duplicates(
        "reference",
        ((r.id, r.loc) for r in model.references),
        "keep one entry per source; for two works by the same author and year add a letter (smith-2020a, smith-2020b)",
    )


def check_unique_pages(model: Curriculum) -> Iterable[Diagnostic]:
    first: dict[str, str] = {}
    for m in model.modules:
        if m.page in first:
            yield error(
                m.field_loc("page"),
                "duplicate-page",
                f"module {m.id} uses the page {m.page}, which is already the page of module {first[m.page]}",
                "each module has its own page: docs/modules/NN-slug.md",
            )
        else:
            first[m.page] = m.id


def check_task_ids(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for t in m.assessment:
            if not t.id.startswith(m.id + "-"):
                yield error(
                    t.loc,
                    "task-id-prefix",
                    f"task {t.id} is in module {m.id} but its id names another module",
                    f"task ids start with their module's id, e.g. {m.id}-T1",
                )
