"""Cross-references by key: sources, glossary terms, competencies on pages, retired items."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, Loc, declare, error, warning
from ..model import Competency, Criterion, Curriculum, Outcome
from ..render.registry import COMPETENCY, REFERENCE, TERM, macro_taking
from ._common import loaded, page_calls, suggest

# The macros whose ids these checks look up, named in their messages as the registry declares them.
CITE, TERM_MACRO, COMPETENCY_MACRO = macro_taking(REFERENCE), macro_taking(TERM), macro_taking(COMPETENCY)

CODES = declare(
    __name__,
    (
        "essential-reading-not-listed",
        ERROR,
        "A module names essential reading that is not among its references.",
        "Add the key to the module's references too, or choose one of the keys listed there.",
    ),
    (
        "unknown-reference",
        ERROR,
        "A source is cited by a key that curriculum/references.yml does not have.",
        "Add the source to references.yml first, or use an existing key.",
    ),
    ("unused-reference", WARNING, "A reference is cited nowhere.", "Cite it where it is used, or remove it."),
    (
        "unknown-see-also",
        ERROR,
        "A glossary term's see_also names a term that does not exist.",
        "Use the id of another glossary term.",
    ),
    ("see-also-itself", ERROR, "A glossary term lists itself under see_also.", "Remove it from its own see_also."),
    (
        "unknown-term",
        ERROR,
        f"{TERM_MACRO.name}() on a page names a term the glossary does not have.",
        "Add the term to curriculum/glossary.yml, or use an existing id.",
    ),
    (
        "unknown-competency",
        ERROR,
        f"{COMPETENCY_MACRO.name}() on a page names a competency the framework does not have.",
        "Use an id from curriculum/competencies.yml.",
    ),
    (
        "replaced-but-not-retired",
        WARNING,
        "An entry names a replacement (replaced_by) but is not retired.",
        "Add retired: true, or remove replaced_by.",
    ),
    (
        "unknown-replacement",
        ERROR,
        "A retired entry is replaced by something that does not exist.",
        "Name an existing entry in replaced_by.",
    ),
    (
        "replacement-retired",
        ERROR,
        "A retired entry is replaced by an entry that is itself retired.",
        "Name the entry that replaces both.",
    ),
)


def _reference_uses(model: Curriculum) -> Iterable[tuple[str, Loc, str]]:
    """(key, where, who) for every use of a reference key in the data and on the pages."""
    for m in model.modules:
        for key, loc in m.references:
            yield key, loc, f"module {m.id}"
    if model.programme is not None:
        for key, loc in model.programme.references:
            yield key, loc, "the programme"
    for q in model.questions:
        for key, loc in q.references:
            yield key, loc, f"question {q.id}"
    for t in model.terms:
        for key, loc in t.references:
            yield key, loc, f"glossary term '{t.id}'"
    for d in model.deliveries:
        for item in (*d.activities, *d.reflection_questions):
            for key, loc in item.references:
                yield key, loc, f"{item.id} in {d.file}"
    for page in model.pages:
        for c in page.citations:
            if c.kind == REFERENCE.name:
                yield c.key, c.loc, f"a {CITE.name}() on {page.path}"


def check_reference_keys(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "references"):
        return
    keys = [r.id for r in model.references]
    for key, loc, who in _reference_uses(model):
        if model.reference(key) is None:
            yield error(
                loc,
                "unknown-reference",
                f"{who} cites '{key}', which is not in curriculum/references.yml",
                suggest(key, keys) + "add the source to curriculum/references.yml first, or use an existing key",
            )


def check_essential_reading(model: Curriculum) -> Iterable[Diagnostic]:
    """Essential reading is a choice among the module's own references, not a second list."""
    for m in model.modules:
        listed = {key for key, _ in m.references}
        for key, loc in m.essential_reading:
            if key not in listed:
                yield error(
                    loc,
                    "essential-reading-not-listed",
                    f"module {m.id} names '{key}' as essential reading, but it is not in the module's 'references'",
                    "add the key to 'references' too, or choose one of the keys listed there",
                )


