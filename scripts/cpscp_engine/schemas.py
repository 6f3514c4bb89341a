"""Check parsed YAML against the JSON Schemas in curriculum/schema/ and explain failures.

jsonschema's own messages are written for programmers; each failure here is turned into a
sentence a tutor can act on, pointing at the exact key or value.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from .diagnostics import ERROR, Diagnostic, Loc, declare, error
from .yamlsource import MAX_BYTES, UnsafeFile, YamlDoc, read_repo_file

CODES = declare(__name__,
    ("bad-schema", ERROR, "A schema file in curriculum/schema/ is not valid JSON, so nothing of its kind can be checked.",
     "Restore the file from the upstream handbook, or correct the JSON."),
    ("unknown-key", ERROR, "A curriculum file has a key its schema does not know.",
     "Correct the spelling (the message suggests the closest key), or remove it."),
    ("missing-field", ERROR, "A required key is missing.",
     "Add the key the message names."),
    ("wrong-type", ERROR, "A value is of the wrong type (text for a number, a list for a word ...).",
     "Write the kind of value the message asks for."),
    ("bad-value", ERROR, "A value is not one of those allowed.",
     "Use one of the values the message lists."),
    ("bad-format", ERROR, "A value is not in the expected form (an id pattern, a date, a URL).",
     "Write it in the form the message shows."),
    ("too-few", ERROR, "A list has fewer entries than it needs.",
     "Add entries."),
    ("duplicate-entry", ERROR, "A list holds the same entry twice.",
     "Remove the repeat."),
    ("out-of-range", ERROR, "A number is outside its allowed range.",
     "Use a number within the range the message gives."),
    ("empty-value", ERROR, "A value that must be filled in is empty.",
     "Fill it in."),
    ("schema", ERROR, "A curriculum file breaks another rule of its schema.",
     "Follow the schema description the message quotes."),
)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "curriculum" / "schema"
KINDS = ("programme", "module", "competencies", "assessment", "glossary", "references", "delivery")


@cache
def pattern_regex(pattern: str) -> re.Pattern:
    """A schema pattern compiled with the meaning JSON Schema gives it (ECMA-262), not Python's.

    Python's `re` lets `$` match before a final line break and `\\d`, `\\w` match any Unicode
    digit or letter, so "M13\\n", "M１３" and "M٠١" would pass `^M\\d{2,3}$`. Here `$` (outside a
    character class) matches only at the very end and the classes are ASCII.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append("\\Z" if ch == "$" and not in_class else ch)
        i += 1
    return re.compile("".join(out), re.ASCII)


