"""The content policy of programme.yml (`content_policy:`): house rules a provider may change.

Each rule does nothing when its setting is absent, so a fork keeps, changes or drops them in
the data; none is written into a test.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, Loc, declare, error, warning
from ..model import Curriculum
from ..render.programme import status_statement
from ..render.registry import MACROS
from ._common import loaded

# The macro that shows the award's status, as the registry declares it (its name and a call).
STATUS = next(m for m in MACROS.values() if m.render is status_statement)

CODES = declare(
    __name__,
    (
        "page-too-short",
        WARNING,
        "A module page has fewer words of prose than content_policy.module_page_min_words.",
        "Write more, or change the policy in programme.yml.",
    ),
    (
        "page-heading",
        WARNING,
        "A module page lacks a section content_policy.module_page_headings asks for, in order.",
        "Add the heading where the message says, or change the policy.",
    ),
    (
        "status-statement-missing",
        ERROR,
        f"A page that describes the award does not show {STATUS.name}().",
        f"Add {STATUS.usage()} near the top.",
    ),
    (
        "policy-page-missing",
        ERROR,
        "content_policy.status_statement_pages lists a page the site does not have.",
        "Correct the path (relative to docs/) or take it out.",
    ),
    (
        "accreditation-claim",
        ERROR,
        "A page says the award is accredited or regulated.",
        "Reword it: the award is an open curriculum, not a regulated or accredited qualification.",
    ),
)


def check_module_page_words(model: Curriculum) -> Iterable[Diagnostic]:
    if model.programme is None or not loaded(model, "pages"):
        return
    least = model.programme.content_policy.module_page_min_words
    if not least:
        return
    pages = {p.path: p for p in model.pages}
    for m in model.modules:
        page = pages.get(m.page)
        if page is not None and page.words < least:
            yield warning(
                page.loc,
                "page-too-short",
                f"docs/{m.page} has {page.words} words of prose; content_policy in programme.yml asks "
                f"for at least {least} on a module page",
                f"write about {least - page.words} more words (tables that macros generate do not count), "
                "or change content_policy.module_page_min_words",
            )


def check_module_page_headings(model: Curriculum) -> Iterable[Diagnostic]:
    """The headings every module page has, in the policy's order (others may come between)."""
    if model.programme is None or not loaded(model, "pages"):
        return
    wanted = model.programme.content_policy.module_page_headings
    if not wanted:
        return
    for m in model.modules:
        outline = model.outlines.get(m.page)
        if outline is None:
            continue
        found = [h for h in outline.headings if h.level == 2]
        pos, last = 0, Loc(outline.file, 1, 1)
        for name in wanted:
            at = next((i for i in range(pos, len(found)) if found[i].text.strip().lower() == name.lower()), None)
            if at is None:
                elsewhere = any(h.text.strip().lower() == name.lower() for h in found)
                yield warning(
                    last,
                    "page-heading",
                    f"docs/{m.page} has no '## {name}' heading"
                    + (" in the expected place" if elsewhere else "")
                    + " (content_policy.module_page_headings in programme.yml)",
                    f"add '## {name}' after this line"
                    + (", moving the one further up" if elsewhere else "")
                    + "; module pages keep these sections in this order: "
                    + ", ".join(wanted),
                )
                continue
            pos, last = at + 1, found[at].loc


def check_status_statement_pages(model: Curriculum) -> Iterable[Diagnostic]:
    if model.programme is None or not loaded(model, "pages"):
        return
    policy = model.programme.content_policy
    pages = {p.path: p for p in model.pages}
    for path in policy.status_statement_pages:
        page = pages.get(path)
        if page is None:
            loc = policy.field_locs.get("status_statement_pages", model.programme.field_loc("content_policy"))
            yield error(
                loc,
                "policy-page-missing",
                f"content_policy.status_statement_pages lists {path}, but docs/{path} is not a page of the site",
                "correct the path (relative to docs/) or take it out of the list",
            )
        elif not any(call.name == STATUS.name for call in page.calls):
            yield error(
                Loc(page.loc.file, 1, 1),
                "status-statement-missing",
                f"docs/{path} describes the award but does not show its status",
                f"add {STATUS.usage()} near the top (content_policy.status_statement_pages in "
                "programme.yml lists the pages that need it)",
            )


def check_accreditation_claims(model: Curriculum) -> Iterable[Diagnostic]:
    """The handbook never claims accreditation or regulation it does not have."""
    for outline in model.outlines.values():
        for line, loc in outline.claims:
            yield error(
                loc,
                "accreditation-claim",
                f"this line says the award is accredited or regulated: '{line[:100]}'",
                "the award is an open curriculum, not a regulated or accredited "
                "qualification: reword it (or say 'not', or 'unless a provider arranges it')",
            )


def check_page_conflicts(model: Curriculum) -> Iterable[Diagnostic]:
    for outline in model.outlines.values():
        if outline.conflict:
            yield outline.conflict
