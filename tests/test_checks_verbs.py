"""Measurable verbs and Bloom levels."""

from __future__ import annotations

import pytest

from cpscp_engine.checks.verbs import BLOOM_VERBS, first_verb


@pytest.mark.parametrize(
    "text,verb,levels,vague",
    [
        ("Describe the four processes.", "describe", {"understand"}, False),
        ("Critically evaluate a plan.", "evaluate", {"evaluate"}, False),
        ("Apply the model.", "apply", {"apply"}, False),  # 'apply' ends in -ly but is no adverb
        ("Carry out a needs assessment.", "carry out", {"apply"}, False),
        ("Reflect on practice.", "reflect on", {"evaluate"}, False),
        ("Distinguish risk from need.", "distinguish", {"understand", "analyse"}, False),
        ("Summarize the Act.", "summarise", {"understand"}, False),
        ("Be able to explain disclosure.", "explain", {"understand"}, False),
        ("Understand the law.", "understand", None, True),
        ("Be aware of the risks.", "be aware of", None, True),
        ("Know how to refer.", "know", None, True),
        ("Have knowledge of MAPPA.", "have knowledge of", None, True),
        ("Grasp the basics.", "grasp", None, True),
        ("Learn about probation.", "learn about", None, True),
        ("Gaze at the stars.", "gaze", None, False),
    ],
)
def test_first_verb(text, verb, levels, vague):
    assert first_verb(text) == (verb, levels, vague)


def test_every_bloom_level_has_verbs():
    assert set(BLOOM_VERBS) == {"remember", "understand", "apply", "analyse", "evaluate", "create"}
    assert all(BLOOM_VERBS.values())


def _set_criterion(t, text, bloom=None):
    def change(d):
        c = d["outcomes"][0]["criteria"][0]
        c["text"] = text
        if bloom:
            c["bloom"] = bloom

    t.edit_module(0, change)


@pytest.mark.parametrize(
    "text",
    [
        "Understand the role of probation.",
        "Be familiar with the Act.",
        "Appreciate the stigma people face.",
        "Know the law on disclosure.",
    ],
)
def test_vague_criterion_is_an_error(t, text):
    _set_criterion(t, text)
    result = t.validate()
    assert [d.code for d in result.errors] == ["criterion-vague-verb"]


def test_unmeasurable_criterion_is_an_error(t):
    _set_criterion(t, "Gaze at the rules on disclosure.")
    found = t.find("criterion-verb")
    assert len(found) == 1 and "'gaze'" in found[0].message and "verb list" in found[0].hint
    assert ".py" not in found[0].hint and "BLOOM_VERBS" not in found[0].hint  # plain words, no code


@pytest.mark.parametrize(
    "text",
    [
        "Demonstrate an understanding of the Act.",
        "Demonstrate understanding of risk.",
        "Show an awareness of stigma.",
        "Demonstrate knowledge of the law.",
    ],
)
def test_demonstrating_a_state_of_mind_is_vague(t, text):
    _set_criterion(t, text)
    found = t.find("criterion-vague-verb")
    assert len(found) == 1 and "which an assessor cannot observe" in found[0].message


def test_demonstrate_doing_something_is_measurable(t):
    _set_criterion(t, "Demonstrate active listening in a role-play.", bloom="apply")
    assert t.codes() == set()


@pytest.mark.parametrize(
    "bloom,article",
    [("analyse", "an analyse"), ("evaluate", "an evaluate"), ("understand", "an understand"), ("create", "a create")],
)
def test_bloom_hint_uses_the_right_article(t, bloom, article):
    verb = "Identify" if bloom != "remember" else "Design"
    _set_criterion(t, f"{verb} the main risks.", bloom=bloom)
    (found,) = t.find("bloom-mismatch")
    assert f"start with {article} verb such as" in found.hint


def test_bloom_mismatch_warns(t):
    _set_criterion(t, "Design a support plan.", bloom="remember")
    result = t.validate()
    assert [d.code for d in result.warnings] == ["bloom-mismatch"] and not result.errors
    assert "set bloom: create" in result.warnings[0].hint


def test_no_bloom_warning_for_a_verb_of_two_levels(t):
    _set_criterion(t, "Distinguish risk from need.", bloom="analyse")
    assert t.codes() == set()


def test_vague_outcome_only_warns(t):
    t.edit_module(0, lambda d: d["outcomes"][0].update(text="Understand the justice system."))
    result = t.validate()
    assert [d.code for d in result.warnings] == ["outcome-vague-verb"] and not result.errors


def test_unmeasurable_outcome_warns(t):
    t.edit_module(0, lambda d: d["outcomes"][0].update(text="Gaze at the justice system."))
    assert t.codes() == {"outcome-verb"}


def test_todo_placeholder_skips_the_verb_checks(t):
    _set_criterion(t, "TODO: what the learner does")
    assert t.codes() == {"todo"}
