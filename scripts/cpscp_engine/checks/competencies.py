"""The competency map: every module maps somewhere, every competency is introduced before it
is reinforced or mastered, and every competency is both introduced and mastered."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, declare, error, warning
from ..model import Curriculum
from ..vocab import INTRODUCED, MASTERED, PROFICIENCY_KEYS, REINFORCED
from ._common import loaded, meant, suggest

CODES = declare(
    __name__,
    (
        "unknown-map-competency",
        ERROR,
        "A module's competency map names a competency the framework does not have.",
        "Use an id from curriculum/competencies.yml.",
    ),
    (
        "retired-competency",
        WARNING,
        "A module maps a competency that has been retired.",
        "Map the competency that replaces it.",
    ),
    (
        "no-competencies",
        ERROR,
        "A module maps no competency.",
        f"Add at least one entry under competencies, such as C10: {INTRODUCED}.",
    ),
    (
        "competency-not-introduced",
        ERROR,
        f"No module introduces ({INTRODUCED}) a competency of the framework.",
        f"Mark it {INTRODUCED} in the first module that teaches it, or retire it.",
    ),
    (
        "competency-not-mastered",
        ERROR,
        f"No module brings a competency of the framework to mastery ({MASTERED}).",
        f"Mark it {MASTERED} where learners show it in full, or retire it.",
    ),
    (
        "introduced-after-mastery",
        ERROR,
        f"A module introduces ({INTRODUCED}) a competency that an earlier module already brought to mastery ({MASTERED}).",
        f"Introduce it before the module that masters it, or mark the entry {REINFORCED}.",
    ),
    (
        "competency-progression",
        ERROR,
        f"A module reinforces ({REINFORCED}) or masters ({MASTERED}) a competency before any module introduces it ({INTRODUCED}).",
        f"Mark it {INTRODUCED} in that module or in an earlier one.",
    ),
)

_WORD = {value: f"{word} ({value})" for value, word in PROFICIENCY_KEYS.items()}


def check_module_competencies_exist(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "competencies"):
        return
    for m in model.modules:
        for entry in m.competencies:
            comp = model.competency(entry.competency_id)
            if comp is None:
                yield error(
                    entry.loc,
                    "unknown-map-competency",
                    f"module {m.id} maps to {entry.competency_id}, which is not in curriculum/competencies.yml",
                    suggest(entry.competency_id, (c.id for c in model.competencies))
                    + "use an id from the competency framework (C1 ...)",
                )
            elif comp.retired:
                replacement = f" (replaced by {comp.replaced_by})" if comp.replaced_by else ""
                yield warning(
                    entry.loc,
                    "retired-competency",
                    f"module {m.id} maps to {comp.id}, which is retired{replacement}",
                    "map the module to the competency that replaced it",
                )


def check_module_has_competency(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        if not m.competencies:
            yield error(
                m.field_loc("competencies"),
                "no-competencies",
                f"module {m.id} maps to no competency",
                f"add at least one entry under 'competencies', e.g. C10: {INTRODUCED}",
            )


def _mistyped(model: Curriculum) -> set[str]:
    """Competencies a map entry with an unknown id was probably meant for (reported once, as unknown)."""
    unknown = [
        e.competency_id for m in model.modules for e in m.competencies if model.competency(e.competency_id) is None
    ]
    return meant(unknown, (c.id for c in model.competencies)) if unknown else set()


def check_competency_coverage(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "competencies", "modules") or not model.modules:
        return
    mistyped = _mistyped(model)
    for comp in model.competencies:
        if comp.retired or comp.id in mistyped:
            continue
        found = model.competency_modules(comp.id)
        if not found[INTRODUCED]:
            gone = left_out_mapping(model, comp.id, INTRODUCED)
            yield error(
                comp.loc,
                "competency-not-introduced",
                f"competency {comp.id} is not introduced ({INTRODUCED}) by any module" + gone,
                f"mark it {INTRODUCED} in the first module that teaches it ('{comp.id}: {INTRODUCED}' under 'competencies')"
                + (", put that module back in programme.yml modules:, or retire the competency" if gone else ""),
            )
        if not found[MASTERED]:
            gone = left_out_mapping(model, comp.id, MASTERED)
            yield error(
                comp.loc,
                "competency-not-mastered",
                f"competency {comp.id} is not mastered ({MASTERED}) in any module" + gone,
                f"mark it {MASTERED} in the module where learners show it in full (often the placement)"
                + (", put that module back in programme.yml modules:" if gone else "")
                + ", or retire it if the programme no longer teaches it",
            )


def left_out_mapping(model: Curriculum, competency_id: str, value: str) -> str:
    """', which M10 and M11 did before programme.yml modules: left them out' (or '' when none did)."""
    listed = {m.id for m in model.modules}
    ids = [m.id for m in model.unlisted if m.id not in listed and m.map_value(competency_id) == value]
    if not ids:
        return ""
    names = ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]
    return f", which {names} did before programme.yml modules: left {'it' if len(ids) == 1 else 'them'} out"


def check_competency_progression(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "modules"):
        return
    introduced: dict[str, str] = {}  # competency -> first module that introduces it
    mastered: dict[str, str] = {}
    # an unknown id is reported by check_module_competencies_exist; its progression (and that of
    # the competency it was probably typed for) would only repeat that error
    skip = _mistyped(model) if loaded(model, "competencies") else set()
    for m in model.modules:  # already in programme order
        for entry in m.competencies:
            cid, value = entry.competency_id, entry.value
            if cid in skip or (loaded(model, "competencies") and model.competency(cid) is None):
                continue
            if value == INTRODUCED:
                if cid in mastered:
                    yield error(
                        entry.loc,
                        "introduced-after-mastery",
                        f"{cid} is introduced ({INTRODUCED}) in {m.id} after it was mastered ({MASTERED}) in {mastered[cid]}",
                        f"introduce it before {mastered[cid]}, or mark this entry {REINFORCED}",
                    )
                introduced.setdefault(cid, m.id)
            else:
                if cid not in introduced:
                    yield error(
                        entry.loc,
                        "competency-progression",
                        f"{cid} is {_WORD[value]} in {m.id} before any module introduces it ({INTRODUCED})",
                        f"mark it {INTRODUCED} in {m.id} or in an earlier module",
                    )
                if value == MASTERED:
                    mastered.setdefault(cid, m.id)
