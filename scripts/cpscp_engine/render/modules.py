"""Macros for one module's page: facts, outcomes, competencies, assessment."""

from __future__ import annotations

import re

from ..model import Curriculum
from .downloads import handout_name
from .links import Ctx, page_url, relative_url
from .lookup import competency_link, get_module, module_link, task_anchor, task_link
from .text import IRM, about_weeks, cell, esc, humanise, inline, number, table


def _heading(level: int) -> str:
    return "#" * max(1, min(6, int(level)))


def module_facts(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """The fact box: level, hours, credits, prerequisites and study time on each pathway."""
    m = get_module(model, module_id)
    prereqs = ", ".join(module_link(model, ctx, pid) for pid, _ in m.prerequisites) or "None"
    facts = [
        ("In brief", inline(m.summary)),
        ("Level", inline(m.level)),
        ("Guided learning hours", f"{m.glh} hours"),
        ("Total qualification time", f"{m.tqt} hours, including the guided learning hours"),
        ("Credits", str(m.credits)),
        ("Prerequisites", prereqs),
    ]
    if model.programme and model.programme.pathways:
        lines = [
            f"{inline(p.title)}: {about_weeks(m.tqt, p.weekly_hours)} at {number(p.weekly_hours)} hours a week"
            for p in model.programme.pathways
        ]
        facts.append(
            ("Study time", "\n".join(f"- {line}" if i == 0 else f"    - {line}" for i, line in enumerate(lines)))
        )
    if model.programme is not None:
        # written by `make build` after MkDocs (scripts/pdf.py), like the other downloads
        href = relative_url(handout_name(model, m), page_url(ctx.page, ctx.directory_urls))
        what = "this module's outcomes, content and references, to print"
        if ctx.preview:  # the preview does not print the handouts: no link to a missing file
            facts.append(("Handout", f"{inline(m.id)} handout (PDF), written by `make build`: {what}"))
        else:
            facts.append(("Handout", f'<a href="{esc(href)}" download>{inline(m.id)} handout (PDF)</a>: {what}'))
    body = "\n\n".join(f"{term}\n:   {value}" for term, value in facts)
    return f'<div class="cpscp-facts" markdown="1">\n\n{body}\n\n</div>\n\n{module_aims(model, ctx, m)}'


def _as_continuation(text: str) -> str:
    """'Explain how ...' -> 'explain how ...', to follow "you can"; names and acronyms keep their case."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:].islower() else text


def module_aims(model: Curriculum, ctx: Ctx, m) -> str:
    """A short box of the module's outcomes, each linked to its criteria below."""
    live = [o for o in m.outcomes if not o.retired]
    if not live:
        return ""
    items = "\n".join(
        f"    - {inline(_as_continuation(o.text.rstrip().rstrip('.')))} ([LO{o.number}](#{o.anchor}))" for o in live
    )
    return f'!!! success "By the end of this module you can"\n\n{items}'


def outcomes(model: Curriculum, ctx: Ctx, module_id: str, level: int = 3) -> str:
    """Each outcome as a heading (anchor lo-N) with a table of its criteria (anchors ac-N-M)."""
    m = get_module(model, module_id)
    blocks = []
    for o in m.outcomes:
        retired = " (retired)" if o.retired else ""
        blocks.append(f"{_heading(level)} LO{o.number}{retired}: {inline(o.text)} {{ #{o.anchor} }}")
        if o.retired and o.replaced_by:
            blocks.append(f"*Retired: replaced by {inline(o.replaced_by)}.*")
        rows = []
        for c in o.criteria:
            tasks = model.tasks_assessing(m, c.id)
            assessed = ", ".join(task_link(model, ctx, m, t) for t in tasks) or "Not assessed"
            text = cell(c.text)
            if c.retired:
                text = f"*Retired*{': replaced by ' + cell(c.replaced_by) if c.replaced_by else ''}. {text}"
            # The criterion's number links to its own anchor, so a tutor can copy a link to it.
            rows.append(
                [
                    f'<span id="{c.anchor}"></span>[{cell(c.id)}](#{c.anchor} "Link to criterion {cell(c.id)}")'
                    f"{{ .cpscp-anchor }}",
                    text,
                    cell(c.bloom.capitalize()),
                    assessed,
                ]
            )
        blocks.append(table(["Criterion", "The learner can", "Bloom level", "Assessed by"], rows))
    return "\n\n".join(blocks)


def _competency_order(cid: str) -> tuple:
    digits = re.sub(r"\D", "", cid)
    return (int(digits) if digits else 0, cid)


def module_competencies(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """This module's entries in the competency map, with I/R/M spelled out."""
    m = get_module(model, module_id)
    rows = [
        [competency_link(model, ctx, e.competency_id), IRM.get(e.value, cell(e.value))]
        for e in sorted(m.competencies, key=lambda e: _competency_order(e.competency_id))
    ]
    return table(["Competency", "In this module"], rows)


def assessment_tasks(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    """The tasks (anchors: task id in lower case), their weighting and the criteria they assess."""
    m = get_module(model, module_id)
    criteria = {c.id: c for c in m.criteria}
    rows, details = [], []
    for t in m.assessment:
        crit_links = []
        for cid, _ in t.criteria:
            c = criteria.get(cid)
            crit_links.append(f"[{cell(cid)}]({ctx.md(m.page, c.anchor)})" if c else cell(cid))
        rows.append(
            [
                f'<span id="{task_anchor(t)}"></span>**{cell(t.id)}** {cell(t.title)}',
                cell(humanise(t.type)),
                f"{number(t.weighting)}%",
                ", ".join(crit_links),
            ]
        )
        details.append(f"**{inline(t.id)} {inline(t.title)}.** {inline(t.description)}")
    return "\n\n".join([table(["Task", "Type", "Weighting", "Criteria assessed"], rows), *details])
