"""Check parsed YAML against the JSON Schemas in curriculum/schema/ and explain failures.

jsonschema's own messages are written for programmers; each failure here is turned into a
sentence a tutor can act on, pointing at the exact key or value.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from .diagnostics import ERROR, Diagnostic, Loc, declare, error
from .yamlsource import MAX_BYTES, UnsafeFile, YamlDoc, conflict_marker, read_repo_file

CODES = declare(
    __name__,
    (
        "schema-missing",
        ERROR,
        "A schema file of curriculum/schema/ is missing.",
        "Restore it from upstream (git checkout upstream/main -- the file).",
    ),
    (
        "schema-unreadable",
        ERROR,
        "A schema file is not JSON text that can be read.",
        "Restore it from upstream, or fix the JSON at the line given.",
    ),
    (
        "schema-invalid",
        ERROR,
        "A schema file is JSON but not a valid JSON Schema.",
        "Restore it from upstream, or fix the keyword the message names.",
    ),
    (
        "unknown-key",
        ERROR,
        "A curriculum file has a key its schema does not know.",
        "Correct the spelling (the message suggests the closest key), or remove it.",
    ),
    ("missing-field", ERROR, "A required key is missing.", "Add the key the message names."),
    (
        "wrong-type",
        ERROR,
        "A value is of the wrong type (text for a number, a list for a word ...).",
        "Write the kind of value the message asks for.",
    ),
    ("bad-value", ERROR, "A value is not one of those allowed.", "Use one of the values the message lists."),
    (
        "bad-format",
        ERROR,
        "A value is not in the expected form (an id pattern, a date, a URL).",
        "Write it in the form the message shows.",
    ),
    ("too-few", ERROR, "A list has fewer entries than it needs.", "Add entries."),
    ("duplicate-entry", ERROR, "A list holds the same entry twice.", "Remove the repeat."),
    (
        "out-of-range",
        ERROR,
        "A number is outside its allowed range.",
        "Use a number within the range the message gives.",
    ),
    ("empty-value", ERROR, "A value that must be filled in is empty.", "Fill it in."),
    (
        "schema",
        ERROR,
        "A curriculum file breaks another rule of its schema.",
        "Follow the schema description the message quotes.",
    ),
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
            out.append(pattern[i : i + 2])
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


# Optional packages jsonschema's format module imports when present. Importing them costs up to
# two seconds (rfc3987_syntax builds a grammar) for formats these schemas never use, so they are
# hidden while jsonschema is first imported; the formats used ("uri", "date") are checked here.
_SLOW_OPTIONAL = (
    "rfc3987_syntax",
    "rfc3987",
    "rfc3339_validator",
    "isoduration",
    "arrow",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "fqdn",
    "idna",
    "lark",
)


def _jsonschema():
    if "jsonschema" not in sys.modules:
        hidden = [name for name in _SLOW_OPTIONAL if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail fast
        try:
            import jsonschema  # noqa: F401
        finally:
            for name in hidden:
                if sys.modules.get(name) is None:
                    del sys.modules[name]
    return sys.modules["jsonschema"]


_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")


def _format_checker():
    """Only the formats the schemas use, with the same rules the fast path applies."""
    checker = _jsonschema().FormatChecker(formats=())
    checker.checks("uri")(lambda x: not isinstance(x, str) or _URI.fullmatch(x) is not None)
    checker.checks("date")(lambda x: not isinstance(x, str) or _sure_date(x))
    return checker


class SchemaProblem(Exception):
    """A schema file that cannot be used: carries the diagnostic that says so."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@cache
def validator(kind: str, schema_dir: str = str(SCHEMA_DIR)):
    """jsonschema's validator for one kind of file, built once (a Draft 2020-12 validator).

    Imported here, not at the top: a clean run never needs jsonschema (see fast_validator).
    Whole numbers are ints: YAML's 13.0 is not a whole number, though JSON Schema would accept it.
    """
    js = _jsonschema()
    schema = _schema(kind, schema_dir)
    try:
        js.Draft202012Validator.check_schema(schema)
    except js.exceptions.SchemaError as exc:
        raise SchemaProblem(_meta_problem(kind, schema_dir, exc)) from None
    strict = js.Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, x: type(x) is int)
    cls = js.validators.extend(js.Draft202012Validator, validators={"pattern": _pattern_keyword}, type_checker=strict)
    return cls(schema, format_checker=_format_checker())


def _schema_file(kind: str, schema_dir: str) -> Path:
    return Path(schema_dir) / f"{kind}.schema.json"


def _schema_name(path: Path) -> str:
    parts = path.as_posix().split("/")
    return "/".join(parts[-3:]) if "curriculum" in parts[-3:-2] else path.as_posix()


