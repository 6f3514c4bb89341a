"""Delivery files (curriculum/delivery/): the scheme of work, tutor notes and assessment briefs.

Each rule applies to the modules that have a delivery file. That every module has one, and
that every competency has proficiency descriptors, are rules of their own behind switches
(REQUIRE_DELIVERY_FOR_EVERY_MODULE, REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY), turned on once
that content has been written. References in delivery files are checked with all the
others (checks/references.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..diagnostics import ERROR, WARNING, Diagnostic, Loc, declare, error, warning
from ..model import Curriculum, Delivery, Module
from ..render.registry import DELIVERY
from ._common import loaded, page_calls, plural, suggest

CODES = declare(
    __name__,
    (
        "delivery-unknown-module",
        ERROR,
        "A delivery file has no module file of the same name in curriculum/modules/.",
        "Give the delivery file the same name as its module's file.",
    ),
    (
        "delivery-module-mismatch",
        ERROR,
        "A delivery file's module: is not the module whose file has its name.",
        "Set module: to that module's id, or rename the file.",
    ),
    (
        "duplicate-delivery-id",
        ERROR,
        "Two sessions, activities or questions of one delivery file share an id.",
        "Number the ids in order without repeats.",
    ),
    (
        "session-minutes-total",
        ERROR,
        "A module's sessions do not add up to its guided learning hours.",
        "Change the sessions' minutes to the total the message gives.",
    ),
    (
        "activity-minutes-overflow",
        ERROR,
        "A session's activities take longer than the session.",
        "Shorten or move an activity, or lengthen the session.",
    ),
    (
        "unknown-aim",
        ERROR,
        "A session aims at a criterion its module does not have.",
        "Use a criterion id of the module, in quotes.",
    ),
    (
        "criterion-not-taught",
        ERROR,
        "A criterion of the module is in no session's aims.",
        "Add it to the aims of the session that teaches it.",
    ),
    (
        "brief-unknown-task",
        ERROR,
        "An assessment brief is for a task its module does not have.",
        "Use the id of one of the module's tasks.",
    ),
    ("duplicate-brief", ERROR, "A task has two assessment briefs.", "Merge the two briefs into one."),
    (
        "missing-brief",
        ERROR,
        "An assessment task has no brief in its module's delivery file.",
        "Add a brief for the task under briefs.",
    ),
    (
        "unknown-session",
        ERROR,
        "A brief is set after a session the delivery file does not have.",
        "Use the id of one of the file's sessions.",
    ),
    (
        "taught-after-task",
        ERROR,
        "A task is set before the sessions that teach the criteria it assesses.",
        "Set the task later, or teach those criteria earlier.",
    ),
    (
        "rubric-criteria",
        ERROR,
        "A brief's rubric does not have exactly one row per criterion its task assesses.",
        "Give the rubric one row for each of the task's criteria.",
    ),
    (
        "grade-descriptors",
        ERROR,
        "A rubric row lacks the merit or distinction descriptor that graded programmes need.",
        "Add the missing descriptors.",
    ),
    (
        "grade-descriptors-unused",
        WARNING,
        "A rubric row has merit or distinction descriptors, but the programme does not grade.",
        "Remove them, or turn grading on in curriculum/programme.yml.",
    ),
    (
        "missing-tutor-notes",
        ERROR,
        "An activity has no tutor notes.",
        "Add tutor_notes: how to run it, what to watch for, how to adapt it.",
    ),
    (
        "missing-model-answer",
        ERROR,
        "An activity or reflection question has no model answer.",
        "Add model_answer: what a good response contains.",
    ),
    (
        "logbook-not-placement",
        ERROR,
        "A delivery file that is not the placement module's has a logbook.",
        "Move the logbook to the placement module's delivery file.",
    ),
    (
        "logbook-competency",
        ERROR,
        "The placement logbook's evidence does not match the module's competency map: "
        "unmapped, repeated or missing competencies.",
        "Give one evidence entry for each mapped competency.",
    ),
    (
        "delivery-macro-unknown-module",
        ERROR,
        "A delivery macro on a page (activities, reflection_questions, "
        "assessment_briefs) names a module that does not exist.",
        "Use the id of an existing module, such as M04.",
    ),
    (
        "delivery-macro-left-out",
        ERROR,
        "A delivery macro on a page names a module that programme.yml modules: leaves out.",
        "Take the section out of the page, or put the module back in modules:.",
    ),
    (
        "missing-delivery",
        ERROR,
        "A page shows delivery data of a module that has no delivery file.",
        "Write the module's file in curriculum/delivery/, or keep the section as text.",
    ),
    (
        "module-without-delivery",
        ERROR,
        "A module has no delivery file (once every module must have one).",
        "Write the module's file in curriculum/delivery/.",
    ),
    (
        "competency-without-proficiency",
        ERROR,
        "A competency has no proficiency descriptors (once every competency must have them).",
        "Add proficiency: with what the person does when the competency is introduced, reinforced and mastered.",
    ),
)


# On: every module has its curriculum/delivery/ file (all of them were written by 1 December 2026).
REQUIRE_DELIVERY_FOR_EVERY_MODULE = True
# On: every competency in curriculum/competencies.yml has its proficiency descriptors.
REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY = True


def _pairs(model: Curriculum) -> Iterator[tuple[Module, Delivery]]:
    """(module, delivery) for every delivery file whose name is a module's file name."""
    # A module the programme leaves out keeps its files, delivery file included, so that upstream's
    # later changes to them still merge: its delivery file still has its module.
    by_name = {m.file.rsplit("/", 1)[-1]: m for m in (*model.modules, *model.unlisted)}
    for d in model.deliveries:
        m = by_name.get(d.name)
        if m is not None and d.module_id == m.id:
            yield m, d


