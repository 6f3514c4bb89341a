"""Every page of the built site in Material's dark (slate) scheme: enough contrast.

A file of its own (not in test_pages.py) so that `make test`'s workers can run this pass and
the light one at the same time.
"""

from __future__ import annotations

import pytest

from . import axe
from .builtsite import report as _report

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_dark_scheme_has_enough_contrast(dark_scheme_reports):
    wrong_scheme = [r.path for r in dark_scheme_reports if r.scheme != "slate"]
    assert not wrong_scheme, f"pages not shown in the dark (slate) scheme when the reader prefers dark: {wrong_scheme}"
    problems = {r.path: [axe.describe(v) for v in r.violations] for r in dark_scheme_reports if r.violations}
    print(f"\ndark scheme: {', '.join(axe.CONTRAST_RULES)} on {len(dark_scheme_reports)} pages")
    assert not problems, "contrast failures in the dark (slate) scheme:\n" + _report(problems)
