"""The curriculum's fixed vocabularies, read from the JSON Schemas that define them.

The schemas are what contributors' editors and the validator check against, so the engine
reads each list of allowed values from them rather than keeping copies. What a schema does
not hold, the words shown to readers for each value, is declared here once; tests/test_vocab.py
checks that every value has its words and that no words are kept for a value the schema lost.
"""

from __future__ import annotations

from functools import cache

from .schemas import SCHEMA_DIR, _schema


def _enum(kind: str, *path: str) -> tuple[str, ...]:
    node = _schema(kind, str(SCHEMA_DIR))
    for key in path:
        node = node[key]
    return tuple(node["enum"])


@cache
def map_values() -> tuple[str, ...]:
    """How a module maps a competency: I(ntroduced), R(einforced), M(astered)."""
    return _enum("module", "properties", "competencies", "additionalProperties")


@cache
def bloom_levels() -> tuple[str, ...]:
    """The Bloom levels a criterion may have, lowest first."""
    return _enum("module", "properties", "outcomes", "items", "properties", "criteria", "items", "properties", "bloom")


@cache
def task_types() -> tuple[str, ...]:
    return _enum("module", "properties", "assessment", "items", "properties", "type")


@cache
def answer_letters() -> str:
    """The letters of a practice question's options, in order: 'ABCDE'."""
    return "".join(_enum("assessment", "properties", "practice_questions", "items", "properties", "answer"))


@cache
def activity_formats() -> tuple[str, ...]:
    return _enum(
        "delivery", "properties", "sessions", "items", "properties", "activities", "items", "properties", "format"
    )


@cache
def proficiency_levels() -> tuple[str, ...]:
    """The levels a competency's proficiency descriptors are written for: introduced, reinforced, mastered."""
    node = _schema("competencies", str(SCHEMA_DIR))
    for key in ("properties", "domains", "items", "properties", "competencies", "items", "properties", "proficiency"):
        node = node[key]
    return tuple(node["properties"])


@cache
def programme_statuses() -> tuple[str, ...]:
    """Where the programme's edition stands: draft, then published."""
    return _enum("programme", "properties", "status")


# Words for readers. Keys must be exactly the schema's values, in its order (tests/test_vocab.py).
STATUS_WORDS = {"draft": "Draft, still under review", "published": "Published"}
# The statuses by their part: a published edition's ids must never be removed (curriculum_diff),
# a draft is adopted by no one yet (the CASE export's adoptionStatus).
DRAFT, PUBLISHED = STATUS_WORDS
MAP_WORDS = {"I": "Introduced", "R": "Reinforced", "M": "Mastered"}
# The map's stages by their part in the checks: a competency is introduced first, may be
# reinforced, and must be mastered somewhere.
INTRODUCED, REINFORCED, MASTERED = MAP_WORDS
# A competency's proficiency descriptors are keyed by its stages' words, in lower case
# (competencies schema; tests/test_vocab.py checks they agree).
PROFICIENCY_KEYS = {value: word.lower() for value, word in MAP_WORDS.items()}
TASK_TYPE_WORDS = {
    "written-assignment": "Written assignment",
    "case-study": "Case study",
    "reflective-account": "Reflective account",
    "observed-practice": "Observed practice",
    "role-play": "Role-play",
    "presentation": "Presentation",
    "project": "Project",
    "quiz": "Quiz",
    "portfolio": "Portfolio",
    "logbook": "Logbook",
    "professional-discussion": "Professional discussion",
}