def _natural(cid: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in cid.split("."))


def check_delivery_module(model: Curriculum) -> Iterable[Diagnostic]:
    """Each delivery file is named after a module's file and names that module."""
    if not loaded(model, "modules"):
        return
    # A module the programme leaves out keeps its files, delivery file included, so that upstream's
    # later changes to them still merge: its delivery file still has its module.
    by_name = {m.file.rsplit("/", 1)[-1]: m for m in (*model.modules, *model.unlisted)}
    for d in model.deliveries:
        m = by_name.get(d.name)
        if m is None:
            yield error(
                d.loc,
                "delivery-unknown-module",
                f"{d.file} has no module: there is no curriculum/modules/{d.name}",
                suggest(d.name, by_name) + "give the file the same name as its module's file in curriculum/modules/",
            )
        elif d.module_id != m.id:
            yield error(
                d.field_loc("module"),
                "delivery-module-mismatch",
                f"{d.file} says module: {d.module_id}, but curriculum/modules/{d.name} is module {m.id}",
                f"set module: {m.id}, or rename the file after the module it delivers",
            )


def check_unique_delivery_ids(model: Curriculum) -> Iterable[Diagnostic]:
    """Session, activity and reflection question ids are each unique within their file."""
    for d in model.deliveries:
        for what, items in (
            ("session", d.sessions),
            ("activity", d.activities),
            ("reflection question", d.reflection_questions),
        ):
            seen: dict[str, Loc] = {}  # id -> where it is first used
            for item in items:
                if item.id in seen:
                    yield error(
                        item.loc,
                        "duplicate-delivery-id",
                        f"{what} id {item.id} is used twice in {d.file} (first at line {seen[item.id].line})",
                        f"number the {what} ids in order without repeats ({what[0].upper()}1, {what[0].upper()}2 ...)",
                    )
                else:
                    seen[item.id] = item.loc


def check_session_minutes(model: Curriculum) -> Iterable[Diagnostic]:
    """The sessions together last exactly the module's guided learning hours."""
    for m, d in _pairs(model):
        want = m.glh * 60
        if d.minutes != want:
            parts = " + ".join(f"{s.minutes} ({s.id})" for s in d.sessions)
            yield error(
                d.field_loc("sessions"),
                "session-minutes-total",
                f"the sessions of {m.id} add up to {d.minutes} minutes ({parts}), but its {m.glh} guided "
                f"learning hours are {want} minutes",
                f"change the sessions' minutes to make {want} in total ({'add' if d.minutes < want else 'remove'} "
                f"{abs(want - d.minutes)}), or correct glh in {m.file}",
            )


