"""The fixed vocabularies come from the schemas, and the words for them agree with the schemas."""

from __future__ import annotations

import re
from pathlib import Path

from cpscp_engine import vocab
from cpscp_engine.checks.verbs import BLOOM_VERBS
from cpscp_engine.render.delivery import FORMATS

ENGINE = Path(vocab.__file__).parent


def test_every_map_value_and_task_type_has_words_for_readers():
    assert set(vocab.MAP_WORDS) == set(vocab.map_values())
    assert set(vocab.TASK_TYPE_WORDS) == set(vocab.task_types())


def test_every_bloom_level_has_its_verbs_and_every_activity_format_its_words():
    assert list(BLOOM_VERBS) == list(vocab.bloom_levels())
    assert set(FORMATS) == set(vocab.activity_formats())


def test_answer_letters_run_from_a():
    letters = vocab.answer_letters()
    assert letters == "ABCDEFGHIJ"[: len(letters)] and len(letters) >= 2


def test_no_copy_of_a_vocabulary_is_kept_in_the_engine():
    copies = {
        r'"ABCDE"': "answer letters",
        r'\{"I": "(?:I|Introduced)"': "map values",
        r'\["I", "R", "M"\]': "map values",
        r'"written-assignment": "Written': "task types",
    }
    found = []
    for path in sorted(ENGINE.rglob("*.py")):
        if path.name == "vocab.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ENGINE)}: {what}" for pattern, what in copies.items() if re.search(pattern, text)]
    assert not found, "vocabularies copied instead of read from cpscp_engine.vocab:\n" + "\n".join(found)
