"""Turning curriculum values into safe Markdown.

Every value from YAML goes through `inline` (or `cell` inside a table) before it reaches a
page: HTML is escaped so it shows as text, inline Markdown (emphasis, links) still works,
and line breaks are folded so a value cannot start a new Markdown block.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import escape

from ..vocab import MAP_WORDS, TASK_TYPE_WORDS

# The words readers see for the map letters and task types (declared in cpscp_engine.vocab).
IRM = MAP_WORDS
TASK_TYPES = TASK_TYPE_WORDS


def esc(value) -> str:
    """HTML-escape a value (markupsafe), as plain str."""
    return str(escape(str(value)))


# The only inline Markdown a curriculum value may use. Everything else is shown exactly as
# typed: HTML is escaped and every character Markdown (or one of the extensions in mkdocs.yml:
# attr_list's `{: ...}`, footnotes, abbreviations, admonitions, details) could read as syntax is
# backslash-escaped, so no attribute, id, class, raw HTML, image or block can come from data.
_ALLOWED = re.compile(
    r"`(?P<code>[^`\n]+)`"
    r"|(?<![\w*])\*\*(?P<strong>[^*\s](?:[^*\n]*?[^*\s])?)\*\*(?![\w*])"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*])"
    r"|\[(?P<label>[^\[\]\n]+)\]\((?P<href>(?:https?://[A-Za-z0-9]|mailto:[A-Za-z0-9])[!#$%&*+,./:;=?@\w~-]*)\)",
    re.ASCII,
)
# What makes inline syntax anywhere in a line: code, emphasis, attribute lists, links, images,
# footnotes and references (all need a bracket), table cells. Backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|!])")
# What opens a block only at the start of a line (`- list`, `# heading`, `??? note`,
# `: definition`, `===`, `~~~`, `1. list`): a leading one becomes a character reference
# (not every one of them can be backslash-escaped).
_LEADING = re.compile(r"^(?:[#+\-.:;=?~%$^,/@()'\"]|\d+[.)](?=\s|$))", re.ASCII)


def _text(value: str) -> str:
    """Plain text shown as typed: HTML-escaped, Markdown syntax escaped."""
    return esc(_MARKDOWN_SPECIAL.sub(r"\\\1", value))


def _code(value: str) -> str:
    # Character references keep the code inert in Markdown and in raw HTML alike.
    return "<code>" + "".join(f"&#{ord(ch)};" if not ch.isalnum() and ch != " " else ch for ch in value) + "</code>"


def _markdown(value: str, links: bool = True) -> str:
    out, pos = [], 0
    for m in _ALLOWED.finditer(value):
        if m["href"] is not None and not links:
            continue
        out.append(_text(value[pos : m.start()]))
        if m["code"] is not None:
            out.append(_code(m["code"]))
        elif m["strong"] is not None:
            out.append(f"**{_markdown(m['strong'], links)}**")
        elif m["em"] is not None:
            out.append(f"*{_markdown(m['em'], links)}*")
        else:
            out.append(f"[{_markdown(m['label'], links=False)}]({url(m['href'])})")
        pos = m.end()
    out.append(_text(value[pos:]))
    return "".join(out)


def inline(value) -> str:
    """A value as inline Markdown on one line, safe anywhere inline Markdown is allowed.

    Allowed: *emphasis*, **strong**, `code` and [links](https://...) to http(s) or mailto
    addresses. Anything else, including look-alikes of those, is text.
    """
    return _inline(str(value))


# The same values come back on page after page (a publisher on every citation, an outcome's
# level in every table that lists it): the handbook asks for 7,300 and has 2,400 different ones.
@lru_cache(maxsize=16384)
def _inline(value: str) -> str:
    text = " ".join(value.split())
    lead = _LEADING.match(text)
    if lead:
        first = lead.group()
        first = first[:-1] + "\\" + first[-1] if first[0].isdigit() else f"&#{ord(first)};"
        return first + _markdown(text[lead.end() :])
    return _markdown(text)


def cell(value) -> str:
    """A value for a Markdown table cell (inline already escapes the pipe that would end it)."""
    return inline(value)


def attr(value) -> str:
    """A value for an HTML attribute or a double-quoted title: plain text, no Markdown."""
    return esc(" ".join(str(value).split()))


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
    return (
        f'<div class="cpscp-table-scroll" role="region" tabindex="0" aria-label="{attr(label)}" markdown="1">'
        f"\n\n{body}\n\n</div>"
    )


def missing_block(what: str) -> str:
    """What a block macro shows when the curriculum file it needs could not be loaded."""
    return (
        f'!!! warning "Not shown"\n    The {what} could not be loaded from the curriculum files, '
        f"so this part of the page is missing. Run `make validate` to see why."
    )