def check_activity_minutes(model: Curriculum) -> Iterable[Diagnostic]:
    """A session's activities fit in the session."""
    for d in model.deliveries:
        for s in d.sessions:
            used = sum(a.minutes for a in s.activities)
            if used > s.minutes:
                yield error(
                    s.field_loc("minutes"),
                    "activity-minutes-overflow",
                    f"the activities of session {s.id} take {used} minutes, more than the session's {s.minutes}",
                    f"shorten the activities by {used - s.minutes} minutes, move one to another session, "
                    "or lengthen the session (the sessions must still add up to the module's hours)",
                )


def check_session_aims(model: Curriculum) -> Iterable[Diagnostic]:
    """Every aim is a criterion of the module."""
    for m, d in _pairs(model):
        known = [c.id for c in m.criteria]
        for s in d.sessions:
            for cid, loc in s.aims:
                if cid not in known:
                    yield error(
                        loc,
                        "unknown-aim",
                        f"session {s.id} aims at criterion {cid}, which module {m.id} does not have",
                        suggest(cid, known) + f"use a criterion id of {m.id} (see {m.file}), in quotes",
                    )


def check_criteria_taught(model: Curriculum) -> Iterable[Diagnostic]:
    """Every criterion of the module is taught in some session."""
    for m, d in _pairs(model):
        taught = {cid for s in d.sessions for cid, _ in s.aims}
        missing = [c.id for c in m.criteria if not c.retired and c.id not in taught]
        if missing:
            yield error(
                d.field_loc("sessions"),
                "criterion-not-taught",
                f"{plural(len(missing), 'criterion', 'criteria')} of {m.id} "
                f"{'is' if len(missing) == 1 else 'are'} not in any session's aims: {', '.join(missing)}",
                "add each to the 'aims' of the session that teaches it",
            )


def check_briefs(model: Curriculum) -> Iterable[Diagnostic]:
    """Each task of the module has exactly one brief, and each brief is for one of its tasks."""
    for m, d in _pairs(model):
        tasks = [t.id for t in m.assessment]
        seen: dict[str, int] = {}
        for b in d.briefs:
            if b.task not in tasks:
                yield error(
                    b.field_loc("task"),
                    "brief-unknown-task",
                    f"a brief in {d.file} is for task {b.task}, which module {m.id} does not have",
                    suggest(b.task, tasks) + "use one of " + ", ".join(tasks),
                )
            elif b.task in seen:
                yield error(
                    b.field_loc("task"),
                    "duplicate-brief",
                    f"task {b.task} has a second brief (the first is on line {seen[b.task]})",
                    "merge the two briefs into one",
                )
            else:
                seen[b.task] = b.loc.line
        for t in m.assessment:
            if t.id not in seen:
                yield error(
                    d.field_loc("briefs"),
                    "missing-brief",
                    f"task {t.id} of {m.id} has no brief in {d.file}",
                    f"add a brief with task: {t.id} under 'briefs' (scenario, submit, length, deadline, rubric)",
                )


def check_taught_before_task(model: Curriculum) -> Iterable[Diagnostic]:
    """Every criterion a task assesses is taught at or before the session after which it is set."""
    for m, d in _pairs(model):
        order = [s.id for s in d.sessions]
        for b in d.briefs:
            task = next((t for t in m.assessment if t.id == b.task), None)
            if task is None:
                continue  # check_briefs reports it
            if b.after_session not in order:
                yield error(
                    b.field_loc("after_session"),
                    "unknown-session",
                    f"the brief for {b.task} is set after session {b.after_session}, which {d.file} does not have",
                    suggest(b.after_session, order) + "use one of " + ", ".join(order),
                )
                continue
            upto = order.index(b.after_session) + 1
            taught = {cid for s in d.sessions[:upto] for cid, _ in s.aims}
            known = {c.id for c in m.criteria}  # an unknown id is unknown-criterion's to report, once
            late = [cid for cid, _ in task.criteria if cid in known and cid not in taught]
            if late:
                later = {cid: s.id for s in reversed(d.sessions[upto:]) for cid, _ in s.aims}
                detail = "; ".join(
                    f"{cid} ({'taught in ' + later[cid] if cid in later else 'not taught'})" for cid in late
                )
                yield error(
                    b.field_loc("after_session"),
                    "taught-after-task",
                    f"task {b.task} is set after {b.after_session} but assesses criteria not taught by then: {detail}",
                    "set the task after a later session, or teach those criteria in an earlier one (its 'aims')",
                )


