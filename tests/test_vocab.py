"""The fixed vocabularies come from the schemas, and the words for them agree with the schemas."""

from __future__ import annotations

import re
from pathlib import Path

from cpscp_engine import vocab
from cpscp_engine.checks.verbs import BLOOM_VERBS
from cpscp_engine.render.delivery import FORMATS

ENGINE = Path(vocab.__file__).parent
PROJECT = ENGINE.parents[1]
# The engine, the scripts that wrap it and the macros adapter.
CODE = [*ENGINE.rglob("*.py"), *(PROJECT / "scripts").glob("*.py"), *(PROJECT / "macros").rglob("*.py")]


def test_every_map_value_and_task_type_has_words_for_readers():
    # in the schema's order: the checks read the first stage as the start and the last as mastery
    assert list(vocab.MAP_WORDS) == list(vocab.map_values())
    assert (vocab.INTRODUCED, vocab.MASTERED) == (vocab.map_values()[0], vocab.map_values()[-1])
    assert set(vocab.TASK_TYPE_WORDS) == set(vocab.task_types())
    assert list(vocab.STATUS_WORDS) == list(vocab.programme_statuses())


def test_proficiency_descriptors_are_keyed_by_the_stages_words():
    assert list(vocab.PROFICIENCY_KEYS.values()) == list(vocab.proficiency_levels())


def test_every_bloom_level_has_its_verbs_and_every_activity_format_its_words():
    assert list(BLOOM_VERBS) == list(vocab.bloom_levels())
    assert set(FORMATS) == set(vocab.activity_formats())


def test_answer_letters_run_from_a():
    letters = vocab.answer_letters()
    assert letters == "ABCDEFGHIJ"[: len(letters)] and len(letters) >= 2


def test_no_copy_of_a_vocabulary_is_kept_in_the_engine():
    values, levels = vocab.map_values(), vocab.proficiency_levels()
    copies = {
        r'"ABCDE"': "answer letters",
        # a map value or a proficiency level written out as a string of its own, or the values run together
        rf"""(["'])(?:{"|".join(values)})\1""": "map values",
        rf"""(["']){"".join(values)}\1""": "map values",
        rf"""(?i)(["'])(?:{"|".join(levels)})\1""": "proficiency levels",
        r'"written-assignment": "Written': "task types",
    }
    found = []
    for path in sorted(CODE):
        if path == ENGINE / "vocab.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(PROJECT)}: {what}" for pattern, what in copies.items() if re.search(pattern, text)
        ]
    assert len(CODE) > 20 and ENGINE / "render" / "charts.py" in CODE  # the search sees the code
    assert not found, "vocabularies copied instead of read from cpscp_engine.vocab:\n" + "\n".join(found)
