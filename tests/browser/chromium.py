"""Finds the Chromium the browser tests drive and the flags it is started with.

Playwright's own browser download is never used: the tests drive the system Chromium
(Debian's package here and in CI; Google Chrome on GitHub's runners via CPSCP_CHROMIUM).
"""

from __future__ import annotations

import os
import shutil

ENV = "CPSCP_CHROMIUM"
DEFAULT = "/usr/bin/chromium"
MISSING = (
    "Chromium not found: install it with 'sudo apt-get install chromium chromium-driver' "
    "(Debian/Ubuntu) or set CPSCP_CHROMIUM"
)

ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any host but the local server resolves to nothing, so a third-party request is
    # still seen (and reported) by the tests but never leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def find_chromium() -> str | None:
    configured = os.environ.get(ENV)
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access(DEFAULT, os.X_OK):
        return DEFAULT
    return shutil.which("chromium")


def unavailable(reason: str) -> None:
    """Skip on a developer's machine, but fail in CI, which must always run these tests."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)
