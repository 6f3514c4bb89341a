"""Links written in the pages: each must reach a built page (and an anchor on it).

This is what `mkdocs build --strict` would reject, said earlier and with the fix: a link to
a page that does not exist or that the site leaves out (such as the page of a module taken
out of programme.yml `modules:`), a link to a missing anchor, an absolute link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote

from ..diagnostics import ERROR, Diagnostic, declare, error
from ..model import Curriculum
from ..render.exam import STRAYS, answers_anchor, questions_anchor
from ..render.glossary import LETTERS, OTHER, all_terms, letter_anchor
from ..render.links import slug
from ..render.lookup import competency_anchor, task_anchor
from ..render.refs import anchor as reference_anchor
from ..site import AWARD_RULES_ANCHOR, STATUS_ANCHOR
from ._common import loaded, suggest

CODES = declare(
    __name__,
    (
        "broken-link",
        ERROR,
        "A link in a page leads to a page that does not exist (or out of docs/).",
        "Correct the file name; links are relative to the page's folder.",
    ),
    (
        "broken-anchor",
        ERROR,
        "A link points at an anchor (#...) that is not a heading or id on its page.",
        "Use the id of a heading on that page, as the message suggests.",
    ),
    (
        "absolute-link",
        ERROR,
        "A link starts with '/', which breaks when the site is published under a folder.",
        "Write it relative to the page.",
    ),
    (
        "link-to-left-out-page",
        ERROR,
        "A link leads to a page the site leaves out (such as a dropped module's).",
        "Remove the link or reword the sentence, or put the module back in programme.yml modules:.",
    ),
)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def generated_anchors(model: Curriculum) -> frozenset[str]:
    """Every anchor the render functions can write onto a page (they are tested to write them)."""
    found = {STATUS_ANCHOR, AWARD_RULES_ANCHOR, questions_anchor(STRAYS), answers_anchor(STRAYS)}
    for m in model.modules:
        found.update(o.anchor for o in m.outcomes)
        found.update(c.anchor for c in m.criteria)
        found.update(task_anchor(t) for t in m.assessment)
    for d in model.domains:
        found.add(competency_anchor(d.id))
        found.update(competency_anchor(c.id) for c in d.competencies)
    for x in model.exam.domains if model.exam else ():
        found.update((slug(x.id), questions_anchor(slug(x.id)), answers_anchor(slug(x.id))))
    found.update(slug(q.id) for q in model.questions)
    found.update(slug(t.id) for t in all_terms(model))  # the programme's own entry too
    found.update(letter_anchor(letter) for letter in (*LETTERS, OTHER))
    found.update(reference_anchor(r.id) for r in model.references)
    return frozenset(found)


def check_page_links(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "pages"):
        return
    built = model.outlines
    excluded = set(model.excluded_pages)
    module_of = {m.page: m for m in model.unlisted if model.module(m.id) is None}
    excluded |= set(module_of)  # left out of the programme: excluded now, or soon (another check says so)
    generated: frozenset[str] | None = None
    calling = {p.path for p in model.pages if p.calls}  # pages where a macro may write the anchor
    for path, page in built.items():
        if path in module_of:
            continue  # the page of a module left out is not built
        here = posixpath.dirname(path)
        for link in page.links:
            target = link.target
            if _SCHEME.match(target):
                continue  # another site, mail, or a scheme MkDocs leaves alone
            where, _, fragment = target.partition("#")
            where = unquote(where.split("?")[0])
            if where.startswith("/"):
                yield error(
                    link.loc,
                    "absolute-link",
                    f"the link '{target}' starts with '/', so it would not work "
                    "when the site is published under a folder",
                    "write it relative to this page, e.g. "
                    f"'{posixpath.relpath(where.lstrip('/') or '.', here or '.')}'",
                )
                continue
            dest = posixpath.normpath(posixpath.join(here, where)) if where else path
            if dest.startswith("../") or dest == "..":
                yield error(
                    link.loc,
                    "broken-link",
                    f"the link '{target}' leads out of the docs folder",
                    "link to a page inside docs/, or give the full address (https://...)",
                )
                continue
            if not dest.endswith(".md"):
                continue  # a file (image, download) or a folder: MkDocs copies files as they are
            if dest in excluded:
                m = module_of.get(dest)
                why = (
                    f"the page of module {m.id}, which programme.yml modules: leaves out"
                    if m
                    else f"a page that exclude_docs in {model.layout.file} leaves out of the site"
                )
                yield error(
                    link.loc,
                    "link-to-left-out-page",
                    f"the link '{target}' leads to docs/{dest}, {why}",
                    "remove the link or reword the sentence" + (f" (or put {m.id} back in modules:)" if m else ""),
                )
                continue
            outline = built.get(dest)
            if outline is None:
                near = suggest(posixpath.relpath(dest, here or "."), [posixpath.relpath(p, here or ".") for p in built])
                yield error(
                    link.loc,
                    "broken-link",
                    f"the link '{target}' leads to docs/{dest}, which does not exist",
                    near + "correct the file name (links are relative to this page's folder)",
                )
                continue
            if fragment and fragment not in outline.anchors and dest in calling:
                if generated is None:
                    generated = generated_anchors(model)
                if fragment in generated:
                    continue
            if fragment and fragment not in outline.anchors:
                shown = sorted(h.anchor for h in outline.headings if h.anchor)
                yield error(
                    link.loc,
                    "broken-anchor",
                    f"the link '{target}' points at '#{fragment}', which is not a heading or id on docs/{dest}",
                    suggest(fragment, shown) + "use the id of a heading on that page: its text in "
                    "lower case, with hyphens for spaces and no punctuation",
                )
