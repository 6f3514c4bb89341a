"""Hours, credits and the placement."""
from __future__ import annotations


def test_tqt_below_glh(t):
    t.edit_module(0, lambda d: d.update(glh=25))
    assert "tqt-below-glh" in t.codes()


def test_programme_totals_say_the_expected_numbers(t):
    t.edit("curriculum/programme.yml", lambda d: d["totals"].update(glh=39))
    found = t.find("programme-totals")
    assert len(found) == 1
    assert "GLH 39" in found[0].message and "GLH 40" in found[0].message and "glh: 40" in found[0].hint


def test_programme_totals_follow_module_changes(t):
    t.edit_module(0, lambda d: d.update(tqt=30, credits=3))
    found = t.find("programme-totals")
    assert found and "TQT 90" in found[0].message and "credits 9" in found[0].message


def test_credits_mismatch_warns(t):
    t.edit_module(0, lambda d: d.update(credits=3))
    result = t.validate()
    warnings = [d for d in result.warnings if d.code == "credits-mismatch"]
    assert warnings and "gives 2" in warnings[0].message
    t.edit("curriculum/programme.yml", lambda d: d["totals"].update(credits=9))
    assert "credits-mismatch" not in {d.code for d in t.validate().errors}


def test_credits_round_half_up(t):
    t.edit_module(0, lambda d: d.update(tqt=25, credits=3))
    t.edit("curriculum/programme.yml", lambda d: (d["totals"].update(tqt=85, credits=9),
                                                  d["pathways"][0].update(weeks=9)))
    assert t.codes() == set()


def test_short_pathway_warns(t):
    t.edit("curriculum/programme.yml", lambda d: d["pathways"][0].update(weeks=4, weekly_hours=7.5))
    found = t.find("pathway-hours")
    assert found and "30 hours" in found[0].message and "less than the programme's TQT of 80" in found[0].message
    assert not t.validate().errors


def test_placement_module_must_exist(t):
    t.edit("curriculum/programme.yml", lambda d: d["placement"].update(module="M42"))
    found = t.find("unknown-placement-module")
    assert found and "placement" in found[0].message


def test_placement_longer_than_its_module_warns(t):
    t.edit("curriculum/programme.yml", lambda d: d["placement"].update(hours=200))
    assert t.codes() == {"placement-hours"}