def _pattern_keyword(validator, pattern, instance, schema):
    """jsonschema's `pattern` keyword with pattern_regex's semantics."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not pattern_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator(kind: str, schema_dir: str = str(SCHEMA_DIR)):
    """jsonschema's validator for one kind of file, built once (a Draft202012Validator).

    Imported here, not at the top: importing jsonschema costs over a second when its optional
    format packages are installed, and a clean run never needs it (see fast_validator).
    """
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.validators import extend

    schema = _schema(kind, schema_dir)
    Draft202012Validator.check_schema(schema)
    strict = extend(Draft202012Validator, validators={"pattern": _pattern_keyword})
    return strict(schema, format_checker=FormatChecker())


@cache
def _schema(kind: str, schema_dir: str) -> dict:
    # Read like every other file of the repository: an ordinary file inside it, size-bounded.
    path = Path(schema_dir) / f"{kind}.schema.json"
    return json.loads(read_repo_file(path, Path(schema_dir).parents[1], MAX_BYTES, what="schema file").decode("utf-8"))


def _schema_problem(kind: str, schema_dir: str) -> Diagnostic | None:
    """Why the schema of `kind` cannot be used, as a diagnostic at the schema file (None if it can)."""
    file = f"curriculum/schema/{kind}.schema.json"
    try:
        _schema(kind, schema_dir)
    except UnsafeFile as problem:
        return problem.diagnostic(file)
    except ValueError:  # not UTF-8, or not JSON
        return error(Loc(file, 1, 1), "bad-schema", "the schema file is not valid JSON",
                     f"restore it from the upstream handbook (git checkout upstream/main -- {file}) or fix the JSON")
    return None


def _where(path) -> str:
    parts: list[str] = []
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


def _shown(value, limit: int = 60) -> str:
    """A value quoted for a one-line message: line breaks and other invisible characters spelt out."""
    text = str(value)
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[:limit])
    return f"'{shown}{'…' if len(text) > limit else ''}'"


def _odd_characters(value) -> str:
    """What makes an identifier look right but fail: white space at an end, non-ASCII look-alikes."""
    if not isinstance(value, str):
        return ""
    if value != value.strip():
        return "It has a space or line break at the start or end (in YAML, a `|` or `>` block or a \\n in quotes adds one): remove it."
    odd = next((ch for ch in value if not ch.isascii()), None)
    if odd is not None:
        name = unicodedata.name(odd, "an unnamed character").lower()
        return (f"It contains '{odd}' ({name}), which looks like a plain character but is not: "
                "retype it with the ordinary letters A-Z, a-z and digits 0-9.")
    return ""


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
            hint += ("" if hint.endswith("?") else ".") + f" Allowed keys here: {', '.join(allowed)}"
        return error(doc.key_loc(path + (key,)), "unknown-key", f"unknown key '{key}' in {where}", hint)
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        prop = err.schema.get("properties", {}).get(missing, {})
        return error(doc.loc(path), "missing-field", f"missing required key '{missing}' in {where}",
                     f"add '{missing}:' here. {prop.get('description', '')}".strip())
    if v == "type":
        names = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in names)
        hint = _describe(err)
        if isinstance(err.instance, float) and want == "text":
            hint = f"put it in quotes, e.g. '{err.instance}' — unquoted, YAML reads it as a number. {hint}"
        return error(doc.loc(path), "wrong-type", f"{where} should be {want}, not {_type_name(err.instance)}", hint)
    if v == "enum":
        return error(doc.loc(path), "bad-value",
                     f"{where} is '{err.instance}', which is not allowed",
                     f"use one of: {', '.join(map(str, err.validator_value))}")
    if v == "pattern":
        return error(doc.loc(path), "bad-format", f"{where} value {_shown(err.instance)} is not in the expected form",
                     " ".join(filter(None, (_odd_characters(err.instance), _describe(err)))) or
                     "check the spelling against the other entries of this kind")
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
    key = (kind, str(schema_dir or SCHEMA_DIR))
    problem = _schema_problem(*key)
    if problem:
        return [problem]
    fast = fast_validator(*key)
    if fast is not None:
        try:
            if fast(doc.data):
                return []
        except _Unsure:
            pass
    # Invalid (or undecided): let jsonschema find and describe every failure.
    return [explain(doc, err) for err in validator(*key).iter_errors(doc.data)]


# --- fast path ---------------------------------------------------------------------------
# jsonschema is exact but slow (about 1 ms per module file), and nearly every file is valid.
# The schemas use a small set of keywords, so they are compiled once into plain Python
# predicates; a file they accept is valid, and anything else goes to jsonschema for the
# messages. A keyword outside the set disables the fast path for that schema.

class _Unsure(Exception):
    """The fast path cannot decide (e.g. unusual values): ask jsonschema."""


_IGNORED = {"$schema", "$id", "$comment", "title", "description", "default", "examples"}
Predicate = Callable[[object], bool]


def _is_number(x) -> bool:
    return (type(x) is int or type(x) is float)


_TYPES: dict[str, Predicate] = {
    "string": lambda x: type(x) is str,
    "integer": lambda x: type(x) is int or (type(x) is float and x.is_integer()),
    "number": _is_number,
    "object": lambda x: type(x) is dict,
    "array": lambda x: type(x) is list,
    "boolean": lambda x: type(x) is bool,
    "null": lambda x: x is None,
}


class _Unsupported(Exception):
    pass


def _compile(schema) -> Predicate:
    if schema is True:
        return lambda x: True
    if schema is False:
        return lambda x: False
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    tests: list[Predicate] = []
    for key, value in sorted(schema.items(), key=lambda kv: kv[0] != "type"):
        if key in _IGNORED or key in ("properties", "additionalProperties"):
            continue
        tests.append(_keyword(key, value, schema))
    if "properties" in schema or "additionalProperties" in schema:
        tests.append(_properties(schema.get("properties", {}), schema.get("additionalProperties", True)))
    if len(tests) == 1:
        return tests[0]
    tests_ = tuple(tests)

    def all_of(x) -> bool:
        for t in tests_:
            if not t(x):
                return False
        return True
    return all_of


def _keyword(key: str, value, schema: dict) -> Predicate:
    if key == "type":
        names = value if isinstance(value, list) else [value]
        preds = [_TYPES[n] for n in names]
        if len(preds) == 1:
            return preds[0]
        return lambda x: any(p(x) for p in preds)
    if key == "required":
        keys = tuple(value)
        return lambda x: type(x) is not dict or all(n in x for n in keys)
    if key == "items":
        item = _compile(value)

        def items(x) -> bool:
            if type(x) is list:
                for i in x:
                    if not item(i):
                        return False
            return True
        return items
    if key in ("minItems", "maxItems", "minProperties", "maxProperties"):
        kind = list if "Items" in key else dict
        low = key.startswith("min")
        return lambda x: type(x) is not kind or (len(x) >= value if low else len(x) <= value)
    if key in ("minLength", "maxLength"):
        low = key == "minLength"
        return lambda x: type(x) is not str or (len(x) >= value if low else len(x) <= value)
    if key == "uniqueItems":
        if not value:
            return lambda x: True
        return _unique
    if key == "pattern":
        rx = pattern_regex(value)
        return lambda x: type(x) is not str or rx.search(x) is not None
    if key == "enum":
        if not all(type(v) is str for v in value):
            raise _Unsupported("enum of non-strings")
        allowed = frozenset(value)
        return lambda x: type(x) is str and x in allowed
    if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        compare = {"minimum": lambda x: x >= value, "maximum": lambda x: x <= value,
                   "exclusiveMinimum": lambda x: x > value, "exclusiveMaximum": lambda x: x < value}[key]
        return lambda x: not _is_number(x) or compare(x)
    if key == "oneOf":
        options = [_compile(s) for s in value]
        return lambda x: sum(1 for o in options if o(x)) == 1
    if key == "propertyNames":
        name = _compile(value)
        return lambda x: type(x) is not dict or all(name(k) for k in x)
    if key == "format":
        sure = _SURE_FORMATS.get(value)
        if sure is None:
            raise _Unsupported(f"format {value}")

        def conforms(x) -> bool:
            if type(x) is not str or sure(x):
                return True
            raise _Unsure  # jsonschema's checker (which depends on installed packages) decides
        return conforms
    raise _Unsupported(key)


_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_SIMPLE_URI = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
                         rf"(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _sure_date(x: str) -> bool:
    if not _DATE.fullmatch(x):
        return False
    try:
        date.fromisoformat(x)
    except ValueError:
        return False
    return True


# Values these accept are valid under any checker jsonschema may use; others go to jsonschema.
# Only strings are given to them (a format says nothing about other types).
_SURE_FORMATS: dict[str, Callable[[str], bool]] = {
    "uri": lambda x: _SIMPLE_URI.fullmatch(x) is not None,
    "date": _sure_date,
}


def _properties(props: dict, additional) -> Predicate:
    compiled = {name: _compile(s) for name, s in props.items()}
    extra = None if additional is True else _compile(additional)

    def test(x) -> bool:
        if type(x) is not dict:
            return True
        for k, v in x.items():
            p = compiled.get(k)
            if p is not None:
                if not p(v):
                    return False
            elif extra is not None and not extra(v):
                return False
        return True
    return test


def _unique(x) -> bool:
    if type(x) is not list:
        return True
    if not all(type(i) is str for i in x):
        raise _Unsure  # jsonschema's equality rules for numbers, bools and containers
    return len(set(x)) == len(x)


@cache
def fast_validator(kind: str, schema_dir: str = str(SCHEMA_DIR)) -> Predicate | None:
    # No meta-check here (that needs jsonschema): tests/test_loader.py checks every schema.
    try:
        return _compile(_schema(kind, schema_dir))
    except (_Unsupported, KeyError):
        return None
