"""Check parsed YAML against the JSON Schemas in curriculum/schema/ and explain failures.

jsonschema's own messages are written for programmers; each failure here is turned into a
sentence a tutor can act on, pointing at the exact key or value.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from .diagnostics import Diagnostic, error
from .yamlsource import YamlDoc

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "curriculum" / "schema"
KINDS = ("programme", "module", "competencies", "assessment", "glossary", "references")


@lru_cache(maxsize=None)
def validator(kind: str, schema_dir: str = str(SCHEMA_DIR)) -> Draft202012Validator:
    schema = json.loads((Path(schema_dir) / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _where(path) -> str:
    parts = []
    for p in path:
        parts.append(f"[{p + 1}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "".join(parts) or "the top level"


def _type_name(value) -> str:
    return {bool: "true/false", int: "a whole number", float: "a number", str: "text", list: "a list",
            dict: "a mapping", type(None): "empty"}.get(type(value), type(value).__name__)


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a mapping (keys and values)", "boolean": "true or false"}


def _describe(err) -> str:
    desc = err.schema.get("description", "") if isinstance(err.schema, dict) else ""
    return desc


def explain(doc: YamlDoc, err) -> Diagnostic:
    path = tuple(err.absolute_path)
    where = _where(path)
    v = err.validator
    if v == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it or check the spelling"
        if allowed:
            hint += f" Allowed keys here: {', '.join(allowed)}"
        return error(doc.key_loc(path + (key,)), "unknown-key", f"unknown key '{key}' in {where}", hint)
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        prop = err.schema.get("properties", {}).get(missing, {})
        return error(doc.loc(path), "missing-field", f"missing required key '{missing}' in {where}",
                     f"add '{missing}:' here. {prop.get('description', '')}".strip())
    if v == "type":
        want = err.validator_value
        want = " or ".join(_TYPE_WORDS.get(t, t) for t in want) if isinstance(want, list) else _TYPE_WORDS.get(want, want)
        hint = _describe(err)
        if isinstance(err.instance, float) and want == "text":
            hint = f"put it in quotes, e.g. '{err.instance}' — unquoted, YAML reads it as a number. {hint}"
        return error(doc.loc(path), "wrong-type", f"{where} should be {want}, not {_type_name(err.instance)}", hint)
    if v == "enum":
        return error(doc.loc(path), "bad-value",
                     f"{where} is '{err.instance}', which is not allowed",
                     f"use one of: {', '.join(map(str, err.validator_value))}")
    if v == "pattern":
        return error(doc.loc(path), "bad-format", f"{where} value '{err.instance}' is not in the expected form",
                     _describe(err) or f"it must match {err.validator_value}")
    if v == "oneOf" and path and path[-1] == "level":
        return error(doc.loc(path), "bad-value", f"{where} is '{err.instance}', which is not a level",
                     "use E1, E2, E3 or a number from 1 to 8")
    if v in ("minItems", "minProperties"):
        return error(doc.loc(path), "too-few", f"{where} needs at least {err.validator_value} entr{'y' if err.validator_value == 1 else 'ies'}",
                     _describe(err))
    if v == "uniqueItems":
        return error(doc.loc(path), "duplicate-entry", f"{where} lists the same entry twice", "remove the repeat")
    if v == "format":
        return error(doc.loc(path), "bad-format", f"{where} value '{err.instance}' is not a valid {err.validator_value}",
                     "dates are written YYYY-MM-DD" if err.validator_value == "date" else _describe(err))
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return error(doc.loc(path), "out-of-range", f"{where} is {err.instance}, outside the allowed range ({v} {err.validator_value})",
                     _describe(err))
    if v == "minLength":
        return error(doc.loc(path), "empty-value", f"{where} is empty", f"fill it in. {_describe(err)}".strip())
    return error(doc.loc(path), "schema", f"{where}: {err.message}", _describe(err))


def check(doc: YamlDoc, kind: str, schema_dir: Path | None = None) -> list[Diagnostic]:
    v = validator(kind, str(schema_dir or SCHEMA_DIR))
    return [explain(doc, err) for err in v.iter_errors(doc.data)]
