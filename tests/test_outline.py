"""The page outline: headings and anchors as Markdown's toc makes them, ids, links, claims."""

from __future__ import annotations

import random
import re

from cpscp_engine.outline import COUNTED, module_numbers_said, outline, toc_slug

NUMBERS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
} | {
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}

PAGE = """---
module: M01
---

# Module 1: Second chance *work*

## Overview

See [the glossary](../glossary.md#desistance "title") and ![a chart](img/x.png).

```
[not a link](nowhere.md)
## not a heading
```

Inline `[code](skip.md)` and {{ module_facts("M01") }} and [ref][r].

[r]: ../about.md#entry-requirements

## Overview

### Key ideas: risk, need & responsivity { #key-ideas }

<span id="raw-id"></span>

## {{ programme_value("title") }} today

The award is accredited by nobody. It is not a regulated qualification.
"""


def test_headings_get_toc_anchors_and_repeats_are_numbered():
    o = outline(PAGE, "modules/01-x.md", "docs/modules/01-x.md")
    assert [(h.level, h.anchor) for h in o.headings] == [
        (1, "module-1-second-chance-work"),
        (2, "overview"),
        (2, "overview_1"),
        (3, "key-ideas"),
        (2, ""),
    ]
    assert o.headings[1].loc.line == 7 and o.headings[1].loc.file == "docs/modules/01-x.md"
    assert {"overview", "overview_1", "key-ideas", "raw-id"} <= o.anchors


def test_links_outside_code_and_macros_with_positions():
    o = outline(PAGE, "modules/01-x.md", "docs/modules/01-x.md")
    assert [(link.target, link.loc.line, link.loc.col) for link in o.links] == [
        ("../glossary.md#desistance", 9, 5),
        ("img/x.png", 9, 59),
        ("../about.md#entry-requirements", 18, 6),
    ]


def test_claims_of_accreditation_without_a_negation():
    o = outline("It is an accredited award.\nIt is not a regulated qualification.\n", "a.md", "docs/a.md")
    assert [loc.line for _, loc in o.claims] == [1]


def test_toc_slug_matches_python_markdown():
    from markdown.extensions.toc import slugify

    for text in (
        "Key ideas: risk, need & responsivity",
        "Café – naïve",
        "Step 3: add, remove or reorder modules",
        "Module 4: Client interaction — engagement",
    ):
        assert toc_slug(text) == slugify(text, "-")


def test_conflict_markers_are_found():
    o = outline("# A\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> main\n", "a.md", "docs/a.md")
    assert o.conflict is not None and o.conflict.loc.line == 2


def test_hostile_pages_are_read():
    # each used to be quadratic in one of the patterns (minutes, not milliseconds); timings are make bench's
    for text in ("{{ x <a ](b [c `d ```\n" * 40_000, "[" * 200_000, "<a " * 100_000, "```\n" * 50_001):
        assert outline(text, "big.md", "docs/big.md").links == ()


def test_module_numbers_are_found_as_the_plain_patterns_find_them():
    """module_numbers_said passes over text that cannot hold a count; on random text made of the
    words that matter, in every case and with the letters and digits Unicode folds, it finds
    exactly what the two patterns written plainly find over the whole text."""
    counted = re.compile(COUNTED, re.I)
    numbered = re.compile(r"\bmodules?\s+(\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*)", re.I)

    def plainly(text: str) -> list[tuple[int, int, str]]:
        found = []
        for m in counted.finditer(text):
            word = m.group(1)
            number = int(word) if word.isdigit() else next(n for w, n in NUMBERS.items() if re.fullmatch(w, word, re.I))
            found.append((m.start(), number, m.group(0)))
        for m in numbered.finditer(text):
            found.append((m.start(), max(int(n) for n in re.findall(r"\d+", m.group(1))), m.group(0)))
        return found

    words = "zero one Two THREE eleven Twelve twenty seven sIx ſix sıx eight nine ten".split()
    tokens = [
        *words,
        "12",
        "3",
        "٣",
        "１２",
        "modules",
        "MODULES",
        "Module",
        "moduleſ",
        "modul",
        "online",
        "face-to-face",
        "K",
        "İ",
        "and",
        "to",
        "–",
        ",",
        "x",
        "_",
        "é",
    ]
    spaces = [" ", "  ", "\n", "\t", "", "-"]
    rng = random.Random(12)
    matched = 0
    for _ in range(3000):
        text = "".join(rng.choice(tokens) + rng.choice(spaces) for _ in range(rng.randint(0, 14)))
        expected = plainly(text)
        assert module_numbers_said(text) == expected, text
        matched += bool(expected)
    assert matched > 500, "the random texts hardly ever hold a count: the test would miss a difference"
