"""Pages cannot run code: everything in braces is a registered macro called with literal arguments.

The loader reads each page with pagesyntax.scan and keeps what it found out of grammar on the
page; this check reports it. The macros adapter runs this same check before MkDocs renders
any page, so the build refuses exactly what the validator refuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic
from ..model import Curriculum


def check_page_syntax(model: Curriculum) -> Iterable[Diagnostic]:
    for page in model.pages:
        yield from page.syntax