def check_rubric_rows(model: Curriculum) -> Iterable[Diagnostic]:
    """A brief's rubric has exactly one row per criterion its task assesses."""
    for m, d in _pairs(model):
        for b in d.briefs:
            task = next((t for t in m.assessment if t.id == b.task), None)
            if task is None:
                continue
            want = [cid for cid, _ in task.criteria]
            rows = [r.criterion for r in b.rubric]
            missing = [c for c in want if c not in rows]
            extra = [c for c in rows if c not in want]
            twice = sorted({c for c in rows if rows.count(c) > 1}, key=_natural)
            if missing or extra or twice:
                said = []
                if missing:
                    said.append("no row for " + ", ".join(missing))
                if extra:
                    said.append("rows for " + ", ".join(extra) + f", which {b.task} does not assess")
                if twice:
                    said.append("more than one row for " + ", ".join(twice))
                yield error(
                    b.field_loc("rubric"),
                    "rubric-criteria",
                    f"the rubric of {b.task} has " + "; ".join(said),
                    f"give it exactly one row per criterion of {b.task}: " + ", ".join(want),
                )


def check_grade_descriptors(model: Curriculum) -> Iterable[Diagnostic]:
    """With merit/distinction grading on, every rubric row describes both; with it off, none does."""
    enabled = model.merit_distinction
    for d in model.deliveries:
        for b in d.briefs:
            for r in b.rubric:
                lacking = [g for g in ("merit", "distinction") if not getattr(r, g)]
                given = [g for g in ("merit", "distinction") if getattr(r, g)]
                if enabled and lacking:
                    yield error(
                        r.loc,
                        "grade-descriptors",
                        f"the rubric row for {r.criterion} of {b.task} has no "
                        + " or ".join(lacking)
                        + " descriptor, and programme.yml turns merit/distinction grading on",
                        "add " + " and ".join(f"'{g}:'" for g in lacking) + " describing work at that grade",
                    )
                elif not enabled and given:
                    yield warning(
                        r.loc,
                        "grade-descriptors-unused",
                        f"the rubric row for {r.criterion} of {b.task} has "
                        + " and ".join(given)
                        + " descriptors, but merit/distinction grading is off",
                        "remove them, or set grading: merit_distinction: true in curriculum/programme.yml",
                    )


def check_tutor_texts(model: Curriculum) -> Iterable[Diagnostic]:
    """Every activity has tutor notes and a model answer; every reflection question a model answer."""
    for d in model.deliveries:
        for a in d.activities:
            if not a.tutor_notes.strip():
                yield error(
                    a.loc,
                    "missing-tutor-notes",
                    f"activity {a.id} ({a.title}) in {d.file} has no tutor notes",
                    "add 'tutor_notes:': how to run it, what to watch for, how to adapt it online",
                )
            if not a.model_answer.strip():
                yield error(
                    a.loc,
                    "missing-model-answer",
                    f"activity {a.id} ({a.title}) in {d.file} has no model answer",
                    "add 'model_answer:': what a good response contains",
                )
        for q in d.reflection_questions:
            if not q.model_answer.strip():
                yield error(
                    q.loc,
                    "missing-model-answer",
                    f"reflection question {q.id} in {d.file} has no model answer",
                    "add 'model_answer:': the points a good answer covers",
                )


