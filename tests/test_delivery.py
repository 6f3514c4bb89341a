"""Delivery files: loading with positions, linking to modules by file name, the learner and tutor views."""

from __future__ import annotations

from pathlib import Path

import pytest

import yamlio
from cpscp_engine import render, schemas
from cpscp_engine.loader import load
from cpscp_engine.pacing import session_weeks
from delivery_fixture import dump, write_deliveries
from fixtures import HOSTILE, small_curriculum

MODULE_PAGE = "modules/01-synthetic-1.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = small_curriculum(tmp_path_factory.mktemp("delivery"))
    write_deliveries(root, 2)  # the third module has none yet
    path = root / "curriculum" / "delivery" / "01-synthetic-1.yml"
    data = yamlio.load(path.read_text(encoding="utf-8"))
    data["sessions"][0]["activities"][0]["task"] += " " + HOSTILE
    data["reflection_questions"][0]["question"] += " " + HOSTILE
    data["sessions"][0]["activities"][0]["model_answer"] += " " + HOSTILE
    path.write_text(dump(data), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def model(project):
    model, diagnostics = load(project)
    assert not diagnostics and "delivery" in model.loaded
    return model


def test_delivery_files_load_with_positions(model):
    assert [d.name for d in model.deliveries] == ["01-synthetic-1.yml", "02-synthetic-2.yml"]
    d = model.delivery("M01")
    assert d.file == "curriculum/delivery/01-synthetic-1.yml" and d.module_id == "M01"
    assert [s.id for s in d.sessions] == ["S1", "S2"] and d.minutes == 600
    s1 = d.sessions[0]
    assert s1.loc.line > 1 and s1.aims[0][1].line > s1.loc.line  # each aim knows its own line
    assert d.activities[0].field_loc("model_answer").line > d.activities[0].loc.line
    assert d.brief("M01-T1").after_session == "S1"
    assert [r.criterion for r in d.brief("M01-T1").rubric] == ["1.1", "1.2"]


def test_delivery_is_linked_by_file_name_not_by_its_module_field(project, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(project, root)
    delivery = root / "curriculum" / "delivery"
    (delivery / "01-synthetic-1.yml").rename(delivery / "03-synthetic-3.yml")
    model, _ = load(root)
    assert model.delivery("M01") is None
    assert model.delivery("M03") is not None and model.delivery("M03").module_id == "M01"  # a check reports this
    assert model.delivery("M99") is None


def test_a_broken_delivery_file_is_reported_and_left_out(project, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(project, root)
    path = root / "curriculum" / "delivery" / "02-synthetic-2.yml"
    data = yamlio.load(path.read_text(encoding="utf-8"))
    data["sessions"][0]["activities"][0]["format"] = "lecture"
    path.write_text(dump(data), encoding="utf-8")
    model, diagnostics = load(root)
    assert [(d.code, d.loc.file) for d in diagnostics] == [("bad-value", "curriculum/delivery/02-synthetic-2.yml")]
    assert "delivery" not in model.loaded and model.delivery("M02") is None
    with pytest.raises(render.Unavailable):
        render.activities(model, render.Ctx(MODULE_PAGE), "M02")


def test_schema_is_strict_and_described():
    schema = schemas._schema("delivery", str(schemas.SCHEMA_DIR))

    def walk(node, path):
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, path
                for name, sub in node["properties"].items():
                    assert sub.get("description"), path + (name,)
            if "pattern" in node or path[-1:] in (("id",), ("task",), ("after_session",), ("criterion",)):
                pass
            for k, v in node.items():
                walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    walk(schema, ())
    session = schema["properties"]["sessions"]["items"]["properties"]
    assert session["id"]["pattern"] and session["activities"]["items"]["properties"]["id"]["pattern"]
    assert schema["properties"]["reflection_questions"]["items"]["properties"]["id"]["pattern"]
    assert schema["properties"]["briefs"]["items"]["properties"]["task"]["pattern"]


def test_fast_validator_agrees_with_jsonschema_on_delivery(project):
    import random

    from test_loader import _mutations

    data = yamlio.load((project / "curriculum" / "delivery" / "02-synthetic-2.yml").read_text(encoding="utf-8"))
    fast, slow = schemas.fast_validator("delivery"), schemas.validator("delivery")
    assert fast is not None and fast(data) and slow.is_valid(data)
    for doc in _mutations(data, random.Random("delivery"), 200):
        try:
            verdict = fast(doc)
        except schemas._Unsure:
            continue
        assert verdict == slow.is_valid(doc), doc


# --- learner edition --------------------------------------------------------------------


def test_learner_activities_show_tasks_only(model):
    out = render.activities(model, render.Ctx(MODULE_PAGE), "M01")
    assert out.splitlines()[0].startswith("1. **Activity 1 (30 minutes, in pairs).** LEARNERTASK-M01-A1")
    assert out.splitlines()[1].startswith("2. **Activity 2")
    assert "TUTORNOTE" not in out and "MODELANSWER" not in out
    assert "<script>" not in out and "&lt;script&gt;" in out  # YAML text is inert


def test_learner_reflection_questions_show_questions_only(model):
    out = render.reflection_questions(model, render.Ctx(MODULE_PAGE), "M01")
    assert out.startswith("- QUESTION-M01-R1 what did you notice?")
    assert "MODELANSWER" not in out and "<script>" not in out


def test_briefs_show_scenario_and_rubric_but_no_tutor_texts(model):
    out = render.assessment_briefs(model, render.Ctx(MODULE_PAGE), "M01")
    assert "BRIEF-M01-T1" in out and "BRIEF-M01-T2" in out
    assert "MET-M01-T1-1.1" in out and "NOTYET-M01-T2-2.2" in out
    assert "| Criterion | Met | Not yet met |" in out and "Merit" not in out
    assert "TUTORNOTE" not in out and "MODELANSWER" not in out


def test_each_brief_has_a_heading_with_its_own_anchor(model):
    out = render.assessment_briefs(model, render.Ctx(MODULE_PAGE), "M01")
    tasks = model.module("M01").assessment
    for t in tasks:
        assert f"### Brief for {t.id}: " in out and f"{{ #brief-{t.id.lower()} }}" in out
    assert out.index(f"#brief-{tasks[0].id.lower()}") < out.index(f"BRIEF-{tasks[0].id}")


def test_a_module_without_delivery_file_stops_the_build(model):
    with pytest.raises(render.BadArgument, match=r"03-synthetic-3\.yml"):
        render.activities(model, render.Ctx(MODULE_PAGE), "M03")
    with pytest.raises(render.UnknownId):
        render.reflection_questions(model, render.Ctx(MODULE_PAGE), "M77")


# --- tutor edition ----------------------------------------------------------------------


def test_tutor_edition_shows_scheme_of_work_notes_and_answers(model):
    ctx = render.Ctx(MODULE_PAGE, edition="tutor")
    out = render.activities(model, ctx, "M01")
    for marker in (
        "TUTORNOTE-M01-S1",
        "TUTORNOTE-M01-A1",
        "MODELANSWER-M01-A1",
        "MODELANSWER-M01-A2",
        "LEARNERTASK-M01-A2",
        "Handout 1",
        "### S1: Session 1 of M01 (300 minutes) { #session-s1 }",
    ):
        assert marker in out, marker
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "Week on Standard" in out
    minutes = model.delivery("M01").minutes  # the sessions' minutes, said as hours
    assert f"{render.text.number(minutes / 60)} guided hours" in out
    answers = render.reflection_questions(model, ctx, "M01")
    assert "QUESTION-M01-R1" in answers and "MODELANSWER-M01-R1" in answers


def test_pacing_places_sessions_by_the_pathway(model):
    pathway = model.programme.pathways[0]  # 10 hours a week; each synthetic module has 20 hours of study
    m2 = model.module("M02")
    assert session_weeks(model, model.module("M01"), model.delivery("M01"), pathway) == [1, 2]
    assert session_weeks(model, m2, model.delivery("M02"), pathway) == [3, 4]
    out = render.activities(model, render.Ctx(MODULE_PAGE, edition="tutor"), "M02")
    rows = [line for line in out.splitlines() if line.startswith(("| S1 ", "| S2 "))]
    assert rows[0].endswith("| 3 |") and rows[1].endswith("| 4 |")


def test_merit_distinction_columns_follow_the_programme_switch(project, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(project, root)
    prog = root / "curriculum" / "programme.yml"
    data = yamlio.load(prog.read_text(encoding="utf-8"))
    data["grading"] = {"merit_distinction": True}
    prog.write_text(dump(data), encoding="utf-8")
    model, _ = load(root)
    assert model.merit_distinction
    out = render.assessment_briefs(model, render.Ctx(MODULE_PAGE), "M01")
    assert "| Criterion | Met | Not yet met | Merit | Distinction |" in out


def test_delivery_macros_are_registered():
    for name in ("activities", "reflection_questions", "assessment_briefs"):
        assert render.MACROS[name] is getattr(render, name)
    assert render.EDITIONS == ("learner", "tutor")
