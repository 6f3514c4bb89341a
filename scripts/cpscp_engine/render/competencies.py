"""The competency framework, the curriculum map and where each competency is assessed."""

from __future__ import annotations

from ..model import Curriculum
from ..vocab import MASTERED, PROFICIENCY_KEYS
from .errors import Unavailable
from .links import Ctx
from .lookup import competency_anchor, competency_label, get_competency, module_link, task_link
from .text import IRM, attr, esc, inline, missing_block, scroll_region, table

MAP_CAPTION_ID = "cpscp-map-caption"


def _framework(model: Curriculum):
    if not model.domains:
        raise Unavailable("curriculum/competencies.yml", missing_block("competency framework"))
    return model.domains


def competency(model: Curriculum, ctx: Ctx, competency_id: str) -> str:
    """'C11 Motivational interviewing', linked to the framework page."""
    comp = get_competency(model, competency_id, inline_use=True)
    return f"[{competency_label(comp)}]({ctx.md(ctx.pages.competencies, competency_anchor(comp.id))})"


def _path(model: Curriculum, ctx: Ctx, competency_id: str) -> str:
    """'Introduced in M01 · reinforced in M02, M04 · mastered in M13 (M13-T1, M13-T2)'."""
    found = model.competency_modules(competency_id)
    parts = []
    for key, word in IRM.items():
        if found.get(key):
            links = ", ".join(module_link(model, ctx, m.id, text=inline(m.id)) for m in found[key])
            parts.append(f"{word.lower()} in {links}")
    tasks = [task_link(model, ctx, m, t) for m in found[MASTERED] for t in m.assessment]
    text = " · ".join(parts)
    if tasks:
        text += f" (assessed by {', '.join(tasks)})"
    return text[:1].upper() + text[1:] if text else "Not yet mapped to a module."


def competency_framework(model: Curriculum, ctx: Ctx, level: int = 3) -> str:
    """Domains as headings (anchors d1 ...); each competency once, with its statement, its path
    through the modules and, when the framework gives them, what it looks like at each stage."""
    hashes = "#" * max(1, min(6, int(level)))
    blocks = []
    for d in _framework(model):
        blocks.append(f"{hashes} {inline(d.id)} {inline(d.title)} {{ #{competency_anchor(d.id)} }}")
        blocks.append(inline(d.description))
        entries = []
        for c in d.competencies:
            statement = inline(c.statement)
            if c.retired:
                replaced = f" Replaced by {_comp_ref(model, ctx, c.replaced_by)}." if c.replaced_by else ""
                statement = f"*Retired.*{replaced} {statement}"
            lines = [
                f"[**{competency_label(c)}**](#{competency_anchor(c.id)}) {{ #{competency_anchor(c.id)} }}",
                f":   {statement}",
            ]
            if not c.retired:
                lines += ["", f"    *In the programme:* {_path(model, ctx, c.id)}."]
            # proficiency: introduced / reinforced / mastered -> text, shown in that order
            given = [(IRM[v], c.proficiency[key]) for v, key in PROFICIENCY_KEYS.items() if c.proficiency.get(key)]
            if given:
                stages = "\n".join(f"    - **{word}:** {inline(text)}" for word, text in given)
                lines += ["", f"    *What it looks like:*\n\n{stages}"]
            entries.append("\n".join(lines))
        blocks.append('<div class="cpscp-competencies" markdown="1">\n\n' + "\n\n".join(entries) + "\n\n</div>")
    return "\n\n".join(blocks)


def _comp_ref(model: Curriculum, ctx: Ctx, competency_id: str) -> str:
    comp = model.competency(competency_id)
    if comp is None:
        return inline(competency_id)
    return f"[{competency_label(comp)}]({ctx.md(ctx.pages.competencies, competency_anchor(comp.id))})"


def competency_map(model: Curriculum, ctx: Ctx) -> str:
    """Competencies (rows) against modules (columns), I/R/M as letters, in a scrollable region.

    Raw HTML so header cells can carry scope; its links are final URLs because MkDocs does
    not rewrite links inside raw HTML.
    """
    domains = _framework(model)
    modules = model.modules
    legend = "I = Introduced, R = Reinforced, M = Mastered; a blank cell means the module does not cover it."
    head = "".join(
        f'<th scope="col"><a href="{esc(ctx.href(m.page))}"><abbr title="{attr(m.title)}">{esc(m.id)}</abbr></a></th>'
        for m in modules
    )
    rows = [f'<thead>\n<tr><th scope="col">Competency</th>{head}</tr>\n</thead>']
    for d in domains:
        # The domain's name stays in view while the map scrolls sideways (sticky span).
        body = [
            f'<tr class="cpscp-map__domain"><th scope="rowgroup" colspan="{len(modules) + 1}">'
            f'<span class="cpscp-map__sticky">{esc(d.id)} {esc(d.title)}</span></th></tr>'
        ]
        for c in d.competencies:
            href = esc(ctx.href(ctx.pages.competencies, competency_anchor(c.id)))
            cells = []
            for m in modules:
                value = m.map_value(c.id)
                if value in IRM:
                    cells.append(
                        f'<td class="cpscp-irm cpscp-irm--{value.lower()}">'
                        f'<abbr title="{IRM[value]}">{value}</abbr></td>'
                    )
                else:
                    cells.append("<td></td>")
            body.append(
                f'<tr><th scope="row"><a href="{href}">{esc(c.id)} {esc(c.title)}</a></th>{"".join(cells)}</tr>'
            )
        rows.append("<tbody>\n" + "\n".join(body) + "\n</tbody>")
    # A short caption: it is as wide as the screen at most, so it is never cut off when the
    # map is wider than a phone; the legend above says what the letters mean.
    return (
        f'<p class="cpscp-legend"><strong>Key:</strong> where each module introduces (I), reinforces (R) or '
        f"brings to mastery (M) each competency. {legend}</p>\n\n"
        f'<div class="cpscp-table-scroll" role="region" tabindex="0" aria-labelledby="{MAP_CAPTION_ID}">\n'
        f'<table class="cpscp-map">\n<caption id="{MAP_CAPTION_ID}">Competency map</caption>\n'
        + "\n".join(rows)
        + "\n</table>\n</div>"
    )


def competency_coverage(model: Curriculum, ctx: Ctx) -> str:
    """Per competency: the modules that introduce, reinforce and master it, and the tasks in them."""
    rows = []
    for d in _framework(model):
        for c in d.competencies:
            found = model.competency_modules(c.id)
            stages = [", ".join(module_link(model, ctx, m.id, text=inline(m.id)) for m in found[k]) or "—" for k in IRM]
            tasks = [task_link(model, ctx, m, t) for m in model.modules if m.map_value(c.id) for t in m.assessment]
            label = f"[{competency_label(c)}]({ctx.md(ctx.pages.competencies, competency_anchor(c.id))})"
            rows.append([label, *stages, ", ".join(tasks) or "—"])
    # Five columns of lists cannot reflow to a 320px screen: the table scrolls instead.
    header = ["Competency", *(f"{word} in" for word in IRM.values()), "Assessed by"]
    return scroll_region(
        "Competency coverage: where each competency is introduced, reinforced, mastered and assessed",
        table(header, rows),
    )
