"""Validation as one call: load the curriculum, run every check, return what was found."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from .checks import run_all
from .diagnostics import Result
from .loader import load, promote_survivors
from .model import Curriculum


@dataclass
class Validation(Result):
    """The diagnostics of a run, with the model they describe (for the summary line)."""

    model: Curriculum = field(kw_only=True)  # always there: the loader builds one even from broken files

    @property
    def files(self) -> int:
        return len(self.model.files)


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
