"""Macros for a module's delivery data (curriculum/delivery/): activities, reflection, briefs.

Two editions share the pages. The learner edition (the public site) shows only what
learners work from: each activity's task, each reflection question, each task's brief and
rubric. The tutor edition (ctx.edition == "tutor") adds the scheme of work — sessions with
timings, aims, resources and each pathway's pacing — tutor notes and model answers. The
learner branches never read a tutor-only field, so nothing tutor-only can reach the site.
"""

from __future__ import annotations

from ..logbook import module_levels
from ..model import Activity, Curriculum, Delivery, Module
from ..pacing import session_weeks
from .errors import BadArgument, Unavailable
from .links import Ctx
from .lookup import get_module
from .text import cell, inline, missing_block, number, scroll_region, table

LEARNER, TUTOR = "learner", "tutor"
EDITIONS = (LEARNER, TUTOR)
FORMATS = {
    "individual": "on your own",
    "pairs": "in pairs",
    "small-group": "in small groups",
    "whole-group": "whole group",
    "role-play": "role-play",
    "case-study": "case study",
    "reading": "reading",
    "reflection": "reflection",
    "tutor-input": "tutor input",
}


def get_delivery(model: Curriculum, module_id: str) -> tuple[Module, Delivery]:
    """The module and its delivery file; a page asking for one that does not exist stops the build."""
    m = get_module(model, module_id)
    d = model.delivery(m.id)
    if d is None:
        if "delivery" not in model.loaded:
            raise Unavailable("curriculum/delivery/", missing_block(f"delivery data of module {inline(m.id)}"))
        name = m.file.rsplit("/", 1)[-1]
        raise BadArgument(
            f"module {m.id} has no delivery file (curriculum/delivery/{name})",
            f"create curriculum/delivery/{name} (see curriculum/schema/delivery.schema.json), "
            "or keep the section as text on the page until it is written",
        )
    return m, d


def is_tutor(ctx: Ctx) -> bool:
    return ctx.edition == TUTOR


def _minutes(n: int) -> str:
    return f"{n} minute{'' if n == 1 else 's'}"


def _activity_line(a: Activity) -> str:
    return f"**{inline(a.title)} ({_minutes(a.minutes)}, {FORMATS.get(a.format, inline(a.format))}).** {inline(a.task)}"


def _note(kind: str, title: str, text: str, indent: str = "") -> str:
    """An admonition holding one tutor-only text (already a single escaped line)."""
    return f'{indent}!!! {kind} "{title}"\n{indent}    {text}'


def _criteria_links(m: Module, ctx: Ctx, ids) -> str:
    known = {c.id: c for c in m.criteria}
    return ", ".join(
        f"[{cell(cid)}]({ctx.md(m.page, known[cid].anchor)})" if cid in known else cell(cid) for cid in ids
    )


def _tutor_texts(a, indent: str) -> list[str]:
    out = []
    if getattr(a, "tutor_notes", ""):
        out.append(_note("note", "Tutor notes", inline(a.tutor_notes), indent))
    if a.model_answer:
        out.append(_note("success", "Model answer", inline(a.model_answer), indent))
    return out


