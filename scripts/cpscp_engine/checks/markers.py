"""Unfinished work: the scaffold's TODO markers."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import WARNING, Diagnostic, declare, warning
from ..model import Curriculum

CODES = declare(
    __name__,
    (
        "todo",
        WARNING,
        "A TODO marker is left in a curriculum file or a page.",
        "Write the missing text and remove the marker.",
    ),
)


def check_todo_markers(model: Curriculum) -> Iterable[Diagnostic]:
    for marker in model.todos:
        text = " ".join(marker.text.split())
        text = text if len(text) <= 80 else text[:77] + "..."
        yield warning(
            marker.loc,
            "todo",
            f'unfinished: TODO in {marker.where}: "{text}"',
            "write the missing content and remove the TODO (--strict refuses TODO markers)",
        )