def check_unused_references(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "references", "modules", "programme", "assessment", "glossary", "pages"):
        return
    used = {key for key, _, _ in _reference_uses(model)}
    for r in model.references:
        if r.id not in used:
            yield warning(
                r.loc,
                "unused-reference",
                f"the reference '{r.id}' is not cited anywhere",
                f"cite it where it supports a statement ({CITE.call(r.id)} on a page, or a "
                "'references' list), or remove it",
            )


def check_glossary_links(model: Curriculum) -> Iterable[Diagnostic]:
    ids = [t.id for t in model.terms]
    for t in model.terms:
        for other, loc in t.see_also:
            if model.term(other) is None:
                yield error(
                    loc,
                    "unknown-see-also",
                    f"glossary term '{t.id}' refers to '{other}', which is not a term",
                    suggest(other, ids) + "use the id of another term in curriculum/glossary.yml",
                )
            elif other == t.id:
                yield error(
                    loc,
                    "see-also-itself",
                    f"glossary term '{t.id}' lists itself under see_also",
                    "remove it from its own see_also",
                )


def check_page_terms(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "glossary"):
        return
    ids = [t.id for t in model.terms]
    for page, c in page_calls(model, TERM.name):
        if model.term(c.key) is None:
            yield error(
                c.loc,
                "unknown-term",
                f'{TERM_MACRO.name}("{c.key}") on {page.path} is not in the glossary',
                suggest(c.key, ids) + "add the term to curriculum/glossary.yml, or use an existing id",
            )


def check_page_competencies(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "competencies"):
        return
    ids = [c.id for c in model.competencies]
    for page, c in page_calls(model, COMPETENCY.name):
        if model.competency(c.key) is None:
            yield error(
                c.loc,
                "unknown-competency",
                f'{COMPETENCY_MACRO.name}("{c.key}") on {page.path} is not in the competency framework',
                suggest(c.key, ids) + "use an id from curriculum/competencies.yml (C1 ...)",
            )


def check_replacements(model: Curriculum) -> Iterable[Diagnostic]:
    """A retired item's replaced_by must name a live item of the same kind."""
    if loaded(model, "competencies"):
        for c in model.competencies:
            yield from _replacement(
                c.retired,
                c.replaced_by,
                c.loc,
                f"competency {c.id}",
                model.competency(c.replaced_by) if c.replaced_by else None,
                "competency id (C...)",
            )
    for m in model.modules:
        for o in m.outcomes:
            target: Outcome | Criterion | None = None
            if o.replaced_by:
                gid = o.replaced_by if "-LO" in o.replaced_by else f"{m.id}-LO{o.replaced_by}"
                target = model.outcome(gid)
            yield from _replacement(
                o.retired,
                o.replaced_by,
                o.loc,
                f"outcome {o.global_id}",
                target,
                "outcome number in this module (3) or a global id (M04-LO3)",
            )
            for crit in o.criteria:
                target = None
                if crit.replaced_by:
                    mid, _, cid = crit.replaced_by.rpartition("-AC")
                    owner = model.module(mid) if mid else m
                    target = next((x for x in owner.criteria if x.id == cid), None) if owner else None
                yield from _replacement(
                    crit.retired,
                    crit.replaced_by,
                    crit.loc,
                    f"criterion {crit.global_id}",
                    target,
                    "criterion number in this module (2.3) or a global id (M04-AC2.3)",
                )


def _replacement(
    retired: bool, replaced_by: str, loc: Loc, what: str, target: Competency | Outcome | Criterion | None, form: str
) -> Iterable[Diagnostic]:
    if not replaced_by:
        return
    if not retired:
        yield warning(
            loc,
            "replaced-but-not-retired",
            f"{what} has replaced_by but is not retired",
            "add 'retired: true', or remove replaced_by",
        )
    if target is None:
        yield error(
            loc,
            "unknown-replacement",
            f"{what} is replaced by '{replaced_by}', which does not exist",
            f"replaced_by must name an existing {form}",
        )
    elif target.retired:
        yield error(
            loc,
            "replacement-retired",
            f"{what} is replaced by '{replaced_by}', which is itself retired",
            "point replaced_by at the live item that took its place",
        )
