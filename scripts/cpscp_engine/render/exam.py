"""The final examination: its blueprint and the practice questions."""

from __future__ import annotations

import math

from ..model import Curriculum, Exam
from ..vocab import answer_letters
from .errors import Unavailable, UnknownId
from .links import Ctx, Pages, slug
from .lookup import competency_link
from .refs import cite_list
from .text import cell, inline, missing_block, number, table

DOMAIN_HINT = "exam domain ids (X1 ...) are listed in curriculum/assessment.yml"


def _exam(model: Curriculum) -> Exam:
    if model.exam is None:
        raise Unavailable("curriculum/assessment.yml", missing_block("examination blueprint"))
    return model.exam


def exam_blueprint(model: Curriculum, ctx: Ctx) -> str:
    """Format, duration, items, pass mark and standard setting, then the domain table (anchors x1 ...)."""
    e = _exam(model)
    pass_items = math.ceil(e.total_items * e.pass_mark_percent / 100 - 1e-9)
    facts = [
        ("Examination", inline(e.title)),
        ("Format", inline(e.format)),
        ("Duration", f"{e.duration_minutes} minutes"),
        ("Items", f"{e.total_items} scored items"),
        ("Pass mark", f"{number(e.pass_mark_percent)} per cent (at least {pass_items} of {e.total_items} items)"),
        ("Standard setting", inline(e.standard_setting)),
    ]
    box = "\n\n".join(f"{t}\n:   {v}" for t, v in facts)
    rows = []
    for d in e.domains:
        comps = ", ".join(competency_link(model, ctx, cid) for cid, _ in d.competencies)
        rows.append(
            [
                f'<span id="{slug(d.id)}"></span>{cell(d.id)} {cell(d.title)}',
                f"{number(d.weight)}%",
                str(d.items),
                comps,
            ]
        )
    rows.append(
        ["**Total**", f"**{number(sum(d.weight for d in e.domains))}%**", f"**{sum(d.items for d in e.domains)}**", ""]
    )
    domain_table = table(["Domain", "Weight", "Items", "Competencies examined"], rows, ["---", "---:", "---:", "---"])
    return f'<div class="cpscp-facts" markdown="1">\n\n{box}\n\n</div>\n\n{domain_table}'


def _outcome_link(model: Curriculum, ctx: Ctx, global_id: str) -> str:
    outcome = model.outcome(global_id)
    module = model.module(outcome.module_id) if outcome else None
    if not outcome or not module:
        return inline(global_id)
    return f"[{inline(module.id)} LO{outcome.number}]({ctx.md(module.page, outcome.anchor)})"


STRAYS = "other"  # the group of questions whose domain the exam does not have (a data error)


def questions_anchor(group: str) -> str:
    """The anchor of a group's heading on the questions page (group: a domain's slug, or STRAYS)."""
    return f"questions-{group}"


def answers_anchor(group: str) -> str:
    """The anchor of a group's heading in the answer key."""
    return f"answers-{group}"


def _by_domain(model: Curriculum) -> list[tuple[str, str, list]]:
    """(anchor, heading, questions) per exam domain in blueprint order; strays (a data error) last."""
    e = _exam(model)
    groups = []
    for d in e.domains:
        qs = [q for q in model.questions if q.domain == d.id]
        if qs:
            groups.append((slug(d.id), f"{inline(d.id)} {inline(d.title)}", qs))
    known = {d.id for d in e.domains}
    strays = [q for q in model.questions if q.domain not in known]
    if strays:
        groups.append((STRAYS, "Other questions", strays))
    return groups


def practice_questions(model: Curriculum, ctx: Ctx, domain: str | None = None, level: int = 2) -> str:
    """The questions grouped by exam domain (one heading each), every question a compact card.

    Questions are not headings, so the page's contents list stays one line per domain; each
    card still has an anchor (#q01) to link to. The answer and rationale sit in a collapsed
    block, which the printed edition leaves out in favour of the answer key at the end.
    """
    _exam(model)
    hashes = "#" * max(1, min(6, int(level)))
    if domain is not None:
        d = model.exam_domain(str(domain))
        if d is None:
            raise UnknownId("exam domain", str(domain), DOMAIN_HINT)
        return _questions(model, ctx, [q for q in model.questions if q.domain == d.id])
    blocks = []
    for anchor, heading, qs in _by_domain(model):
        blocks.append(f"{hashes} {heading} {{ #{questions_anchor(anchor)} }}")
        blocks.append(_questions(model, ctx, qs))
    return "\n\n".join(blocks)


def _questions(model: Curriculum, ctx: Ctx, questions) -> str:
    blocks = []
    for q in questions:
        letters = answer_letters()
        options = "\n".join(f"- **{letters[i]}.** {inline(opt)}" for i, opt in enumerate(q.options))
        answer = [f"    **Answer: {inline(q.answer)}.** {inline(q.rationale)}"]
        if q.references:
            answer.append(f"    Sources: {cite_list(model, ctx, [k for k, _ in q.references])}.")
        blocks.append(
            f'<div class="cpscp-question" id="{slug(q.id)}" markdown="1">\n\n'
            f'<p class="cpscp-question__label"><strong>Question {inline(q.id)}</strong> · tests '
            f"{_outcome_link(model, ctx, q.outcome)}</p>\n\n"
            f"{inline(q.stem)}\n\n{options}\n\n"
            f'??? question "Answer to question {attr_safe(q.id)}"\n' + "\n\n".join(answer) + "\n\n</div>"
        )
    return "\n\n".join(blocks)


def practice_answers(model: Curriculum, ctx: Ctx, questions_page: str = Pages().practice_questions) -> str:
    """The answer key: for each question, the answer and why, grouped as the questions are."""
    blocks = []
    for anchor, heading, qs in _by_domain(model):
        blocks.append(f"## {heading} {{ #{answers_anchor(anchor)} }}")
        items = []
        for q in qs:
            line = (
                f"[Question {inline(q.id)}]({ctx.md(questions_page, slug(q.id))})\n"
                f":   **{inline(q.answer)}.** {inline(q.rationale)}"
            )
            if q.references:
                line += f" Sources: {cite_list(model, ctx, [k for k, _ in q.references])}."
            items.append(line)
        blocks.append('<div class="cpscp-answer-key" markdown="1">\n\n' + "\n\n".join(items) + "\n\n</div>")
    return "\n\n".join(blocks)


def attr_safe(value: str) -> str:
    # the admonition title is a double-quoted string: drop quotes rather than escape them
    return inline(value).replace('"', "").replace("&#34;", "")
