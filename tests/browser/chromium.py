"""Finds the Chromium the browser tests drive and the flags it is started with.

Playwright's own browser download is never used: the tests drive the system Chromium
(Debian's package here and in CI; Google Chrome on GitHub's runners via CPSCP_CHROMIUM).
"""

from __future__ import annotations

import os

from chromium import ARGS, DEFAULT, ENV, MISSING, find_chromium  # noqa: F401 (one definition, in scripts/)


def unavailable(reason: str) -> None:
    """Skip on a developer's machine, but fail in CI, which must always run these tests."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)
