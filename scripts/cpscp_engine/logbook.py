"""The placement logbook's content, derived from the data: one model for the page and the files.

The competencies are those of the placement module's competency map (programme.yml
`placement.module`), each with the proficiency descriptor of the level that module reaches,
and what counts as evidence (the placement module's delivery file, `logbook: evidence:`).
The printable page (render/logbook.py) and the spreadsheet and CSV (exports/logbook.py) all
read these rows, so they always list the same competencies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Curriculum, Module
from .vocab import PROFICIENCY_KEYS

# Blank rows in the hours log: one per placement session of up to this many hours (a half
# day); the total row says how many hours are required, and a learner may add rows.
HOURS_PER_ROW = 4
# What the supervisor and tutor fill in to sign the logbook off, in order.
SIGN_OFF_FIELDS = (
    "Learner's name",
    "Placement setting",
    "Supervisor's name",
    "Supervisor's role",
    "Supervisor's signature",
    "Date",
    "Tutor's name",
    "Tutor's signature",
    "Date",
)
# Per competency, what the supervisor records when they sign it off.
COMPETENCY_SIGN_OFF = ("Date observed", "Supervisor's initials")
HOURS_COLUMNS = ("Date", "Hours", "Setting and what I did", "Competencies practised", "Supervisor's initials")


@dataclass(frozen=True)
class Level:
    """A competency as one module develops it: the level its map gives and that level's descriptor."""

    competency: str  # id
    title: str
    level: str  # introduced / reinforced / mastered
    proficiency: str  # the descriptor of that level ("" until competencies.yml has one)


def module_levels(model: Curriculum, module: Module) -> list[Level]:
    """The module's competency map with proficiency descriptors, in map order (rubrics and logbook)."""
    out = []
    for entry in module.competencies:
        comp = model.competency(entry.competency_id)
        level = PROFICIENCY_KEYS.get(entry.value, entry.value)
        out.append(
            Level(
                entry.competency_id, comp.title if comp else "", level, comp.proficiency.get(level, "") if comp else ""
            )
        )
    return out


@dataclass(frozen=True)
class LogbookRow:
    competency: str  # id
    title: str
    level: str  # introduced / reinforced / mastered, as the placement module's map says
    proficiency: str  # the descriptor of that level ("" until competencies.yml has one)
    evidence: str  # what counts as evidence on placement ("" until the delivery file says)


def placement_module(model: Curriculum) -> Module | None:
    if model.programme is None:
        return None
    return model.module(model.programme.placement.module)


def placement_hours(model: Curriculum) -> int:
    return model.programme.placement.hours if model.programme else 0


def hours_rows(model: Curriculum) -> int:
    return max(1, math.ceil(placement_hours(model) / HOURS_PER_ROW))


def rows(model: Curriculum) -> list[LogbookRow]:
    """One row per competency in the placement module's map, in map order."""
    m = placement_module(model)
    if m is None:
        return []
    d = model.delivery(m.id)
    evidence = {e.competency: e.evidence for e in d.logbook} if d else {}
    return [
        LogbookRow(x.competency, x.title, x.level, x.proficiency, evidence.get(x.competency, ""))
        for x in module_levels(model, m)
    ]
