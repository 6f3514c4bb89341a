"""The home page's first screen: the programme at a glance and the edition, from the data."""

from __future__ import annotations

import math

from ..edition import edition as _edition
from ..model import Curriculum
from ..vocab import STATUS_WORDS
from .links import Ctx
from .programme import STATUS_ANCHOR, _modules, _programme
from .text import esc, inline, long_date, number


def _sentence(text: str) -> str:
    """The first sentence of a data field, for a summary that links to the full text."""
    first = " ".join(str(text).split()).split(". ")[0].rstrip(".")
    return first + "."


def _clause(text: str) -> str:
    """The first clause of a data field (up to a comma outside brackets), for a compact summary."""
    depth = 0
    first = _sentence(text).rstrip(".")
    for i, ch in enumerate(first):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            return first[:i]
    return first


def _item(term: str, value: str) -> str:
    return f"<div><dt>{term}</dt><dd>{value}</dd></div>"


def at_a_glance(model: Curriculum, ctx: Ctx) -> str:
    """Level, hours, credits, both pathways, placement, examination, pass mark and status.

    A description list in raw HTML (so it can sit in a grid); every value is escaped, and the
    details link to the pages that hold the full rules.
    """
    prog = _programme(model)
    modules = _modules(model)
    totals = model.totals()
    about, assessment = ctx.href(ctx.pages.about), ctx.href(ctx.pages.assessment)
    items = [_item("Level", esc(prog.level))]
    placement_module = prog.placement.module
    taught = [m for m in modules if m.id != placement_module]
    shape = f"{len(taught)} online modules" + (", then a supervised placement" if placement_module else "")
    items.append(_item("Modules", f'<a href="{ctx.href(ctx.pages.modules)}">{shape}</a>'))
    items.append(
        _item(
            "Study time",
            f"{totals['glh']} guided learning hours; {totals['tqt']} hours in all (total qualification time)",
        )
    )
    items.append(_item("Credits", f"{totals['credits']} credits"))
    if prog.pathways:
        items.append(
            _item(
                "Length",
                "<br>".join(
                    f"{esc(p.title)}: {p.weeks} weeks, about {esc(number(p.weekly_hours))} hours a week"
                    for p in prog.pathways
                ),
            )
        )
    hours = prog.placement.hours
    if hours:
        items.append(_item("Placement", f"At least {esc(number(hours))} hours of supervised practice"))
    if model.exam is not None:
        e = model.exam
        pass_items = math.ceil(e.total_items * e.pass_mark_percent / 100 - 1e-9)
        items.append(
            _item(
                "Final examination",
                f'<a href="{assessment}#the-final-examination">{e.total_items} items in '
                f"{e.duration_minutes} minutes</a>; {esc(_clause(e.format)[:1].lower() + _clause(e.format)[1:])}",
            )
        )
        items.append(
            _item(
                "Pass mark",
                f"{esc(number(e.pass_mark_percent))} per cent (at least {pass_items} of {e.total_items} items)",
            )
        )
    status = prog.status
    # The award's status in full is the page's status statement, just below the list.
    items.append(
        _item(
            "Status",
            f"{esc(STATUS_WORDS.get(status, status.capitalize()))}. "
            f'<a href="{about}#{STATUS_ANCHOR}">What the award is</a>',
        )
    )
    return '<dl class="cpscp-glance">\n' + "\n".join(items) + "\n</dl>"


def edition_note(model: Curriculum, ctx: Ctx) -> str:
    """'Version 1.0.0 (draft), last reviewed 1 December 2026.' for a page's text."""
    ed = _edition(model)
    if not ed.version:
        return ""
    text = f"Version {inline(ed.version)}" + (f" ({inline(ed.status)})" if ed.status else "")
    if ed.reviewed:
        text += f", last reviewed {long_date(ed.reviewed)}"
    return text + "."


def print_cover(model: Curriculum, ctx: Ctx) -> str:
    """The cover of the printable edition (docs/print_page.md): the programme, its edition, who
    publishes it, the web address and the attribution notice. Raw HTML, every value escaped."""
    from ..site import site_of
    from .identity import identity

    who = identity(model)
    if not who:
        return ""
    ed = _edition(model)
    title = esc(who["title"]) + (f" ({esc(who['short_code'])})" if who["short_code"] else "")
    lines = [f"<h1>{title}</h1>", f"<p>{esc(who['summary'])}</p>"]
    if ed.version:
        stamp = f"<strong>Version {esc(ed.version)}</strong>" + (f" · status: {esc(ed.status)}" if ed.status else "")
        if ed.reviewed:
            stamp += f' · last reviewed <time datetime="{esc(ed.reviewed)}">{esc(long_date(ed.reviewed))}</time>'
        lines.append(f'<p class="cpscp-cover-edition">{stamp}</p>')
    if who["provider"]:
        lines.append(f"<p>Published by {esc(who['provider'])}.</p>")
    address = esc(site_of(model).base)
    lines.append(
        f'<p>Printable edition of <a href="{address}">{address}</a>. The web edition is the current one: '
        "check it before relying on a printed copy.</p>"
    )
    if who["attribution"]:
        lines.append(f'<p class="cpscp-attribution">{esc(who["attribution"])}</p>')
    return '<section id="print-site-cover-page">\n' + "\n".join(lines) + "\n</section>"
