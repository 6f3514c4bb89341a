"""case-1.1.json: the competency framework, modules, outcomes and criteria as a 1EdTech CASE 1.1 CFPackage.

Identifiers are UUIDv5 from the programme URI and each item's own id, so a re-export keeps
them and platforms that imported an earlier version can update in place. Hierarchy is
expressed, as CASE requires, by isChildOf associations; the module competency map becomes
isRelatedTo associations from each outcome to the competencies its module maps.
"""

from __future__ import annotations

from ..model import Curriculum
from ..render.lookup import competency_anchor
from ..site import site_of
from ..vocab import DRAFT, MAP_WORDS
from . import attribution, site_paths, stable_uuid


def export(model: Curriculum, timestamp: str) -> dict:
    p = model.require_programme()
    site = site_of(model)
    package = site.file(site_paths(model)["case"])
    pages = {m.id: site.page(m.page) for m in model.modules}

    def uri(kind: str, item_id: str) -> str:
        # Each item's URI is its place in the published handbook, so it resolves for people too.
        if kind in ("domain", "competency"):
            return site.page(site.pages.competencies, competency_anchor(item_id))
        if kind == "module":
            return pages[item_id]
        return f"{package}#{kind}-{item_id}"

    doc_id = stable_uuid(model, "document", p.id)
    document = {
        "identifier": doc_id,
        "uri": package,
        "frameworkType": "Competencies and learning outcomes",
        "caseVersion": "1.1",
        "creator": p.provider.name,
        "publisher": p.provider.name,
        "title": p.title,
        "description": p.summary,
        "officialSourceURL": p.uri,
        "language": "en",
        "version": p.version,
        "adoptionStatus": "Draft" if p.status == DRAFT else "Adopted",
        "notes": f"{p.award_status} {attribution(model)}".strip(),
        "lastChangeDateTime": timestamp,
    }
    items: list[dict] = []
    associations: list[dict] = []
    node: dict[str, dict] = {}  # our id -> LinkURI of the CASE item

    def add_item(kind: str, item_id: str, code: str, statement: str, item_type: str, at: str = "", **extra) -> None:
        ident = stable_uuid(model, kind, item_id)
        entry = {
            "identifier": ident,
            "fullStatement": statement,
            "humanCodingScheme": code,
            "CFItemType": item_type,
            "uri": at or uri(kind, item_id),
            "language": "en",
            "lastChangeDateTime": timestamp,
            **extra,
        }
        items.append(entry)
        node[item_id] = {"title": statement[:200], "identifier": ident, "uri": entry["uri"]}

    doc_link = {"title": p.title, "identifier": doc_id, "uri": document["uri"]}

    def associate(kind: str, origin: dict, destination: dict, seq: int | None = None, **extra) -> None:
        key = f"{kind}:{origin['identifier']}:{destination['identifier']}"
        entry = {
            "identifier": stable_uuid(model, "association", key),
            "associationType": kind,
            "uri": uri("association", stable_uuid(model, "association", key)),
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": timestamp,
            **extra,
        }
        if seq is not None:
            entry["sequenceNumber"] = seq
        associations.append(entry)

    for i, d in enumerate(model.domains, 1):
        add_item("domain", d.id, d.id, f"{d.title}: {d.description}", "Domain", abbreviatedStatement=d.title)
        associate("isChildOf", node[d.id], doc_link, i)
        for j, c in enumerate(d.competencies, 1):
            add_item("competency", c.id, c.id, c.statement, "Competency", abbreviatedStatement=c.title)
            associate("isChildOf", node[c.id], node[d.id], j)
            if c.retired and c.replaced_by and c.replaced_by in node:
                associate("replacedBy", node[c.id], node[c.replaced_by])

    for m in model.modules:
        add_item(
            "module",
            m.id,
            m.id,
            f"{m.title}. {m.summary}",
            "Module",
            abbreviatedStatement=m.title,
            educationLevel=[f"RQF level {m.level}"],
        )
        associate("isChildOf", node[m.id], doc_link, len(model.domains) + m.number)
        for o in m.outcomes:
            add_item("outcome", o.global_id, o.global_id, o.text, "Learning Outcome", pages[m.id] + "#" + o.anchor)
            associate("isChildOf", node[o.global_id], node[m.id], o.number)
            for crit in o.criteria:
                add_item(
                    "criterion",
                    crit.global_id,
                    crit.global_id,
                    crit.text,
                    "Assessment Criterion",
                    pages[m.id] + "#" + crit.anchor,
                    conceptKeywords=[f"Bloom: {crit.bloom}"],
                )
                associate("isChildOf", node[crit.global_id], node[o.global_id], crit.numbers[1])
            for entry in m.competencies:
                if entry.competency_id in node:
                    associate(
                        "isRelatedTo",
                        node[o.global_id],
                        node[entry.competency_id],
                        notes=f"Through the module competency map: {MAP_WORDS[entry.value].lower()} in {m.id}.",
                    )
        for pre, _ in m.prerequisites:
            if pre in node:
                associate("precedes", node[pre], node[m.id])

    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}
