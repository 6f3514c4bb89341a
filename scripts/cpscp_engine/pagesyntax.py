"""The page grammar: Markdown, macro calls with literal arguments, and nothing else Jinja could run.

Pages are rendered by Jinja, which can evaluate expressions, read attributes, call any name
in reach and include files. The handbook needs none of that, and a page that could do it
could run commands on the machine of whoever previews a pull request. So a page may hold
only:

- `{{ name("literal", ...) }}` where `name` is a macro of render/registry.py and every
  argument is a literal (a string in straight quotes, a whole or decimal number, true or
  false), positional or `keyword=literal` as the macro allows;
- `{% raw %}...{% endraw %}`, the one statement, to show braces as they are;
- `{# comments #}`.

`scan` reads a page the way Jinja's lexer finds tags (code blocks included: Jinja renders
them too) and returns the calls, with their arguments bound to the macro's parameters, and
a Problem for anything else. It is one pass over the text, linear in its length.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .diagnostics import ERROR, declare
from .render.registry import MACROS, REFERENCE, ArgumentError, Param, macro_taking

# render/registry.py's ArgumentError is reported as MACRO_ARGUMENTS.
STATEMENT = "page-statement"
EXPRESSION = "page-expression"
UNKNOWN_MACRO = "unknown-macro"
CURLY_QUOTES = "curly-quotes"
MACRO_ARGUMENTS = "macro-arguments"
UNBALANCED = "unbalanced-braces"
# The call the messages show as an example: a citation, as the registry writes one.
EXAMPLE = macro_taking(REFERENCE).usage()

CODES = declare(
    __name__,
    (
        STATEMENT,
        ERROR,
        "A page holds a template statement ({% set %}, {% include %}, {% if %} ...); pages cannot run statements.",
        "Write the text itself; put braces to show as they are between {% raw %} and {% endraw %}.",
    ),
    (
        EXPRESSION,
        ERROR,
        "A page holds something in {{ }} other than a macro call with literal arguments: a name, "
        "an attribute, a filter, a sum.",
        f"Write a macro call such as {EXAMPLE}, or use {{% raw %}} ... {{% endraw %}}.",
    ),
    (
        UNKNOWN_MACRO,
        ERROR,
        "A page calls a macro the handbook does not have.",
        "Correct the name; the message suggests the closest.",
    ),
    (
        CURLY_QUOTES,
        ERROR,
        "A macro call uses curly quotes, which do not quote text in a template.",
        "Type straight quotes \" or '.",
    ),
    (
        MACRO_ARGUMENTS,
        ERROR,
        "A macro is given arguments it does not take, or of the wrong kind.",
        "Write the call as the message shows.",
    ),
    (
        UNBALANCED,
        ERROR,
        "A {{, {%, {# or {% raw %} is never closed, or a }} or %} ends a call opened with one brace.",
        "Close it, or put the braces between {% raw %} and {% endraw %}.",
    ),
)

RAW = "{% raw %}"
ENDRAW = "{% endraw %}"
RAW_HINT = f"to show these characters as they are, put them between {RAW} and {ENDRAW}"


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple
    kwargs: tuple[tuple[str, Any], ...]
    offset: int  # of the macro's name
    bound: tuple[tuple[Param, Any], ...]
    span: tuple[int, int] = (0, 0)  # of the whole {{ … }}: where expand() puts what the call returns

    def key(self) -> tuple:
        """What identifies the call when it runs: its name and literal arguments."""
        return self.name, self.args, self.kwargs


@dataclass(frozen=True)
class Problem:
    offset: int
    code: str
    message: str
    hint: str


_OPEN = re.compile(r"\{[{%#]")
_STRAY = re.compile(r"\}\}|%\}")
_ONE_BRACE = re.compile(r"\{[ \t]*[A-Za-z_]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_SPACE = re.compile(r"[ \t\r\n]*")
_END_RAW = re.compile(r"\{%[-+]?[ \t\r\n]*endraw[ \t\r\n]*[-+]?%\}")
CURLY = "\u201c\u201d\u2018\u2019\u201e\u201f\u201a\u201b\u00ab\u00bb\u2032\u2033"
_BOOLEANS = {"true": True, "false": False, "True": True, "False": False}
_WHAT_FOLLOWS = {
    ".": "reads an attribute of {}",
    "|": "passes {} through a filter",
    "[": "looks up an item of {}",
    "(": "calls the result of {}",
}


def _follows(char: str, name: str) -> str:
    """What an expression does with `name` when `char` follows it, in words."""
    return _WHAT_FOLLOWS.get(char, "computes with {} ('" + char.replace("{", "{{").replace("}", "}}") + "')").format(
        f"'{name}'"
    )


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def scan(text: str, start: int = 0) -> tuple[list[Call], list[Problem]]:
    """The macro calls in text[start:] and a Problem for everything else inside braces."""
    calls: list[Call] = []
    problems: list[Problem] = []
    pos = start
    while True:
        m = _OPEN.search(text, pos)
        _stray(text, pos, m.start() if m else len(text), problems)
        if m is None:
            break
        i = m.start()
        if text[i + 1] == "#":
            end = text.find("#}", i + 2)
            if end < 0:
                problems.append(
                    Problem(
                        i,
                        UNBALANCED,
                        "'{#' starts a template comment that is never closed with '#}'",
                        "close it with '#}'; if you meant a heading id, write it with a space, "
                        "as in '## Heading { #my-id }'; " + RAW_HINT,
                    )
                )
                break
            pos = end + 2
        elif text[i + 1] == "%":
            end = text.find("%}", i + 2)
            if end < 0:
                problems.append(
                    Problem(i, UNBALANCED, "'{%' starts a template statement that is never closed with '%}'", RAW_HINT)
                )
                break
            inner = text[i + 2 : end].strip("-+ \t\r\n")
            if inner == "raw":
                close = _END_RAW.search(text, end + 2)
                if close is None:
                    problems.append(
                        Problem(
                            i,
                            UNBALANCED,
                            f"'{RAW}' is never closed with '{ENDRAW}'",
                            f"add {ENDRAW} where the text to show as it is ends",
                        )
                    )
                    break
                pos = close.end()
                continue
            problems.append(_statement(i, inner))
            pos = end + 2
        else:
            try:
                call, pos = _call(text, i)
                calls.append(call)
            except _Stop as stop:
                problems.append(stop.problem)
                if stop.problem.code == UNBALANCED:
                    break
                end = text.find("}}", max(stop.problem.offset, i + 2))
                if end < 0:
                    problems.append(_unclosed(i))
                    break
                pos = end + 2
    return calls, problems


_NEWLINE = re.compile(r"\r\n|\r|\n")


def expand(text: str, calls: list[Call], run: Callable[[Call], Any]) -> str | None:
    """The page as Jinja would render it, for text that holds only Markdown and macro calls.

    `calls` are what scan(text) found (with no problems); each {{ … }} becomes str(run(call)),
    and, as Jinja does, line endings become "\\n" and one final newline is dropped. Nothing is
    compiled, so a page costs one pass over its text instead of a Jinja compilation (the
    largest part of rendering the handbook's pages). None when the text has a raw block or a
    comment: Jinja's whitespace control applies there, so such a page is left to Jinja.
    """
    if "{%" in text or "{#" in text:
        return None
    parts: list[str] = []
    pos = 0
    for call in calls:
        start, end = call.span
        parts.append(text[pos:start])
        parts.append(str(run(call)))
        pos = end
    parts.append(text[pos:])
    # Only the text between calls is template data; what a macro returns is left as it is.
    out = [_NEWLINE.sub("\n", part) if i % 2 == 0 and "\r" in part else part for i, part in enumerate(parts)]
    out[-1] = out[-1].removesuffix("\n")
    return "".join(out)


def _stray(text: str, start: int, end: int, problems: list[Problem]) -> None:
    """A '}}' or '%}' closing a call or statement whose opening has one brace, as in { cite("x") }}.

    Jinja prints a lone closer as text, so one in, say, a JSON example is harmless and left
    alone; only a closer after '{' and a name on the same line is a typed-once brace.
    """
    for m in _STRAY.finditer(text, start, end):
        line_start = max(text.rfind("\n", max(start, m.start() - 200), m.start()) + 1, start, m.start() - 200)
        if not _ONE_BRACE.search(text, line_start, m.start()):
            continue
        opener = "{{" if m.group() == "}}" else "{%"
        problems.append(
            Problem(
                m.start(),
                UNBALANCED,
                f"'{m.group()}' closes a '{opener}' that was never opened",
                f"check the start of the macro call, which needs two braces, as in {EXAMPLE}; " + RAW_HINT,
            )
        )
        return


def _statement(offset: int, inner: str) -> Problem:
    word = _NAME.match(inner)
    shown = word.group() if word else inner[:20]
    if shown == "endraw":
        return Problem(
            offset,
            UNBALANCED,
            f"'{ENDRAW}' has no '{RAW}' before it",
            f"add {RAW} where the text to show as it is starts, or remove {ENDRAW}",
        )
    return Problem(
        offset,
        STATEMENT,
        f"'{{% {shown} %}}' is a template statement, and pages cannot run statements",
        f"write the text itself, and use macro calls such as {EXAMPLE} for curriculum facts; " + RAW_HINT,
    )


def _unclosed(offset: int) -> Problem:
    return Problem(
        offset,
        UNBALANCED,
        "'{{' starts a macro call that is never closed with '}}'",
        f"finish the call, as in {EXAMPLE}; " + RAW_HINT,
    )


def _space(text: str, p: int) -> int:
    spaces = _SPACE.match(text, p)
    assert spaces is not None, "a pattern of only '*' matches everywhere"
    return spaces.end()


def _not_a_call(offset: int, what: str) -> _Stop:
    return _Stop(
        Problem(
            offset,
            EXPRESSION,
            f"this {{{{ … }}}} {what}; pages may only call a macro with literal arguments",
            f"write a macro call such as {EXAMPLE}; " + RAW_HINT,
        )
    )


def _call(text: str, start: int) -> tuple[Call, int]:
    """The call in the {{ … }} at start, and the offset after its '}}'; _Stop for anything else."""
    p = _space(text, start + 2)
    if text.startswith("}}", p):
        raise _not_a_call(start, "is empty")
    name_m = _NAME.match(text, p)
    if name_m is None:
        if text[p : p + 1] in CURLY:
            raise _curly(p)
        if p >= len(text):
            raise _Stop(_unclosed(start))
        first = "text in quotes" if text[p] in "\"'" else f"'{text[p]}'"
        raise _not_a_call(p, f"starts with {first}, not with the name of a macro")
    name, name_at = name_m.group(), p
    p = _space(text, name_m.end())
    if not text.startswith("(", p):
        if text.startswith("}}", p):
            raise _not_a_call(name_at, f"shows the value of '{name}' instead of calling a macro")
        if p >= len(text):
            raise _Stop(_unclosed(start))
        raise _not_a_call(p, _follows(text[p], name))
    args: list = []
    kwargs: list[tuple[str, Any]] = []
    p = _space(text, p + 1)
    while not text.startswith(")", p):
        keyword = _NAME.match(text, p)
        after = _space(text, keyword.end()) if keyword else p
        if keyword and text.startswith("=", after) and not text.startswith("==", after):
            value, p = _literal(text, _space(text, after + 1))
            kwargs.append((keyword.group(), value))
        else:
            if kwargs:
                raise _Stop(
                    Problem(
                        p,
                        MACRO_ARGUMENTS,
                        f"a value without a name follows a named one in {name}()",
                        "put the values without names first",
                    )
                )
            value, p = _literal(text, p)
            args.append(value)
        p = _space(text, p)
        if text.startswith(",", p):
            p = _space(text, p + 1)
        elif not text.startswith(")", p):
            if text.startswith("}}", p) or p >= len(text):
                raise _Stop(
                    Problem(p, EXPRESSION, f"the call of {name}() is not closed with ')'", f"close it, as in {EXAMPLE}")
                )
            if text[p] in CURLY:
                raise _curly(p)
            raise _not_a_call(p, f"computes with a value ('{text[p]}') inside {name}()")
    p = _space(text, p + 1)
    if not text.startswith("}}", p):
        if p >= len(text):
            raise _Stop(_unclosed(start))
        raise _not_a_call(p, _follows(text[p], f"{name}(…)"))
    macro = MACROS.get(name)
    if macro is None:
        close = difflib.get_close_matches(name, list(MACROS), n=1, cutoff=0.6)
        raise _Stop(
            Problem(
                name_at,
                UNKNOWN_MACRO,
                f"'{name}' is not a macro of the handbook",
                (f"did you mean '{close[0]}'? If not, " if close else "")
                + "use one of the handbook's macros: "
                + ", ".join(sorted(MACROS)),
            )
        )
    try:
        bound = macro.bind(tuple(args), tuple(kwargs))
    except ArgumentError as exc:
        raise _Stop(Problem(name_at, MACRO_ARGUMENTS, exc.message, exc.hint)) from None
    return Call(name, tuple(args), tuple(kwargs), name_at, tuple(bound), (start, p + 2)), p + 2


def _curly(offset: int) -> _Stop:
    return _Stop(
        Problem(
            offset,
            CURLY_QUOTES,
            "a curly quote in a macro call (macro arguments need straight quotes)",
            "type straight quotes \" or ' (your editor or word processor may change them as you type), "
            f"as in {EXAMPLE}",
        )
    )


def _literal(text: str, p: int) -> tuple[Any, int]:
    ch = text[p : p + 1]
    if ch in ('"', "'"):
        end = text.find(ch, p + 1)
        line_end = text.find("\n", p)
        if end < 0 or (0 <= line_end < end):
            bad = next((i for i in range(p + 1, line_end if line_end >= 0 else len(text)) if text[i] in CURLY), -1)
            if bad >= 0:
                raise _curly(bad)
            raise _Stop(
                Problem(
                    p,
                    MACRO_ARGUMENTS,
                    f"the text starting with {ch} is not closed on the same line",
                    f"close it with {ch}",
                )
            )
        value = text[p + 1 : end]
        for i, c in enumerate(value):  # "M04”) reaches the next straight quote: the curly one was meant
            if c in CURLY and text[p + 2 + i : p + 3 + i].strip() in (")", ","):
                raise _curly(p + 1 + i)
        if "\\" in value:
            raise _Stop(
                Problem(
                    p + 1 + value.index("\\"),
                    MACRO_ARGUMENTS,
                    "a backslash in a macro argument (Jinja would read it as an escape)",
                    "leave it out; to put a quote inside the text, wrap the text in the other kind of quote",
                )
            )
        return value, end + 1
    if ch in CURLY and ch:
        raise _curly(p)
    number = _NUMBER.match(text, p)
    if number:
        return (float(number.group()) if number.group(1) else int(number.group())), number.end()
    name = _NAME.match(text, p)
    if name and name.group() in _BOOLEANS:
        return _BOOLEANS[name.group()], name.end()
    if name:
        raise _not_a_call(p, f"passes '{name.group()}', a name, where a value in quotes belongs")
    if p >= len(text) or text.startswith("}}", p):
        raise _Stop(
            Problem(
                p, MACRO_ARGUMENTS, "the macro call ends before its closing ')'", f"finish the call, as in {EXAMPLE}"
            )
        )
    raise _not_a_call(p, f"has '{ch}' where an argument belongs")
