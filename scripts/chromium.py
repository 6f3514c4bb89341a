"""Where the system Chromium is and how it is started: shared by `make pdf` and the browser tests.

No tool here downloads a browser: the machine's Chromium is used (Debian's package here and
in CI; Google Chrome on GitHub's runners, named by CPSCP_CHROMIUM).
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
    # Without these Chromium phones home at start; the machines here have no internet.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any host but the local server resolves to nothing: a third-party request is still seen
    # (and reported by the tests) but never leaves the machine, and a PDF cannot depend on one.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def find_chromium() -> str | None:
    configured = os.environ.get(ENV)
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access(DEFAULT, os.X_OK):
        return DEFAULT
    return shutil.which("chromium") or shutil.which("chromium-browser")
