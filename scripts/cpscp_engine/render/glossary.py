"""The glossary (terms A–Z, anchor = term id) and inline term links."""

from __future__ import annotations

import re

from ..model import Curriculum, Term
from .errors import Unavailable, UnknownId
from .links import Ctx, slug
from .refs import cite_list
from .text import attr, inline, missing_block

TERM_HINT = "term ids are listed in curriculum/glossary.yml"
_LOWER_WORD = re.compile(r"^[A-Z][a-z'’-]*$")


def programme_term(model: Curriculum) -> Term | None:
    """The glossary entry for the programme itself, written from programme.yml so a rebrand renames it."""
    p = model.programme
    if p is None or model.term(str(p.id)) is not None:
        return None
    provider = p.provider.name.strip()
    # Written for an employer reading a CV: what a holder has done (the award rules, as the
    # data states them), where to see what they can do, and what the certificate is.
    clauses = [" ".join(str(r).split()).rstrip(".") for r in p.award_rules]
    clauses = [c[:1].lower() + c[1:] for c in clauses if c]
    rules = "; ".join(clauses[:-1]) + ("; and " if len(clauses) > 1 else "") + (clauses[-1] if clauses else "")
    definition = (
        "The award of the programme this handbook describes"
        + (f", published by {provider}" if provider else "")
        + "."
        + (f" To hold it a person must {rules}." if rules else "")
        + " The competency framework lists what a holder can do. "
        + " ".join(str(p.award_status).split())
    )
    see_also = tuple((tid, p.loc) for tid in ("competency", "learning-outcome") if model.term(tid) is not None)
    return Term(str(p.id), f"{p.short_code} ({p.title})", definition, p.field_loc("title"), see_also)


def all_terms(model: Curriculum) -> list[Term]:
    extra = programme_term(model)
    return model.terms + ([extra] if extra else [])


def _get_term(model: Curriculum, term_id: str) -> Term:
    extra = programme_term(model)
    t = extra if extra is not None and extra.id == str(term_id) else model.term(str(term_id))
    if t is None:
        if "glossary" not in model.loaded:
            raise Unavailable("curriculum/glossary.yml", inline(term_id).replace("-", " "))
        raise UnknownId("glossary term", str(term_id), TERM_HINT)
    return t


def running_text(term: str) -> str:
    """The term as written mid-sentence: 'Primary desistance' -> 'primary desistance'.

    Only an initial capital that is there because the glossary entry starts a line is
    lowered; names ('Approved Premises'), acronyms ('OASys', 'DBS check') keep their case.
    """
    words = term.split()
    if not words or not _LOWER_WORD.match(words[0]):
        return term
    for w in words[1:]:
        bare = w.strip("()[],;:")
        if bare[:1].isupper() and not bare.isupper():
            return term  # a proper name: leave it alone
    return term[0].lower() + term[1:]


def term(model: Curriculum, ctx: Ctx, term_id: str, text: str | None = None) -> str:
    """The term, linked to its glossary entry. `text` replaces the words shown."""
    t = _get_term(model, term_id)
    shown = inline(text) if text is not None else inline(running_text(t.term))
    # The title becomes the link's tooltip (Material's content.tooltips): shown on hover and on
    # keyboard focus, and tied to the link with aria-describedby, so the definition is one
    # step away for everyone, not only mouse users.
    return f'[{shown}]({ctx.md(ctx.pages.glossary, slug(t.id))} "{attr(first_sentence(t.definition))}")'


def first_sentence(text: str) -> str:
    """The definition's first sentence: a tooltip, not the whole entry."""
    flat = " ".join(str(text).split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


OTHER = "#"  # the heading of terms that do not start with a letter A-Z
LETTERS = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1))


def _letter(t: Term) -> str:
    first = t.term.strip()[:1].upper()
    return first if first in LETTERS else OTHER


def letter_anchor(letter: str) -> str:
    """The anchor of a letter's heading: glossary-a ... glossary-z, and glossary-other."""
    return "glossary-" + ("other" if letter == OTHER else letter.lower())


def glossary(model: Curriculum, ctx: Ctx, level: int = 2) -> str:
    """Terms A–Z under letter headings, each with its definition, see-also links and sources."""
    if not model.terms and "glossary" not in model.loaded:
        raise Unavailable("curriculum/glossary.yml", missing_block("glossary"))
    hashes = "#" * max(1, min(6, int(level)))
    ordered = sorted(all_terms(model), key=lambda t: (t.term.casefold(), t.id))
    letters: list[tuple[str, list[Term]]] = []  # (heading letter, its terms), A to Z
    for t in ordered:
        if not letters or letters[-1][0] != _letter(t):
            letters.append((_letter(t), []))
        letters[-1][1].append(t)
    blocks = []
    for letter, terms in letters:
        blocks.append(f"{hashes} {letter} {{ #{letter_anchor(letter)} }}")
        entries = []
        for t in terms:
            # Bold, and a link to itself so a reader can copy the entry's address.
            lines = [f"[**{inline(t.term)}**](#{slug(t.id)}) {{ #{slug(t.id)} }}", f":   {inline(t.definition)}"]
            if t.see_also:
                links = []
                for sid, _ in t.see_also:
                    other = model.term(sid)
                    links.append(
                        f"[{inline(other.term)}]({ctx.md(ctx.pages.glossary, slug(other.id))})"
                        if other
                        else inline(sid)
                    )
                lines += ["", f"    *See also:* {', '.join(links)}."]
            if t.references:
                lines += ["", f"    *Sources:* {cite_list(model, ctx, [k for k, _ in t.references])}."]
            entries.append("\n".join(lines))
        blocks.append("\n\n".join(entries))
    return "\n\n".join(blocks)