@cache
def _schema(kind: str, schema_dir: str) -> dict:
    path = _schema_file(kind, schema_dir)
    file = _schema_name(path)
    how = f"restore it from upstream (git checkout upstream/main -- {file}) or from your last good commit"
    if not path.exists() and not path.is_symlink():
        raise SchemaProblem(error(Loc(file, 1, 1), "schema-missing", f"the schema file {file} is missing", how))
    try:
        # read like every other file of the repository: an ordinary file inside it, size-bounded
        text = read_repo_file(path, Path(schema_dir).parents[1], MAX_BYTES, what="schema file").decode("utf-8")
    except UnsafeFile as exc:
        raise SchemaProblem(exc.diagnostic(file)) from None
    except UnicodeDecodeError:
        raise SchemaProblem(
            error(Loc(file, 1, 1), "schema-unreadable", "the schema file is not UTF-8 text", how)
        ) from None
    conflict = conflict_marker(text, file)
    if conflict:
        raise SchemaProblem(conflict)
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaProblem(
            error(
                Loc(file, exc.lineno, exc.colno),
                "schema-unreadable",
                f"the schema file is not valid JSON: {exc.msg}",
                how,
            )
        ) from None
    if not isinstance(schema, dict):
        raise SchemaProblem(
            error(Loc(file, 1, 1), "schema-unreadable", "the schema file does not hold a JSON object", how)
        )
    return schema


def _meta_problem(kind: str, schema_dir: str, exc) -> Diagnostic:
    path = _schema_file(kind, schema_dir)
    file, line = _schema_name(path), 1
    keys = [k for k in exc.absolute_path if isinstance(k, str)]
    if keys:  # the line of the last key named on the way to the mistake
        text = path.read_text(encoding="utf-8")
        at = text.find(f'"{keys[-1]}"')
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
    where = "/".join(str(k) for k in exc.absolute_path) or "the top level"
    return error(
        Loc(file, line, 1),
        "schema-invalid",
        f"the schema file is not a valid JSON Schema at {where}: {exc.message}",
        "restore it from upstream (git checkout upstream/main -- " + file + ")",
    )


def problem(kind: str, schema_dir: Path | None = None) -> Diagnostic | None:
    """Why the schema of one kind of file cannot be used, or None. Cheap when it can."""
    key = str(schema_dir or SCHEMA_DIR)
    try:
        _schema(kind, key)
        if fast_validator(kind, key) is None:
            validator(kind, key)  # only a schema the fast path cannot read needs the full meta-check
    except SchemaProblem as exc:
        return exc.diagnostic
    return None


def _where(path) -> str:
    parts: list[str] = []
    for p in path:
        parts.append(f"[{p + 1}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "".join(parts) or "the top level"


def _type_name(value) -> str:
    return {
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (keys and values)",
    "boolean": "true or false",
}


# The id and text forms the schemas require, in the words a contributor reads (never the pattern).
PATTERN_WORDS = {
    r"^M\d{2,3}$": "M and two or three digits, e.g. M04",
    r"^C\d+$": "C and a number, e.g. C12",
    r"^D\d+$": "D and a number, e.g. D3",
    r"^X\d+$": "X and a number, e.g. X2",
    r"^Q\d+$": "Q and a number, e.g. Q7",
    r"^A\d+$": "A and a number, e.g. A1",
    r"^R\d+$": "R and a number, e.g. R1",
    r"^S\d+$": "S and a number, e.g. S1",
    r"^[^/].*\.md$": "the path of a page under docs/, without a leading /, ending .md, e.g. about.md",
    r"^M\d{2,3}-LO\d+$": "a module id, -LO and the outcome's number, e.g. M04-LO2",
    r"^M\d{2,3}-T\d+$": "the module id, -T and a number, e.g. M04-T1",
    r"^\d+\.\d+$": "two whole numbers joined by a full stop, in quotes, e.g. '1.2'",
    r"^\d+\.\d+\.\d+$": "three whole numbers joined by full stops, e.g. 1.0.0",
    r"^[a-z0-9][a-z0-9-]*$": "lower-case letters, digits and hyphens, e.g. smith-2020",
    r"^[A-Za-z0-9-]+$": "letters, digits and hyphens only, no spaces, e.g. CPSCP",
    r"^modules/[a-z0-9-]+\.md$": "modules/, then lower-case letters, digits and hyphens, then .md, "
    "e.g. modules/04-client-interaction.md",
    r"^https?://": "a web address starting with https://",
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD, e.g. 2026-11-28",
}


def pattern_words(pattern: str) -> str:
    return PATTERN_WORDS.get(pattern, "")


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
        return (
            f"It contains '{odd}' ({name}), which looks like a plain character but is not: "
            "retype it with the ordinary letters A-Z, a-z and digits 0-9."
        )
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
        return error(
            doc.loc(path),
            "missing-field",
            f"missing required key '{missing}' in {where}",
            f"add '{missing}:' here. {prop.get('description', '')}".strip(),
        )
    if v == "type":
        names = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in names)
        hint = _describe(err)
        if isinstance(err.instance, float) and want == "text":
            hint = f"put it in quotes, e.g. '{err.instance}' — unquoted, YAML reads it as a number. {hint}"
        elif isinstance(err.instance, float) and err.instance.is_integer() and "whole number" in want:
            return error(
                doc.loc(path),
                "wrong-type",
                f"{where} is {err.instance}, but it should be a whole number",
                f"write {int(err.instance)}, without the decimal point. {hint}".strip(),
            )
        return error(doc.loc(path), "wrong-type", f"{where} should be {want}, not {_type_name(err.instance)}", hint)
    if v == "enum":
        return error(
            doc.loc(path),
            "bad-value",
            f"{where} is '{err.instance}', which is not allowed",
            f"use one of: {', '.join(map(str, err.validator_value))}",
        )
    if v == "pattern":
        words = pattern_words(err.validator_value)
        hint = f"write it as {words}." if words else ""
        return error(
            doc.loc(path),
            "bad-format",
            f"{where} value {_shown(err.instance)} is not in the expected form",
            " ".join(filter(None, (_odd_characters(err.instance), hint, _describe(err))))
            or "check the spelling against the other entries of this kind",
        )
    if v == "oneOf" and path and path[-1] == "level":
        return error(
            doc.loc(path),
            "bad-value",
            f"{where} is '{err.instance}', which is not a level",
            "use E1, E2, E3 or a number from 1 to 8",
        )
    if v in ("minItems", "minProperties"):
        return error(
            doc.loc(path),
            "too-few",
            f"{where} needs at least {err.validator_value} entr{'y' if err.validator_value == 1 else 'ies'}",
            _describe(err),
        )
    if v == "uniqueItems":
        return error(doc.loc(path), "duplicate-entry", f"{where} lists the same entry twice", "remove the repeat")
    if v == "format":
        return error(
            doc.loc(path),
            "bad-format",
            f"{where} value '{err.instance}' is not a valid {err.validator_value}",
            "dates are written YYYY-MM-DD" if err.validator_value == "date" else _describe(err),
        )
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return error(
            doc.loc(path),
            "out-of-range",
            f"{where} is {err.instance}, outside the allowed range ({v} {err.validator_value})",
            _describe(err),
        )
    if v == "minLength":
        return error(doc.loc(path), "empty-value", f"{where} is empty", f"fill it in. {_describe(err)}".strip())
    return error(doc.loc(path), "schema", f"{where}: {err.message}", _describe(err))


