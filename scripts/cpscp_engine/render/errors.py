"""What a render function raises when a macro's argument cannot be rendered.

The adapter turns these into messages that name the page; the render functions do not know
which page they are on beyond the context they are given.
"""

from __future__ import annotations

from ..diagnostics import ERROR, declare


class RenderError(Exception):
    """A macro argument that cannot be rendered: the build must stop and say why."""

    code = "bad-argument"

    def describe(self, macro: str) -> str:
        return str(self)


class UnknownId(RenderError):
    """A macro was called with an id that the curriculum does not define."""

    code = "unknown-id"

    def __init__(self, what: str, value: str, hint: str):
        super().__init__(f"unknown {what} '{value}' — {hint}")
        self.what, self.value, self.hint = what, value, hint

    def describe(self, macro: str) -> str:
        return f"unknown {self.what} '{self.value}' in {macro}() — {self.hint}"


class BadArgument(RenderError):
    """A macro was called with an argument of the wrong kind (not an unknown id)."""

    code = "bad-argument"

    def __init__(self, message: str, hint: str = ""):
        super().__init__(f"{message} — {hint}" if hint else message)
        self.message, self.hint = message, hint

    def describe(self, macro: str) -> str:
        text = f"{self.message} in {macro}()"
        return f"{text} — {self.hint}" if self.hint else text


class Unavailable(Exception):
    """The part of the curriculum a macro needs could not be loaded (the validator says why).

    Not a RenderError: a broken data file is reported by the validator, and the site still
    renders what it can, so the adapter shows `placeholder` and logs a warning instead.
    """

    def __init__(self, source: str, placeholder: str):
        super().__init__(f"{source} could not be loaded")
        self.source, self.placeholder = source, placeholder


# After the classes: each error class carries the code the build reports it under.
CODES = declare(
    __name__,
    (
        UnknownId.code,
        ERROR,
        "The build met a macro call with an id the curriculum does not have (the validator reports it first).",
        "Run make validate and correct the id it names.",
    ),
    (
        BadArgument.code,
        ERROR,
        "The build met a macro argument that cannot be rendered (the validator reports it first).",
        "Run make validate and correct the argument it names.",
    ),
)
