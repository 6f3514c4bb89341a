"""Messages speak plainly: did-you-mean catches swapped characters, counts agree with their nouns,
schema form errors describe the form in words, never as a pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpscp_engine.checks._common import a_or_an, closest, edit_distance, plural, suggest
from cpscp_engine.schemas import pattern_words
from fixtures import ROOT


@pytest.mark.parametrize(
    "a,b,d",
    [
        ("C61", "C16", 1),
        ("M04", "M40", 1),
        ("C6", "C16", 1),
        ("abc", "abc", 0),
        ("M04", "m04", 1),
        ("kitten", "sitting", 3),
        ("", "ab", 2),
    ],
)
def test_edit_distance_counts_a_swap_as_one_mistake(a, b, d):
    assert edit_distance(a, b) == d


@pytest.mark.parametrize(
    "key,expected",
    [
        ("C61", "C16"),  # a swap, not C6 or C1 with a letter dropped
        ("M40", "M04"),
        ("C3O", "C30"),
        ("fair-chance-recuitment", "fair-chance-recruitment"),
        ("X99", ""),  # two changes in three characters: not a plausible typo
        ("desistence", "desistance"),
    ],
)
def test_closest_finds_the_id_a_typo_was_meant_to_be(key, expected):
    candidates = [f"C{i}" for i in range(1, 31)] + ["M04", "M05", "fair-chance-recruitment", "desistance"]
    assert closest(key, candidates) == expected


def test_suggest_reads_as_the_start_of_a_hint():
    assert suggest("C61", ["C16", "C6"]) == "did you mean 'C16'? If not, "
    assert suggest("zzz", ["C16"]) == ""
    # a long anchor several edits away is still found by similarity when the caller allows it
    assert (
        suggest("practice-scenario-fictional", ["practice-scenario"], cutoff=0.5)
        == "did you mean 'practice-scenario'? If not, "
    )
    assert suggest("practice-scenario-fictional", ["practice-scenario"]) == ""


def test_counts_and_articles_agree_with_their_words():
    assert plural(1, "learning outcome") == "1 learning outcome"
    assert plural(2, "assessment criterion", "assessment criteria") == "2 assessment criteria"
    assert [a_or_an(w) for w in ("analyse", "evaluate", "apply", "create", "remember")] == [
        "an analyse",
        "an evaluate",
        "an apply",
        "a create",
        "a remember",
    ]


def _patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


@pytest.mark.parametrize("schema", sorted((ROOT / "curriculum" / "schema").glob("*.json")), ids=lambda p: p.name)
def test_every_form_a_schema_requires_is_described_in_words(schema: Path):
    for pattern in _patterns(json.loads(schema.read_text(encoding="utf-8"))):
        words = pattern_words(pattern)
        assert words, f"{schema.name}: describe {pattern} in PATTERN_WORDS (cpscp_engine/schemas.py)"
        assert "\\" not in words and "^" not in words
