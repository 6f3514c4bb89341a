"""Validation as one call: load the curriculum, run every check, return what was found."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from .checks import run_all
from .diagnostics import Result
from .loader import load, promote_survivors
from .model import Curriculum


@dataclass
class Validation(Result):
    """The diagnostics of a run, with the model they describe (for the summary line)."""

    model: Curriculum | None = None

    @property
    def files(self) -> int:
        return len(self.model.files) if self.model else 0


def validate(root: Path | str) -> Validation:
    was_enabled = gc.isenabled()
    gc.disable()  # see loader.load: the collector would rescan the growing model for nothing
    try:
        model, diagnostics = load(root)
        diagnostics.extend(run_all(model))
    finally:
        if was_enabled:
            promote_survivors()
            gc.enable()
    # the same problem can be reached twice (e.g. a front matter error and its page): report it once
    unique = list(dict.fromkeys(diagnostics))
    return Validation(diagnostics=unique, model=model)