def check_logbook(model: Curriculum) -> Iterable[Diagnostic]:
    """The placement module's logbook has one evidence entry per competency of its map; others have none."""
    if model.programme is None or not loaded(model, "modules"):
        return
    placement = model.programme.placement.module
    for m, d in _pairs(model):
        if m.id != placement:
            if d.logbook:
                yield error(
                    d.field_loc("logbook"),
                    "logbook-not-placement",
                    f"{d.file} has a logbook, but the placement module is {placement}",
                    "move the logbook to the placement module's delivery file",
                )
            continue
        mapped = [e.competency_id for e in m.competencies]
        seen: set[str] = set()
        for e in d.logbook:
            if e.competency not in mapped:
                yield error(
                    e.loc,
                    "logbook-competency",
                    f"the logbook gives evidence for {e.competency}, which is not in {m.id}'s competency map",
                    suggest(e.competency, mapped) + "use one of " + ", ".join(mapped),
                )
            elif e.competency in seen:
                yield error(
                    e.loc, "logbook-competency", f"the logbook lists {e.competency} twice", "merge the two entries"
                )
            seen.add(e.competency)
        missing = [c for c in mapped if c not in seen]
        if missing:
            yield error(
                d.field_loc("logbook"),
                "logbook-competency",
                "the placement logbook has no evidence entry for " + ", ".join(missing),
                "add one entry (competency, evidence) under logbook: evidence: for each",
            )


def check_page_delivery_macros(model: Curriculum) -> Iterable[Diagnostic]:
    """activities(), reflection_questions() and assessment_briefs() name a module that has a delivery file."""
    if not loaded(model, "modules", "delivery"):
        return
    ids = [m.id for m in model.modules]
    left_out_pages = {m.page for m in model.unlisted if model.module(m.id) is None}
    for page, c in page_calls(model, DELIVERY.name):
        if page.path in left_out_pages:
            continue  # the page of a module left out: the listing checks say to exclude it
        m = model.module(c.key)
        if m is None and model.unlisted_module(c.key) is not None:
            yield error(
                c.loc,
                "delivery-macro-left-out",
                f"a delivery macro on {page.path} names {c.key}, which programme.yml modules: leaves out",
                f"take this section out of the page, or put {c.key} back in modules:",
            )
        elif m is None:
            yield error(
                c.loc,
                "delivery-macro-unknown-module",
                f"a delivery macro on {page.path} names {c.key}, which is not a module",
                suggest(c.key, ids) + 'use the id of an existing module, e.g. activities("M04")',
            )
        elif model.delivery(m.id) is None:
            name = m.file.rsplit("/", 1)[-1]
            yield error(
                c.loc,
                "missing-delivery",
                f"{page.path} shows delivery data of {m.id}, which has no curriculum/delivery/{name}",
                f"write curriculum/delivery/{name}, or keep the section as text for now",
            )


def check_every_module_has_delivery(model: Curriculum) -> Iterable[Diagnostic]:
    """Switched by REQUIRE_DELIVERY_FOR_EVERY_MODULE: each module has its delivery file."""
    if not REQUIRE_DELIVERY_FOR_EVERY_MODULE or not loaded(model, "modules", "delivery"):
        return
    for m in model.modules:
        if model.delivery(m.id) is None:
            name = m.file.rsplit("/", 1)[-1]
            yield error(
                m.loc,
                "module-without-delivery",
                f"module {m.id} has no scheme of work: curriculum/delivery/{name} does not exist",
                f"write curriculum/delivery/{name} (see curriculum/schema/delivery.schema.json)",
            )


def check_competency_proficiency(model: Curriculum) -> Iterable[Diagnostic]:
    """Switched by REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY: each competency has proficiency descriptors."""
    if not REQUIRE_PROFICIENCY_FOR_EVERY_COMPETENCY or not loaded(model, "competencies"):
        return
    for c in model.competencies:
        if not c.retired and not c.proficiency:
            yield error(
                c.loc,
                "competency-without-proficiency",
                f"competency {c.id} ({c.title}) has no proficiency descriptors",
                "add 'proficiency:' with introduced, reinforced and mastered: what the person "
                "does at each level (the rubrics and the placement logbook show them)",
            )


CHECKS = [
    check_delivery_module,
    check_unique_delivery_ids,
    check_session_minutes,
    check_activity_minutes,
    check_session_aims,
    check_criteria_taught,
    check_briefs,
    check_taught_before_task,
    check_rubric_rows,
    check_grade_descriptors,
    check_tutor_texts,
    check_logbook,
    check_page_delivery_macros,
    check_every_module_has_delivery,
    check_competency_proficiency,
]
