"""Turning curriculum values into safe Markdown.

Every value from YAML goes through `inline` (or `cell` inside a table) before it reaches a
page: HTML is escaped so it shows as text, inline Markdown (emphasis, links) still works,
and line breaks are folded so a value cannot start a new Markdown block.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from urllib.parse import quote

from markupsafe import escape

IRM = {"I": "Introduced", "R": "Reinforced", "M": "Mastered"}
TASK_TYPES = {
    "written-assignment": "Written assignment", "case-study": "Case study",
    "reflective-account": "Reflective account", "observed-practice": "Observed practice",
    "role-play": "Role-play", "presentation": "Presentation", "project": "Project", "quiz": "Quiz",
    "portfolio": "Portfolio", "logbook": "Logbook", "professional-discussion": "Professional discussion",
}


def esc(value) -> str:
    """HTML-escape a value (markupsafe), as plain str."""
    return str(escape(str(value)))


# A Markdown link to a script URL is raw HTML by another name: show it as text instead.
_SCRIPT_LINK = re.compile(r"\]\(\s*(?=(?:javascript|vbscript|data)\s*:)", re.I)


def inline(value) -> str:
    """An escaped value on one line, safe anywhere inline Markdown is allowed."""
    return _SCRIPT_LINK.sub("]\\(", " ".join(esc(value).split()))


def cell(value) -> str:
    """An escaped value for a Markdown table cell: pipes would end the cell."""
    return inline(value).replace("|", "\\|")


def attr(value) -> str:
    """A value for an HTML attribute or a double-quoted Markdown title."""
    return inline(value)


def url(value: str) -> str:
    """A URL safe inside Markdown link parentheses and HTML attributes."""
    # parentheses and spaces would end a Markdown link; quotes and angle brackets an attribute
    return esc(quote(str(value).strip(), safe=":/?#[]@!$&'*+,;=%~-._"))


def humanise(value: str) -> str:
    return TASK_TYPES.get(value, str(value).replace("-", " ").capitalize())


def number(value) -> str:
    """20.0 -> '20', 22.5 -> '22.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def long_date(iso: str) -> str:
    """'2026-11-28' -> '28 November 2026' (left as written if it is not a date)."""
    try:
        d = _dt.date.fromisoformat(str(iso))
    except ValueError:
        return inline(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def about_weeks(hours: float, weekly_hours: float) -> str:
    """Study time in weeks, to the nearest half week: 'about 1.5 weeks'."""
    if not weekly_hours:
        return ""
    weeks = max(0.5, math.floor(hours / weekly_hours * 2 + 0.5) / 2)
    shown = number(float(weeks))
    return f"about {shown} week" + ("" if weeks == 1 else "s")


def ends_sentence(text: str) -> str:
    """Add a full stop unless the text already ends with sentence punctuation."""
    return text if text.rstrip().endswith((".", "?", "!")) else text + "."


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; cells must already be escaped with `cell`."""
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(c if c else " " for c in row) + " |" for row in rows]
    return "\n".join(lines)


def scroll_region(label: str, body: str) -> str:
    """Block Markdown (a table too wide to reflow on a phone) in a region that scrolls sideways.

    The region takes keyboard focus and has a name, so a keyboard user can scroll it and a
    screen reader announces it (WCAG 1.4.10 exempts data tables from reflow, 2.1.1 still
    applies); Material's own wrapper around tables is neither focusable nor named.
    """
    return (f'<div class="cpscp-table-scroll" role="region" tabindex="0" aria-label="{attr(label)}" markdown="1">'
            f"\n\n{body}\n\n</div>")


def missing_block(what: str) -> str:
    """What a block macro shows when the curriculum file it needs could not be loaded."""
    return (f'!!! warning "Not shown"\n    The {what} could not be loaded from the curriculum files, '
            f"so this part of the page is missing. Run `make validate` to see why.")
