"""References: short author forms, citation labels, full entries, cite() and the lists."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Curriculum, Reference
from .errors import Unavailable, UnknownId
from .links import Ctx
from .lookup import get_module
from .text import ends_sentence, inline, long_date, missing_block, url

_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.[\s-]*)+$")
_EDITORS = re.compile(r"\s*\((?:eds?\.?)\)\s*$", re.I)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*$")
REF_HINT = "keys are listed in curriculum/references.yml"


def _people(author: str) -> list[str] | None:
    """Surnames, if the author field is a list of 'Surname, I.' names; None for an organisation."""
    tokens = [t.strip() for t in author.replace(" and ", ", ").split(", ")]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2 or len(tokens) % 2:
        return None
    names, initials = tokens[0::2], tokens[1::2]
    if all(_INITIALS.match(i) for i in initials) and not any(_INITIALS.match(n) for n in names):
        return names
    return None


@lru_cache(maxsize=4096)  # pure, and called for every citation on every page
def short_author(author: str) -> str:
    """The author as cited in the text: 'Bonta, J. and Andrews, D. A.' -> 'Bonta and Andrews'.

    Three or more people become 'First et al.'; an organisation with an acronym in brackets
    is cited by the acronym; otherwise an organisation is cited up to its first comma.
    """
    a = _EDITORS.sub("", author.strip())
    m = _TRAILING_PAREN.search(a)
    if m:
        if _ACRONYM.match(m.group(1).strip()):
            return m.group(1).strip()
        a = a[: m.start()].strip()  # e.g. 'Bachu, A. (House of Lords Library)'
    people = _people(a)
    if people:
        if len(people) == 1:
            return people[0]
        if len(people) == 2:
            return f"{people[0]} and {people[1]}"
        return f"{people[0]} et al."
    return a.split(";")[0].split(",")[0].strip() or author.strip()


def sort_key(ref: Reference) -> tuple:
    return (ref.author.casefold(), ref.year, ref.title.casefold(), ref.id)


def year_labels(model: Curriculum) -> dict[str, str]:
    """Year as cited, with a, b ... where one author has several works in a year (Harvard style).

    Worked out once per model: every citation needs it, and it depends on every reference."""
    return model.derived("year_labels", _year_labels)


def _year_labels(model: Curriculum) -> dict[str, str]:
    groups: dict[tuple[str, int], list[Reference]] = {}
    for ref in model.references:
        groups.setdefault((short_author(ref.author), ref.year), []).append(ref)
    labels = {}
    for (_, year), refs in groups.items():
        if len(refs) == 1:
            labels[refs[0].id] = str(year)
            continue
        for i, ref in enumerate(sorted(refs, key=sort_key)):
            labels[ref.id] = f"{year}{chr(ord('a') + i)}" if i < 26 else f"{year}-{i + 1}"
    return labels


def anchor(key: str) -> str:
    return f"ref-{key}"


def get_reference(model: Curriculum, key: str) -> Reference:
    """The reference with this key; UnknownId, or Unavailable when references.yml did not load."""
    ref = model.reference(key)
    if ref is None:
        if "references" not in model.loaded:
            raise Unavailable("curriculum/references.yml", f"({inline(key)})")
        raise UnknownId("reference key", key, REF_HINT)
    return ref


def label(model: Curriculum, ref: Reference, labels: dict[str, str] | None = None) -> str:
    labels = labels if labels is not None else year_labels(model)
    return f"{inline(short_author(ref.author))}, {labels.get(ref.id, ref.year)}"


def cite(model: Curriculum, ctx: Ctx, key: str, *keys: str) -> str:
    """Inline citation: (Bonta and Andrews, 2007; Maruna, 2001), each linked to its entry."""
    labels = year_labels(model)
    parts = []
    for k in (key, *keys):
        ref = get_reference(model, str(k))
        parts.append(f"[{label(model, ref, labels)}]({ctx.md(ctx.pages.references, anchor(ref.id))})")
    return "(" + "; ".join(parts) + ")"


def cite_list(model: Curriculum, ctx: Ctx, keys) -> str:
    """Citations for data cross-references (glossary, questions): unknown keys stay plain text."""
    known = [k for k in keys if model.reference(k)]
    unknown = [inline(k) for k in keys if not model.reference(k)]
    text = cite(model, ctx, *known)[1:-1] if known else ""
    return "; ".join(p for p in (text, *unknown) if p)


def entry(ref: Reference) -> str:
    """The entry after its author and year, Harvard style: title, publisher, URL and date."""
    title = inline(ref.title)
    if ref.type in ("article", "chapter"):
        body = f"‘{title}’, *{inline(ref.publisher)}*"
    else:
        body = f"*{title}*. {inline(ref.publisher)}"
    body = ends_sentence(body)
    if ref.url:
        # .cpscp-url: the link text is the address, so print does not add it a second time
        body += (
            f" Available at: [{inline(ref.url)}]({url(ref.url)}){{ .cpscp-url }} (accessed {long_date(ref.accessed)})."
        )
    elif unchecked(ref):
        body += f" (Entry recorded {long_date(ref.accessed)}; not checked against a copy of the work.)"
    else:
        body += f" (Entry checked {long_date(ref.accessed)}.)"
    return body


def unchecked(ref: Reference) -> bool:
    """True when the entry's own note says its details were not checked against a copy.

    The note is the one place an author records that; saying "checked" beside it would claim
    more than was done.
    """
    return "not checked" in ref.note.casefold()


def author_year(ref: Reference, labels: dict[str, str]) -> str:
    return f"{inline(ref.author)} ({labels.get(ref.id, ref.year)})"


def references(model: Curriculum, ctx: Ctx) -> str:
    """Every reference, sorted by author and year, each with the anchor ref-<key>."""
    if not model.references and "references" not in model.loaded:
        raise Unavailable("curriculum/references.yml", missing_block("references"))
    labels = year_labels(model)
    blocks = []
    for ref in sorted(model.references, key=sort_key):
        blocks.append(f"{author_year(ref, labels)} {entry(ref)}\n{{ #{anchor(ref.id)} .cpscp-ref }}")
    return "\n\n".join(blocks)


def _reading_item(model: Curriculum, ctx: Ctx, key: str, labels: dict[str, str]) -> str:
    ref = model.reference(key)
    if ref is None:  # a data error: the validator reports it
        return f"- {inline(key)}"
    link = ctx.md(ctx.pages.references, anchor(ref.id))
    return f"- [{author_year(ref, labels)}]({link}) {entry(ref)}"


def further_reading(model: Curriculum, ctx: Ctx, module_id: str, level: int = 3) -> str:
    """The module's essential reading (when chosen), then every reference it relies on.

    With an `essential_reading:` list the few come first under their own heading and the full
    list folds away below them (printed open); without one, the full list as before.
    """
    module = get_module(model, module_id)
    labels = year_labels(model)
    everything = [_reading_item(model, ctx, key, labels) for key, _ in module.references]
    if not everything:
        return "*No further reading is listed for this module.*"
    essential = [_reading_item(model, ctx, key, labels) for key, _ in module.essential_reading]
    if not essential:
        return "\n".join(everything)
    hashes = "#" * max(1, min(6, int(level)))
    full = "\n".join("    " + item for item in everything)
    return (
        f"{hashes} Essential reading {{ #essential-reading }}\n\n" + "\n".join(essential) + "\n\n"
        f'??? info "All {len(everything)} references for this module"\n\n{full}'
    )
