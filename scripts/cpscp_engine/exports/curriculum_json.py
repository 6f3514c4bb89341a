"""curriculum.json: the whole model as plain JSON, and the JSON Schema that describes it."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from ..diagnostics import Loc
from ..model import Curriculum
from ..vocab import answer_letters, map_values
from . import attribution, licence_url

FORMAT_VERSION = "1.0"


def _refs(pairs) -> list[str]:
    return [key for key, _ in pairs]


def _plain(value):
    """A programme setting as JSON: records become objects (without source positions), pairs their keys."""
    if is_dataclass(value):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if f.name not in ("loc", "field_locs", "file") and getattr(value, f.name) not in ("", None, ())
        }
    if isinstance(value, tuple):
        return [v[0] if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Loc) else _plain(v) for v in value]
    return value


def _edition(model: Curriculum) -> dict:
    from ..edition import edition

    ed = edition(model)
    return {"version": ed.version, "status": ed.status, "reviewed": ed.reviewed}


def _programme(model: Curriculum) -> dict:
    p = model.require_programme()
    out = {name: _plain(getattr(p, name)) for name in p.settings() if name != "content_policy"}
    out["totals"] = model.totals()  # follows from the modules the programme lists
    return out


def export(model: Curriculum) -> dict:
    p = model.require_programme()
    programme = _programme(model)
    return {
        "format": "cpscp-curriculum",
        "format_version": FORMAT_VERSION,
        "title": f"{p.title} ({p.short_code}): curriculum",
        "attribution": attribution(model),
        "license": licence_url(model),
        "programme": programme,
        "edition": _edition(model),
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "description": d.description,
                "competencies": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "statement": c.statement,
                        **({"retired": True, "replaced_by": c.replaced_by} if c.retired else {}),
                    }
                    for c in d.competencies
                ],
            }
            for d in model.domains
        ],
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "order": m.number,
                "summary": m.summary,
                "level": m.level,
                "glh": m.glh,
                "tqt": m.tqt,
                "credits": m.credits,
                "page": m.page,
                "prerequisites": _refs(m.prerequisites),
                "outcomes": [
                    {
                        "id": o.global_id,
                        "number": o.number,
                        "text": o.text,
                        "criteria": [
                            {"id": c.global_id, "number": c.id, "text": c.text, "bloom": c.bloom} for c in o.criteria
                        ],
                    }
                    for o in m.outcomes
                ],
                "competencies": {e.competency_id: e.value for e in m.competencies},
                "assessment": [
                    {
                        "id": t.id,
                        "type": t.type,
                        "title": t.title,
                        "description": t.description,
                        "weighting": t.weighting,
                        "criteria": [f"{m.id}-AC{c}" for c, _ in t.criteria],
                    }
                    for t in m.assessment
                ],
                "references": _refs(m.references),
            }
            for m in model.modules
        ],
        "exam": None
        if model.exam is None
        else {
            "title": model.exam.title,
            "format": model.exam.format,
            "duration_minutes": model.exam.duration_minutes,
            "total_items": model.exam.total_items,
            "pass_mark_percent": model.exam.pass_mark_percent,
            "standard_setting": model.exam.standard_setting,
            "domains": [
                {
                    "id": d.id,
                    "title": d.title,
                    "weight": d.weight,
                    "items": d.items,
                    "competencies": _refs(d.competencies),
                }
                for d in model.exam.domains
            ],
        },
        "practice_questions": [
            {
                "id": q.id,
                "domain": q.domain,
                "outcome": q.outcome,
                "stem": q.stem,
                "options": list(q.options),
                "answer": q.answer,
                "rationale": q.rationale,
                "references": _refs(q.references),
            }
            for q in model.questions
        ],
        "glossary": [
            {
                "id": t.id,
                "term": t.term,
                "definition": t.definition,
                "see_also": _refs(t.see_also),
                "references": _refs(t.references),
            }
            for t in model.terms
        ],
        "references": [
            {
                k: v
                for k, v in {
                    "id": r.id,
                    "type": r.type,
                    "author": r.author,
                    "year": r.year,
                    "title": r.title,
                    "publisher": r.publisher,
                    "url": r.url,
                    "accessed": r.accessed,
                    "note": r.note,
                }.items()
                if v != ""
            }
            for r in model.references
        ],
    }


def _obj(props: dict, required: list[str] | None = None, desc: str = "") -> dict:
    out = {
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "required": list(props) if required is None else required,
    }
    if desc:
        out["description"] = desc
    return out


_S = {"type": "string"}
_I = {"type": "integer"}
_N = {"type": "number"}
_SL = {"type": "array", "items": _S}


def schema(model: Curriculum) -> dict:
    """JSON Schema (2020-12) of what export() produces, so consumers can validate it."""
    p = model.require_programme()
    criterion = _obj({"id": _S, "number": _S, "text": _S, "bloom": _S})
    outcome = _obj({"id": _S, "number": _I, "text": _S, "criteria": {"type": "array", "items": criterion}})
    task = _obj({"id": _S, "type": _S, "title": _S, "description": _S, "weighting": _I, "criteria": _SL})
    module = _obj(
        {
            "id": _S,
            "title": _S,
            "order": _I,
            "summary": _S,
            "level": _S,
            "glh": _I,
            "tqt": _I,
            "credits": _I,
            "page": _S,
            "prerequisites": _SL,
            "outcomes": {"type": "array", "items": outcome},
            "competencies": {"type": "object", "additionalProperties": {"enum": list(map_values())}},
            "assessment": {"type": "array", "items": task},
            "references": _SL,
        }
    )
    competency = _obj(
        {"id": _S, "title": _S, "statement": _S, "retired": {"type": "boolean"}, "replaced_by": _S},
        ["id", "title", "statement"],
    )
    domain = _obj({"id": _S, "title": _S, "description": _S, "competencies": {"type": "array", "items": competency}})
    exam_domain = _obj({"id": _S, "title": _S, "weight": _N, "items": _I, "competencies": _SL})
    exam = _obj(
        {
            "title": _S,
            "format": _S,
            "duration_minutes": _I,
            "total_items": _I,
            "pass_mark_percent": _N,
            "standard_setting": _S,
            "domains": {"type": "array", "items": exam_domain},
        }
    )
    question = _obj(
        {
            "id": _S,
            "domain": _S,
            "outcome": _S,
            "stem": _S,
            "options": _SL,
            "answer": {"enum": list(answer_letters())},
            "rationale": _S,
            "references": _SL,
        }
    )
    term = _obj({"id": _S, "term": _S, "definition": _S, "see_also": _SL, "references": _SL})
    reference = _obj(
        {
            "id": _S,
            "type": _S,
            "author": _S,
            "year": _I,
            "title": _S,
            "publisher": _S,
            "url": _S,
            "accessed": _S,
            "note": _S,
        },
        ["id", "type", "author", "year", "title", "publisher", "accessed"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "curriculum.schema.json",
        "title": f"{p.short_code} curriculum export",
        "description": f"The whole curriculum of the {p.title} handbook as one JSON document (curriculum.json). "
        + attribution(model),
        **_obj(
            {
                "format": {"const": "cpscp-curriculum"},
                "format_version": {"const": FORMAT_VERSION},
                "title": {"type": "string", "description": "The programme's name and short code."},
                "attribution": {
                    "type": "string",
                    "description": "The attribution notice the content licence requires.",
                },
                "license": {"type": "string", "description": "Web address of the content licence."},
                "programme": {
                    "type": "object",
                    "description": "programme.yml (see curriculum/schema/programme.schema.json), with totals summed over its modules.",
                },
                "edition": _obj({"version": _S, "status": _S, "reviewed": _S}),
                "domains": {"type": "array", "items": domain},
                "modules": {"type": "array", "items": module},
                "exam": {"oneOf": [exam, {"type": "null"}]},
                "practice_questions": {"type": "array", "items": question},
                "glossary": {"type": "array", "items": term},
                "references": {"type": "array", "items": reference},
            }
        ),
    }
