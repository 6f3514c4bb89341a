"""Unfinished work: the scaffold's TODO markers."""
from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, warning
from ..model import Curriculum


def check_todo_markers(model: Curriculum) -> Iterable[Diagnostic]:
    for marker in model.todos:
        text = " ".join(marker.text.split())
        text = text if len(text) <= 80 else text[:77] + "..."
        yield warning(marker.loc, "todo", f"unfinished: TODO in {marker.where}: \"{text}\"",
                      "write the missing content and remove the TODO (--strict refuses TODO markers)")
