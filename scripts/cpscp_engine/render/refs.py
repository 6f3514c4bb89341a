"""References: short author forms, citation labels, full entries, cite() and the lists."""
from __future__ import annotations

import re

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
    """Year as cited, with a, b ... where one author has several works in a year (Harvard style)."""
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
        body += f" Available at: [{inline(ref.url)}]({url(ref.url)}) (accessed {long_date(ref.accessed)})."
    else:
        body += f" (Entry checked {long_date(ref.accessed)}.)"
    return body


def author_year(ref: Reference, labels: dict[str, str]) -> str:
    return f"{inline(ref.author)} ({labels.get(ref.id, ref.year)})"


def references(model: Curriculum, ctx: Ctx) -> str:
    """Every reference, sorted by author and year, each with the anchor ref-<key>."""
    if not model.references and "references" not in model.loaded:
        raise Unavailable("curriculum/references.yml", missing_block("references"))
    labels = year_labels(model)
    blocks = []
    for ref in sorted(model.references, key=sort_key):
        blocks.append(f"{author_year(ref, labels)} {entry(ref)}\n"
                      f"{{ #{anchor(ref.id)} .cpscp-ref }}")
    return "\n\n".join(blocks)


def further_reading(model: Curriculum, ctx: Ctx, module_id: str) -> str:
    module = get_module(model, module_id)
    labels = year_labels(model)
    items = []
    for key, _ in module.references:
        ref = model.reference(key)
        if ref is None:  # a data error: the validator reports it
            items.append(f"- {inline(key)}")
            continue
        link = ctx.md(ctx.pages.references, anchor(ref.id))
        items.append(f"- [{author_year(ref, labels)}]({link}) {entry(ref)}")
    return "\n".join(items) if items else "*No further reading is listed for this module.*"

