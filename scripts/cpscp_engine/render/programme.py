"""Programme-wide macros: structure, pathways, placement, award rules and status."""

from __future__ import annotations

from ..model import Curriculum, Programme
from ..site import AWARD_RULES_ANCHOR, STATUS_ANCHOR
from .errors import Unavailable
from .links import Ctx
from .lookup import module_link
from .text import cell, inline, missing_block, number, scroll_region, table


def _programme(model: Curriculum, inline_use: bool = False) -> Programme:
    if model.programme is None:
        raise Unavailable("curriculum/programme.yml", "" if inline_use else missing_block("programme description"))
    return model.programme


def _modules(model: Curriculum):
    if not model.modules and "modules" not in model.loaded:
        raise Unavailable("curriculum/modules/", missing_block("modules"))
    return model.modules


def programme_structure(model: Curriculum, ctx: Ctx) -> str:
    """The modules in order with hours, credits and prerequisites, and a totals row."""
    rows = []
    for m in _modules(model):
        prereqs = ", ".join(module_link(model, ctx, pid, text=inline(pid)) for pid, _ in m.prerequisites) or "None"
        rows.append([str(m.number), module_link(model, ctx, m.id), str(m.glh), str(m.tqt), str(m.credits), prereqs])
    totals = model.totals()
    rows.append(["", "**Total**", f"**{totals['glh']}**", f"**{totals['tqt']}**", f"**{totals['credits']}**", ""])
    # Six columns cannot reflow to a 320px screen without breaking words: it scrolls instead.
    return scroll_region(
        "Programme structure: modules in order, with hours, credits and prerequisites",
        table(
            ["Order", "Module", "GLH", "TQT", "Credits", "Prerequisites"],
            rows,
            ["---:", "---", "---:", "---:", "---:", "---"],
        ),
    )


def _compared(hours: float, tqt: int) -> str:
    diff = hours - tqt
    if diff == 0:
        return "Equal to the TQT"
    if diff > 0:
        return f"{number(float(diff))} hours more than the TQT"
    return f"{number(float(-diff))} hours less than the TQT"


def pathways(model: Curriculum, ctx: Ctx) -> str:
    """Each pathway's weeks and weekly hours, and its total against the programme's TQT."""
    prog = _programme(model)
    tqt = model.totals()["tqt"]  # over the modules programme.yml lists
    rows = [
        [cell(p.title), str(p.weeks), number(p.weekly_hours), number(float(p.hours)), _compared(p.hours, tqt)]
        for p in prog.pathways
    ]
    parts = [
        table(
            ["Pathway", "Weeks", "Hours a week", "Total hours", f"Compared with the TQT of {tqt} hours"],
            rows,
            ["---", "---:", "---:", "---:", "---"],
        )
    ]
    parts += [f"**{inline(p.title)}.** {inline(p.description)}" for p in prog.pathways]
    return "\n\n".join(parts)


def placement(model: Curriculum, ctx: Ctx) -> str:
    """The placement's requirements as a list."""
    prog = _programme(model)
    p = prog.placement
    module = model.module(p.module)
    where = ""
    if module:
        where = f", as part of {module_link(model, ctx, module.id)} ({module.tqt} hours of total qualification time)"
    items = [f"- **Hours.** At least {number(p.hours)} hours of supervised practice{where}."]
    if p.settings:
        items.append("- **Settings.** The placement takes place in a setting such as:")
        items += [f"    - {inline(s)}" for s in p.settings]
    if p.supervision:
        items.append(f"- **Supervision.** {inline(p.supervision)}")
    if p.evidence:
        items.append("- **Evidence.** The learner provides:")
        items += [f"    - {inline(e)}" for e in p.evidence]
    return "\n".join(items)


def award_rules(model: Curriculum, ctx: Ctx) -> str:
    prog = _programme(model)
    rules = "\n".join(f"{i}. {inline(rule)}" for i, rule in enumerate(prog.award_rules, 1))
    if not ctx.claim(AWARD_RULES_ANCHOR):  # the first list on a page is the one the badge links to
        return rules
    return f'<div id="{AWARD_RULES_ANCHOR}" markdown="1">\n\n{rules}\n\n</div>'


def status_statement(model: Curriculum, ctx: Ctx) -> str:
    """The honest status of the award, as an admonition; the first on a page has the anchor award-status."""
    prog = _programme(model)
    anchor = f' id="{STATUS_ANCHOR}"' if ctx.claim(STATUS_ANCHOR) else ""  # ids are unique on a page
    return (
        f'<div class="admonition info cpscp-status"{anchor} markdown="1">\n'
        f'<p class="admonition-title">Status of the award</p>\n\n{inline(prog.award_status)}\n\n</div>'
    )