def activities(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """The module's activities; in the tutor edition, the whole scheme of work."""
    m, d = get_delivery(model, module_id)
    if is_tutor(ctx):
        return scheme_of_work(model, ctx, m, d)
    return "\n".join(f"{i}. {_activity_line(a)}" for i, a in enumerate(d.activities, 1))


def reflection_questions(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """The module's reflection questions; in the tutor edition each with its model answer."""
    _m, d = get_delivery(model, module_id)
    if not is_tutor(ctx):
        return "\n".join(f"- {inline(q.question)}" for q in d.reflection_questions)
    blocks = []
    for q in d.reflection_questions:
        blocks.append("\n\n".join([f"- {inline(q.question)}", *_tutor_texts(q, "    ")]))
    return "\n\n".join(blocks)


def pacing_table(model: Curriculum, ctx: Ctx, m: Module, d: Delivery) -> str:
    pathways = model.programme.pathways if model.programme else ()
    weeks = [session_weeks(model, m, d, p) for p in pathways]
    header = ["Session", "Minutes", "Aims (criteria)", *(f"Week on {cell(p.title)}" for p in pathways)]
    rows = [
        [
            f"{cell(s.id)} {cell(s.title)}",
            str(s.minutes),
            _criteria_links(m, ctx, [c for c, _ in s.aims]),
            *(str(w[i]) for w in weeks),
        ]
        for i, s in enumerate(d.sessions)
    ]
    rows.append(["**Total**", f"**{d.minutes}**", "", *("" for _ in pathways)])
    return scroll_region(
        f"Scheme of work of {m.id}", table(header, rows, ["---", "---:", "---", *("---:" for _ in pathways)])
    )


def scheme_of_work(model: Curriculum, ctx: Ctx, m: Module, d: Delivery) -> str:
    """Tutor edition: pacing, then each session with its aims, resources, notes and activities."""
    hours = number(d.minutes / 60)
    blocks = [
        (
            f"**Scheme of work** (tutor edition): {len(d.sessions)} session{'' if len(d.sessions) == 1 else 's'}, "
            f"{hours} guided hours. Weeks assume each pathway takes the modules in order at its weekly hours, "
            "with a module's study time spread over its sessions."
        ),
        pacing_table(model, ctx, m, d),
    ]
    n = 0
    for s in d.sessions:
        anchor = f"session-{s.id.lower()}"
        heading = f"### {inline(s.id)}: {inline(s.title)} ({_minutes(s.minutes)})"
        blocks.append(heading + (f" {{ #{anchor} }}" if ctx.claim(anchor) else ""))
        blocks.append(f"**Aims:** {_criteria_links(m, ctx, [c for c, _ in s.aims])}")
        if s.resources:
            blocks.append("**Resources:**\n\n" + "\n".join(f"- {inline(r)}" for r in s.resources))
        if s.tutor_notes:
            blocks.append(_note("note", "Session notes", inline(s.tutor_notes)))
        items = []
        for a in s.activities:
            n += 1
            items.append("\n\n".join([f"{n}. {_activity_line(a)}", *_tutor_texts(a, "    ")]))
        if items:
            blocks.append("\n\n".join(items))
    return "\n\n".join(blocks)


def _rubric(model: Curriculum, m: Module, rows) -> str:
    grades = model.merit_distinction
    header = ["Criterion", "Met", "Not yet met", *(["Merit", "Distinction"] if grades else [])]
    known = {c.id: c for c in m.criteria}
    body = []
    for r in rows:
        c = known.get(r.criterion)
        label = f"{cell(r.criterion)}" + (f": {cell(c.text)}" if c else "")
        body.append(
            [label, cell(r.met), cell(r.not_yet_met), *([cell(r.merit), cell(r.distinction)] if grades else [])]
        )
    return table(header, body)


def assessment_briefs(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """Each task's brief (scenario, what to submit, length, deadline) and its rubric. Learner-visible."""
    m, d = get_delivery(model, module_id)
    blocks = []
    for t in m.assessment:
        b = d.brief(t.id)
        if b is None:
            continue  # the validator reports the missing brief
        anchor = f"brief-{t.id.lower()}"
        heading = f"### Brief for {inline(t.id)}: {inline(t.title)}"
        blocks.append(heading + (f" {{ #{anchor} }}" if ctx.claim(anchor) else ""))
        blocks.append(inline(b.scenario))
        blocks.append("**What to submit:**\n\n" + "\n".join(f"- {inline(x)}" for x in b.submit))
        blocks.append(f"**Length:** {inline(b.length)}\n\n**Deadline:** {inline(b.deadline)}")
        blocks.append(scroll_region(f"Rubric for {t.id}", _rubric(model, m, b.rubric)))
    levels = [x for x in module_levels(model, m) if x.proficiency]
    if levels:
        blocks.append(
            "**The competencies this module develops, and what they look like at this stage.** "
            "Use them with the rubrics: evidence that meets the criteria should show the competency at "
            "this level."
        )
        blocks.append(
            table(
                ["Competency", "Level", "What the person does"],
                [
                    [f"{cell(x.competency)} {cell(x.title)}", cell(x.level.capitalize()), cell(x.proficiency)]
                    for x in levels
                ],
            )
        )
    return "\n\n".join(blocks)
