"""Print a validation result for people (text), for GitHub Actions (github) or for tools (json)."""

from __future__ import annotations

import json

from .diagnostics import Diagnostic, Severity
from .validate import Validation

FORMATS = ("text", "github", "json")


def failed(result: Validation, strict: bool) -> bool:
    return bool(result.errors) or (strict and bool(result.warnings))


_PLURALS = {"criterion": "criteria", "competency": "competencies"}


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _PLURALS.get(word, word + 's')}"


def summary(result: Validation, strict: bool = False) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if failed(result, strict):
        line = f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(result.files, 'file')}"
        if strict and warnings and not errors:
            line += " (--strict: warnings count as errors)"
        return line
    m = result.model
    outcomes = sum(len(x.outcomes) for x in m.modules)
    criteria = sum(len(x.criteria) for x in m.modules)
    return (
        f"curriculum OK: {_count(len(m.modules), 'module')}, {_count(outcomes, 'outcome')}, "
        f"{_count(criteria, 'criterion')}, {_count(len(m.competencies), 'competency')} "
        f"({_count(warnings, 'warning')})"
    )


def text(result: Validation, strict: bool = False) -> str:
    lines = [d.format() for d in result.sorted()]
    lines.append(summary(result, strict))
    return "\n".join(lines) + "\n"


# GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    props = [f"file={_escape_property(d.loc.file)}"]
    if d.loc.line:
        props.append(f"line={d.loc.line}")
        props.append(f"col={d.loc.col or 1}")
    props.append(f"title={_escape_property(d.code)}")
    message = f"{d.message} — {d.hint}" if d.hint else d.message
    kind = "error" if d.severity is Severity.ERROR else "warning"
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def github(result: Validation, strict: bool = False) -> str:
    lines = [github_line(d) for d in result.sorted()]
    lines.append(summary(result, strict))
    return "\n".join(lines) + "\n"


def as_json(result: Validation, strict: bool = False) -> str:
    return (
        json.dumps(
            {
                "ok": not failed(result, strict),
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "files": result.files,
                "diagnostics": [d.as_dict() for d in result.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def render(result: Validation, fmt: str = "text", strict: bool = False) -> str:
    return {"text": text, "github": github, "json": as_json}[fmt](result, strict)