def check(doc: YamlDoc, kind: str, schema_dir: Path | None = None) -> list[Diagnostic]:
    key = (kind, str(schema_dir or SCHEMA_DIR))
    unusable = problem(kind, schema_dir)
    if unusable:
        return [unusable]
    fast = fast_validator(*key)
    if fast is not None:
        try:
            if fast(doc.data):
                return []
        except _Unsure:
            pass
    # Invalid (or undecided): let jsonschema find and describe every failure.
    try:
        full = validator(*key)
    except SchemaProblem as exc:
        return [exc.diagnostic]
    return [explain(doc, err) for err in full.iter_errors(doc.data)]


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
    return type(x) is int or type(x) is float


_TYPES: dict[str, Predicate] = {
    "string": lambda x: type(x) is str,
    "integer": lambda x: type(x) is int,  # 13.0 is not a whole number here (see validator)
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
    kind = schema.get("type")
    shape = _SHAPES.get(kind) if isinstance(kind, str) else None  # a list of types has no shape
    if shape is not None and set(schema) - _IGNORED <= shape[0]:
        return shape[1](schema)
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


# The commonest schemas (text, lists, records), each as one predicate that tests the type once:
# half the time of checking a file, against one small predicate per keyword.


def _text(schema: dict) -> Predicate:
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    rx = pattern_regex(schema["pattern"]) if "pattern" in schema else None
    if high is None and rx is None:
        return lambda x: type(x) is str and len(x) >= low
    return lambda x: (
        type(x) is str
        and len(x) >= low
        and (high is None or len(x) <= high)
        and (rx is None or rx.search(x) is not None)
    )


def _list(schema: dict) -> Predicate:
    item = _compile(schema.get("items", True))
    low, unique = schema.get("minItems", 0), schema.get("uniqueItems", False)

    def test(x) -> bool:
        if type(x) is not list or len(x) < low:
            return False
        for i in x:
            if not item(i):
                return False
        return _unique(x) if unique else True

    return test


def _record(schema: dict) -> Predicate:
    required = tuple(schema.get("required", ()))
    properties = _properties(schema.get("properties", {}), schema.get("additionalProperties", True))

    def test(x) -> bool:
        if type(x) is not dict:
            return False
        for name in required:
            if name not in x:
                return False
        return properties(x)

    return test


_SHAPES: dict[str, tuple[set[str], Callable[[dict], Predicate]]] = {
    "string": ({"type", "minLength", "maxLength", "pattern"}, _text),
    "array": ({"type", "items", "minItems", "uniqueItems"}, _list),
    "object": ({"type", "required", "properties", "additionalProperties"}, _record),
}


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
        compare = {
            "minimum": lambda x: x >= value,
            "maximum": lambda x: x <= value,
            "exclusiveMinimum": lambda x: x > value,
            "exclusiveMaximum": lambda x: x < value,
        }[key]
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
_SIMPLE_URI = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
    rf"(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?",
    re.ASCII,
)
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
    except (_Unsupported, KeyError, TypeError, ValueError, re.error):  # unusual or broken: jsonschema decides
        return None
