"""Diagnostics are values: every problem found in the curriculum becomes one of these.

Loaders and checks return lists of them instead of raising, so one run reports every
problem with its file and line, and the reporter decides how to print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Loc:
    """Where a node came from: a path relative to the project root, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __init__(self, file: str, line: int = 0, col: int = 0) -> None:
        # What dataclass would write, but through the slots themselves: its frozen __init__ goes
        # through object.__setattr__ for each field, twice as slow, and loading a large
        # curriculum makes hundreds of thousands of these.
        _set_file(self, file)
        _set_line(self, line)
        _set_col(self, col)

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


_set_file, _set_line, _set_col = (Loc.__dict__[name].__set__ for name in ("file", "line", "col"))


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.loc}: {self.severity.value} {self.code}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        return {
            "file": self.loc.file,
            "line": self.loc.line,
            "col": self.loc.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Code:
    """One rule's diagnostic code, as the catalogue (DIAGNOSTICS.md) lists it."""

    name: str
    severity: Severity
    meaning: str  # the rule, in a sentence
    fix: str  # what usually puts it right
    family: str  # the module that declares and reports it


# Every code, filled as the modules that report them are imported (see catalogue.py).
CATALOGUE: dict[str, Code] = {}


def declare(family: str, *codes: tuple[str, Severity, str, str]) -> dict[str, Code]:
    """Declare the codes a module reports, each once for the whole engine: one code per rule.

    Called at the top of the module that reports them, with its __name__ as the family.
    """
    declared = {}
    for name, severity, meaning, fix in codes:
        known = CATALOGUE.get(name)
        if known is not None and known.family != family:
            raise ValueError(f"diagnostic code '{name}' is declared by both {known.family} and {family}")
        declared[name] = CATALOGUE[name] = Code(name, severity, meaning, fix, family)
    return declared


ERROR, WARNING = Severity.ERROR, Severity.WARNING


def error(loc: Loc, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message, hint)


def warning(loc: Loc, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, Severity.WARNING, code, message, hint)


@dataclass
class Result:
    """What a run found: the diagnostics, sorted for stable output."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.loc, d.code, d.message))
