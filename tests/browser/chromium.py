"""Finds the Chromium the browser tests drive and the flags it is started with.

Playwright's own browser download is never used: the tests drive the system Chromium
(Debian's package here and in CI; Google Chrome on GitHub's runners via CPSCP_CHROMIUM).
"""

from __future__ import annotations

import os

from chromium import ARGS, DEFAULT, ENV, MISSING, find_chromium  # noqa: F401 (one definition, in scripts/)

# V8's optimising compiler (TurboFan) compiles axe-core's functions afresh in every page, on
# background threads, for runs too short to repay it; stopping one tier below it (Maglev) took
# the whole-site visit from 149 to 135 core-seconds (2026-12-01). The results are the same.
TEST_ARGS = [*ARGS, "--js-flags=--max-opt=2"]


# Material fades colours and moves panels with CSS transitions of up to a quarter of a second,
# and the tests wait for them to end before reading a style or a position (a colour read
# half-way through a fade is neither state's): a Tab through a page waited that long at every
# stop. Chromium's DevTools protocol runs a page's animation clock this many times faster: the
# transitions still run, and end in the same place.
ANIMATION_SPEED = 100


def new_page(browser, viewport: dict, color_scheme: str = "light"):
    """(context, page): a page in a browser context of its own, its transitions sped up."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    page.set_default_timeout(15_000)
    context.new_cdp_session(page).send("Animation.setPlaybackRate", {"playbackRate": ANIMATION_SPEED})
    return context, page


def unavailable(reason: str) -> None:
    """Skip on a developer's machine, but fail in CI, which must always run these tests."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)
