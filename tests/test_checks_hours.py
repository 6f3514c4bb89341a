"""Hours, credits and the placement."""

from __future__ import annotations


def test_tqt_below_glh(t):
    t.edit_module(0, lambda d: d.update(glh=25))
    assert "tqt-below-glh" in t.codes()


def test_programme_totals_are_not_written_but_summed_over_the_listed_modules(t):
    t.edit("curriculum/programme.yml", lambda d: d.update(totals={"glh": 1, "tqt": 1, "credits": 1}))
    assert t.codes() == {"unknown-key"}  # a stale copy of the totals cannot be written down


def test_pathway_hours_follow_the_modules_list(t):
    model = t.load()
    tqt = model.totals()["tqt"]
    weeks = model.programme.pathways[0].weeks
    # just enough hours for every module; dropping one leaves them enough, adding hours to one does not
    t.edit("curriculum/programme.yml", lambda d: d["pathways"][0].update(weekly_hours=tqt / weeks))
    assert "pathway-hours" not in t.codes()
    t.edit_module(0, lambda d: d.update(tqt=d["tqt"] + 10, credits=d["credits"] + 1))
    assert "pathway-hours" in t.codes()


def test_credits_mismatch_warns(t):
    t.edit_module(0, lambda d: d.update(credits=3))
    result = t.validate()
    warnings = [d for d in result.warnings if d.code == "credits-mismatch"]
    assert warnings and "gives 2" in warnings[0].message
    assert "credits-mismatch" not in {d.code for d in result.errors}


def test_credits_round_half_up(t):
    t.edit_module(0, lambda d: d.update(tqt=25, credits=3))
    t.edit("curriculum/programme.yml", lambda d: d["pathways"][0].update(weeks=9))
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
