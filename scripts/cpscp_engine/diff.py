"""Compare two curriculum models at the level of the data and describe the change in Markdown.

Reviewers of a pull request see what it does to the curriculum — outcomes reworded, map
entries moved, hours changed — instead of a text diff of YAML, and a provider sees what
upstream changed since they last merged. Every report also states the programme's identity,
totals and pathway hours before and after, so a reader knows where they stand even when
nothing changed. Pure functions: the caller loads the two models (scripts/curriculum_diff.py
does it from git revisions, from their common ancestor by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Curriculum, Module
from .vocab import PUBLISHED, map_values

MAP_NAMES = {**{v: v for v in map_values()}, "": "—"}  # a blank cell: not mapped


@dataclass
class Change:
    section: str
    text: str
    flagged: bool = False  # a published id removed: must be retired instead


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)

    def add(self, section: str, text: str, flagged: bool = False) -> None:
        self.changes.append(Change(section, text, flagged))

    @property
    def flagged(self) -> list[Change]:
        return [c for c in self.changes if c.flagged]


def _q(text: str) -> str:
    # Keep author text from breaking the Markdown list it sits in.
    return "“" + " ".join(str(text).split()).replace("|", "\\|") + "”"


def _ids(model: Curriculum) -> dict[str, str]:
    """Every published id in a model, with a label saying what it is."""
    found = {}
    for m in model.modules:
        found[m.id] = f"module {m.id}"
        for o in m.outcomes:
            found[o.global_id] = f"outcome {o.global_id}"
            for c in o.criteria:
                found[c.global_id] = f"criterion {c.global_id}"
    for d in model.domains:
        found[d.id] = f"domain {d.id}"
        for comp in d.competencies:
            found[comp.id] = f"competency {comp.id}"
    for q in model.questions:
        found[q.id] = f"practice question {q.id}"
    if model.exam:
        for x in model.exam.domains:
            found[x.id] = f"exam domain {x.id}"
    return found


def _natural(key) -> tuple:
    # C2 before C10, M02 before M10, 1.2 before 1.10
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", str(key)) if part
    )


def _split(before: dict, after: dict, order=_natural) -> tuple[list, list, list]:
    """Keys added, removed and kept between two keyed collections, each in a stable order."""
    return (
        sorted(after.keys() - before.keys(), key=order),
        sorted(before.keys() - after.keys(), key=order),
        sorted(before.keys() & after.keys(), key=order),
    )


def _modules(report: Report, old: Curriculum, new: Curriculum) -> None:
    before = {m.id: m for m in old.modules}
    after = {m.id: m for m in new.modules}
    added, removed, kept = _split(before, after)
    for mid in added:
        m = after[mid]
        report.add(
            "Modules",
            f"Added **{mid}** {_q(m.title)} at position {m.number} (GLH {m.glh}, TQT {m.tqt}, credits {m.credits})",
        )
        # A new module is read in full: its outcomes and criteria are what a provider must teach.
        for o in m.outcomes:
            report.add("Outcomes and criteria", f"Added outcome **{o.global_id}** (new module {mid}): {_q(o.text)}")
            for c in o.criteria:
                report.add("Outcomes and criteria", f"Added criterion **{c.global_id}** ({c.bloom}): {_q(c.text)}")
    for mid in removed:
        report.add("Modules", f"Removed **{mid}** {_q(before[mid].title)}")
    for mid in sorted(kept, key=lambda i: after[i].number):
        a, b = before[mid], after[mid]
        if a.number != b.number:
            report.add("Modules", f"Moved **{mid}** from position {a.number} to {b.number}")
        if a.title != b.title:
            report.add("Modules", f"Renamed **{mid}**: {_q(a.title)} → {_q(b.title)}")
        _outcomes(report, a, b)
        _map(report, a, b)
        for key in ("glh", "tqt", "credits"):
            if getattr(a, key) != getattr(b, key):
                report.add("Hours and credits", f"**{mid}** {key.upper()}: {getattr(a, key)} → {getattr(b, key)}")
    for mid in added:
        for e in after[mid].competencies:
            report.add("Competency map", f"{e.competency_id}: — → {e.value} in module {mid}")


def _retired(kind: str, item) -> str:
    return f"Retired {kind} **{item.global_id}**" + (f", replaced by {item.replaced_by}" if item.replaced_by else "")


def _items(report: Report, kind: str, before: dict, after: dict) -> list[tuple]:
    """Report added and removed outcomes or criteria; return the (old, new) pairs kept."""
    section = "Outcomes and criteria"
    added, removed, kept_keys = _split(before, after)
    for key in added:
        report.add(section, f"Added {kind} **{after[key].global_id}**: {_q(after[key].text)}")
    for key in removed:
        report.add(section, f"Removed {kind} **{before[key].global_id}**: {_q(before[key].text)}")
    kept = [(before[key], after[key]) for key in kept_keys]
    for x, y in kept:
        if x.text != y.text:
            report.add(section, f"Reworded {kind} **{y.global_id}**: {_q(x.text)} → {_q(y.text)}")
        if y.retired and not x.retired:
            report.add(section, _retired(kind, y))
    return kept


def _outcomes(report: Report, a: Module, b: Module) -> None:
    for x, y in _items(report, "outcome", {o.number: o for o in a.outcomes}, {o.number: o for o in b.outcomes}):
        for c, d in _items(report, "criterion", {c.id: c for c in x.criteria}, {c.id: c for c in y.criteria}):
            if c.bloom != d.bloom:
                report.add("Outcomes and criteria", f"Bloom level of **{d.global_id}**: {c.bloom} → {d.bloom}")


def _map(report: Report, a: Module, b: Module) -> None:
    old_map = {e.competency_id: e.value for e in a.competencies}
    new_map = {e.competency_id: e.value for e in b.competencies}
    for cid in sorted(old_map.keys() | new_map.keys(), key=_natural):
        x, y = old_map.get(cid, ""), new_map.get(cid, "")
        if x != y:
            report.add("Competency map", f"{cid}: {MAP_NAMES[x]} → {MAP_NAMES[y]} in module {b.id}")


def _competencies(report: Report, old: Curriculum, new: Curriculum) -> None:
    before = {c.id: c for c in old.competencies}
    after = {c.id: c for c in new.competencies}
    added, removed, kept = _split(before, after)
    for cid in added:
        report.add("Competency framework", f"Added **{cid}** {_q(after[cid].title)}: {_q(after[cid].statement)}")
    for cid in removed:
        report.add("Competency framework", f"Removed **{cid}** {_q(before[cid].title)}")
    for cid in kept:
        x, y = before[cid], after[cid]
        if x.statement != y.statement or x.title != y.title:
            report.add(
                "Competency framework",
                f"Reworded **{cid}**: {_q(x.title + ': ' + x.statement)} → {_q(y.title + ': ' + y.statement)}",
            )
        if y.retired and not x.retired:
            report.add(
                "Competency framework",
                f"Retired **{cid}**" + (f", replaced by {y.replaced_by}" if y.replaced_by else ""),
            )


def _exam(report: Report, old: Curriculum, new: Curriculum) -> None:
    a, b = old.exam, new.exam
    if a and b:
        for key in ("title", "format", "duration_minutes", "total_items", "pass_mark_percent", "standard_setting"):
            if getattr(a, key) != getattr(b, key):
                report.add(
                    "Examination",
                    f"{key.replace('_', ' ').capitalize()}: {_q(getattr(a, key))} → {_q(getattr(b, key))}",
                )
        old_d = {d.id: d for d in a.domains}
        new_d = {d.id: d for d in b.domains}
        added, removed, kept = _split(old_d, new_d)
        for did in added:
            report.add(
                "Examination",
                f"Added domain **{did}** {_q(new_d[did].title)} (weight {new_d[did].weight}%, {new_d[did].items} items)",
            )
        for did in removed:
            report.add("Examination", f"Removed domain **{did}** {_q(old_d[did].title)}")
        for did in kept:
            x, y = old_d[did], new_d[did]
            if (x.weight, x.items) != (y.weight, y.items):
                report.add(
                    "Examination", f"Domain **{did}**: weight {x.weight}% → {y.weight}%, items {x.items} → {y.items}"
                )
            if [c for c, _ in x.competencies] != [c for c, _ in y.competencies]:
                report.add(
                    "Examination",
                    f"Domain **{did}** competencies: {', '.join(c for c, _ in x.competencies)} → {', '.join(c for c, _ in y.competencies)}",
                )
    old_q = {q.id: q for q in old.questions}
    new_q = {q.id: q for q in new.questions}
    added, removed, kept = _split(old_q, new_q)
    for qid in added:
        report.add("Practice questions", f"Added **{qid}** (tests {new_q[qid].outcome}): {_q(new_q[qid].stem)}")
    for qid in removed:
        report.add("Practice questions", f"Removed **{qid}**")
    for qid in kept:
        was, now = old_q[qid], new_q[qid]
        parts = [
            name
            for name in ("stem", "options", "answer", "rationale", "outcome", "domain")
            if getattr(was, name) != getattr(now, name)
        ]
        if parts:
            report.add("Practice questions", f"Changed **{qid}**: {', '.join(parts)}")


IDENTITY = (
    ("title", "Title"),
    ("short_code", "Short code"),
    ("provider", "Provider"),
    ("version", "Version"),
    ("status", "Status"),
    ("uri", "Published address"),
)


def _identity(model: Curriculum) -> dict[str, str]:
    p = model.programme
    if p is None:
        return {}
    return {key: p.provider.name if key == "provider" else str(getattr(p, key)) for key, _ in IDENTITY}


def _programme(report: Report, old: Curriculum, new: Curriculum) -> None:
    a, b = _identity(old), _identity(new)
    for key, label in IDENTITY:
        if a and b and a[key] != b[key]:
            report.add("Programme", f"{label}: {_q(a[key])} → {_q(b[key])}")
    pa = {p.id: p for p in old.programme.pathways} if old.programme else {}
    pb = {p.id: p for p in new.programme.pathways} if new.programme else {}
    added, removed, kept = _split(pa, pb)
    for pid in added:
        report.add(
            "Programme",
            f"Added pathway **{pid}** {_q(pb[pid].title)}: {pb[pid].weeks} weeks × {pb[pid].weekly_hours} hours",
        )
    for pid in removed:
        report.add("Programme", f"Removed pathway **{pid}** {_q(pa[pid].title)}")
    for pid in kept:
        x, y = pa[pid], pb[pid]
        if (x.weeks, x.weekly_hours) != (y.weeks, y.weekly_hours):
            report.add(
                "Programme",
                f"Pathway **{pid}**: {x.weeks} weeks × {x.weekly_hours} hours → "
                f"{y.weeks} weeks × {y.weekly_hours} hours",
            )


def _references(report: Report, old: Curriculum, new: Curriculum) -> None:
    before = {r.id: r for r in old.references}
    after = {r.id: r for r in new.references}
    added, removed, _kept = _split(before, after)
    for key in added:
        r = after[key]
        report.add("References", f"Added **{key}**: {r.author} ({r.year}) {_q(r.title)}")
    for key in removed:
        report.add(
            "References", f"Removed **{key}**: {before[key].author} ({before[key].year}) {_q(before[key].title)}"
        )


def compare(old: Curriculum, new: Curriculum) -> Report:
    report = Report()
    _programme(report, old, new)
    _modules(report, old, new)
    _competencies(report, old, new)
    _exam(report, old, new)
    _references(report, old, new)
    # the version ids were published in; None when the old version was not published
    published = old.programme.version if old.programme is not None and old.programme.status == PUBLISHED else None
    gone = _ids(old).keys() - _ids(new).keys()
    for item in sorted(gone):
        label = _ids(old)[item]
        if published is not None:
            report.add(
                "Removed published ids",
                f"⚠ {label} was published in version {published} and is gone. "
                "Published ids must stay: restore it with `retired: true` and `replaced_by: <new id>`",
                flagged=True,
            )
    return report


SECTIONS = [
    "Programme",
    "Modules",
    "Outcomes and criteria",
    "Competency map",
    "Hours and credits",
    "Competency framework",
    "Examination",
    "Practice questions",
    "References",
    "Removed published ids",
]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary_table(old: Curriculum, new: Curriculum) -> list[str]:
    """The programme before and after: identity, totals and pathway hours, changed or not."""
    a, b = _identity(old), _identity(new)
    rows = [(label, a.get(key, ""), b.get(key, "")) for key, label in IDENTITY]
    rows.append(("Modules", str(len(old.modules)), str(len(new.modules))))
    ta, tb = old.totals(), new.totals()
    rows += [(f"Total {k.upper()}", str(ta[k]), str(tb[k])) for k in ("glh", "tqt", "credits")]
    pa = {p.id: p for p in old.programme.pathways} if old.programme else {}
    pb = {p.id: p for p in new.programme.pathways} if new.programme else {}
    for pid in sorted(pa.keys() | pb.keys(), key=_natural):
        x, y = pa.get(pid), pb.get(pid)
        title = (y or pa[pid]).title  # pid is in pb or, when y is None, in pa
        rows.append((f"Pathway {title} (hours)", f"{x.hours:g}" if x else "—", f"{y.hours:g}" if y else "—"))
    lines = ["| Programme | Before | After |", "|---|---|---|"]
    lines += [
        f"| {_cell(label)} | {_cell(x) or '—'} | {_cell(y) or '—'}{' (changed)' if x != y else ''} |"
        for label, x, y in rows
    ]
    return lines + [""]


def to_markdown(
    report: Report, old: Curriculum, new: Curriculum, base_label: str, head_label: str, since: str = ""
) -> str:
    lines = [f"## Curriculum changes: {base_label} → {head_label}", ""]
    if since:
        lines += [since, ""]
    lines += summary_table(old, new)
    if not report.changes:
        lines += [
            "No change to the curriculum data (programme, modules, outcomes, competencies, hours, "
            "examination, references).",
            "",
        ]
        return "\n".join(lines)
    if report.flagged:
        lines += [
            f"> **{len(report.flagged)} published id(s) removed.** Retire them instead (see the last section).",
            "",
        ]
    for section in SECTIONS:
        items = [c for c in report.changes if c.section == section]
        if not items:
            continue
        lines += [f"### {section}", ""] + [f"- {c.text}" for c in items] + [""]
        if section == "Hours and credits":
            ta, tb = old.totals(), new.totals()
            lines += ["| Programme total | Before | After |", "|---|---:|---:|"]
            lines += [f"| {k.upper()} | {ta[k]} | {tb[k]} |" for k in ("glh", "tqt", "credits")] + [""]
    return "\n".join(lines)
