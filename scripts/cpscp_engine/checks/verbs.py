"""Outcomes and criteria start with a measurable verb whose Bloom level matches the criterion.

The verb lists follow the cognitive process dimension of Bloom's revised taxonomy
(Anderson and Krathwohl 2001), widened with the performance verbs vocational criteria use.
A verb listed under two levels (distinguish, select ...) is accepted for either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, declare, error, warning
from ..model import Curriculum
from ._common import a_or_an

CODES = declare(
    __name__,
    (
        "criterion-vague-verb",
        ERROR,
        "A criterion starts with a verb an assessor cannot observe (understand, know ...).",
        "Start with what the learner does, such as describe, explain or apply.",
    ),
    (
        "criterion-verb",
        ERROR,
        "A criterion does not start with a measurable verb.",
        "Start with a verb of its Bloom level, as the message suggests.",
    ),
    (
        "bloom-mismatch",
        WARNING,
        "A criterion's verb belongs to another Bloom level than its bloom says.",
        "Set bloom to the verb's level, or choose a verb of the stated level.",
    ),
    (
        "outcome-vague-verb",
        WARNING,
        "An outcome starts with a verb that names no action a learner can show.",
        "Start with a measurable verb, such as explain, apply or analyse.",
    ),
    (
        "outcome-verb",
        WARNING,
        "An outcome does not start with a measurable verb.",
        "Start with a measurable verb, such as explain, apply or analyse.",
    ),
)

BLOOM_VERBS: dict[str, tuple[str, ...]] = {
    "remember": (
        "define",
        "list",
        "recall",
        "recognise",
        "state",
        "identify",
        "name",
        "label",
        "match",
        "locate",
        "reproduce",
        "retrieve",
        "select",
    ),
    "understand": (
        "describe",
        "explain",
        "summarise",
        "classify",
        "compare",
        "interpret",
        "exemplify",
        "infer",
        "outline",
        "discuss",
        "illustrate",
        "distinguish",
        "paraphrase",
        "clarify",
        "predict",
        "give examples of",
        "report",
    ),
    "apply": (
        "apply",
        "demonstrate",
        "implement",
        "use",
        "carry out",
        "prepare",
        "complete",
        "conduct",
        "calculate",
        "show",
        "execute",
        "perform",
        "practise",
        "employ",
        "operate",
        "solve",
        "select",
        "respond",
        "follow",
        "maintain",
        "record",
        "communicate",
        "facilitate",
        "deliver",
        "undertake",
        "establish",
        "agree",
        "negotiate",
        "manage",
        "provide",
        "obtain",
        "handle",
        "refer",
        "signpost",
        "support",
        "keep",
        "share",
        "act",
        "challenge",
        "choose",
        "promote",
        "explore",
        "adapt",
        "engage",
        "build",
        "work with",
        "report",
    ),
    "analyse": (
        "analyse",
        "differentiate",
        "distinguish",
        "organise",
        "examine",
        "categorise",
        "contrast",
        "investigate",
        "attribute",
        "deconstruct",
        "break down",
        "integrate",
        "explore",
        "map",
    ),
    "evaluate": (
        "evaluate",
        "assess",
        "critique",
        "justify",
        "judge",
        "review",
        "appraise",
        "reflect on",
        "recommend",
        "check",
        "monitor",
        "test",
        "detect",
        "defend",
        "prioritise",
        "weigh",
        "argue",
        "reflect",
    ),
    "create": (
        "design",
        "develop",
        "construct",
        "formulate",
        "plan",
        "produce",
        "create",
        "devise",
        "write",
        "propose",
        "generate",
        "compose",
        "draft",
        "build",
        "co-produce",
        "adapt",
        "invent",
    ),
}
# Phrases that name a state of mind, not something an assessor can see.
VAGUE = (
    "understand",
    "know",
    "be aware of",
    "appreciate",
    "be familiar with",
    "learn about",
    "have knowledge of",
    "grasp",
    "be aware",
    "become aware of",
    "have an understanding of",
    "gain an understanding of",
    "develop an understanding of",
    "have an awareness of",
    # "demonstrate" and "show" are measurable, but not when what is shown is a state of mind
    "demonstrate an understanding of",
    "demonstrate understanding of",
    "demonstrate an awareness of",
    "demonstrate awareness of",
    "demonstrate knowledge of",
    "demonstrate a knowledge of",
    "show an understanding of",
    "show understanding of",
    "show an awareness of",
    "show awareness of",
    "show knowledge of",
)
_MARKER = re.compile(r"\bTODO\b")
_TOKEN = re.compile(r"[a-z][a-z'-]*")


def _levels() -> dict[tuple[str, ...], set[str]]:
    table: dict[tuple[str, ...], set[str]] = {}
    for level, verbs in BLOOM_VERBS.items():
        for verb in verbs:
            table.setdefault(tuple(verb.split()), set()).add(level)
    return table


_VERBS = _levels()
_VAGUE: dict[str, list[tuple[str, ...]]] = {}  # by first word, longest phrase first
for _phrase in sorted(VAGUE, key=lambda p: -len(p.split())):
    _VAGUE.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))
_LONGEST = max(len(k) for k in _VERBS)


def _words(text: str) -> list[str]:
    words = [_uk(w) for w in _TOKEN.findall(text[:80].lower())[:8]]
    if words[:3] == ["be", "able", "to"]:  # "Be able to describe ..." names the verb after it
        words = words[3:]
    while len(words) > 1 and words[0].endswith("ly") and (words[0],) not in _VERBS:  # "Critically evaluate"
        words = words[1:]
    return words


def _uk(word: str) -> str:
    if "z" not in word:
        return word
    if word.endswith(("ize", "izes")) and len(word) > 5:
        word = word.replace("ize", "ise")
    return word.replace("yze", "yse")


# One-word verbs that begin no longer verb or vague phrase: when a text opens with one of these,
# the opening word alone decides (most criteria do; the full reading below was a tenth of validation).
_ALONE = {
    words[0]: levels
    for words, levels in _VERBS.items()
    if len(words) == 1
    and words[0] not in _VAGUE
    and words[0] != "be"
    and "z" not in words[0]
    and not any(len(other) > 1 and other[0] == words[0] for other in _VERBS)
}


def first_verb(text: str) -> tuple[str, set[str] | None, bool]:
    """(the opening verb or word, its Bloom levels or None if not measurable, whether it is vague)."""
    opening = _TOKEN.search(text[:80].lower())
    if opening is not None and opening.group() in _ALONE:
        return opening.group(), _ALONE[opening.group()], False
    words = _words(text)
    if not words:
        return text.strip()[:20], None, False
    for phrase in _VAGUE.get(words[0], ()):
        if tuple(words[: len(phrase)]) == phrase:
            return " ".join(phrase), None, True
    for n in range(min(_LONGEST, len(words)), 0, -1):
        levels = _VERBS.get(tuple(words[:n]))
        if levels:
            return " ".join(words[:n]), levels, False
    return (words[0] if words else text.strip()[:20]), None, False


def _examples(level: str) -> str:
    return ", ".join(v for v in BLOOM_VERBS.get(level, ())[:8])


def check_criterion_verbs(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for c in m.criteria:
            if _MARKER.search(c.text):
                continue  # a scaffold placeholder: the TODO warning already covers it
            verb, levels, vague = first_verb(c.text)
            if vague:
                yield error(
                    c.loc,
                    "criterion-vague-verb",
                    f"criterion {c.id} of {m.id} starts with '{verb}', which an assessor cannot observe",
                    f"start with what the learner does, e.g. for bloom: {c.bloom}: {_examples(c.bloom)}",
                )
            elif levels is None:
                yield error(
                    c.loc,
                    "criterion-verb",
                    f"criterion {c.id} of {m.id} starts with '{verb}', which is not a measurable verb",
                    f"start with a verb for bloom: {c.bloom}, e.g. {_examples(c.bloom)} (if '{verb}' is "
                    "measurable and missing from the handbook's verb list, say so in your pull request)",
                )
            elif len(levels) == 1 and c.bloom not in levels:
                (level,) = levels
                yield warning(
                    c.loc,
                    "bloom-mismatch",
                    f"criterion {c.id} of {m.id} starts with '{verb}' (Bloom level {level}) but says bloom: {c.bloom}",
                    f"set bloom: {level}, or start with {a_or_an(c.bloom)} verb such as {_examples(c.bloom)}",
                )


def check_outcome_verbs(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for o in m.outcomes:
            if _MARKER.search(o.text):
                continue
            verb, levels, vague = first_verb(o.text)
            if vague:
                yield warning(
                    o.loc,
                    "outcome-vague-verb",
                    f"outcome {o.global_id} starts with '{verb}', which names no action a learner can show",
                    "start with a measurable verb, e.g. explain, apply, analyse, evaluate, design",
                )
            elif levels is None:
                yield warning(
                    o.loc,
                    "outcome-verb",
                    f"outcome {o.global_id} starts with '{verb}', which is not a measurable verb",
                    "start with a measurable verb, e.g. explain, apply, analyse, evaluate, design "
                    "(CONTRIBUTING.md lists the verbs for each Bloom level)",
                )
