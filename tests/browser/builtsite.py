"""Finds the built site under test and lists its pages.

Shared by the browser tests and tests/test_budgets.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Lets a developer point the tests at a site that is already built (for example by
# `make build`, or a non-strict build while the content is still being written).
SITE_ENV = "CPSCP_BUILT_SITE"


def site_dir(request: pytest.FixtureRequest) -> Path:
    """The site directory: $CPSCP_BUILT_SITE, else the strict build of tests/conftest.py's built_site."""
    prebuilt = os.environ.get(SITE_ENV)
    if prebuilt:
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"{SITE_ENV}={prebuilt} has no index.html: build the site first", pytrace=False)
        return site
    built = request.getfixturevalue("built_site")
    candidates = built if isinstance(built, (tuple, list)) else (built,)
    for candidate in candidates:
        if (Path(candidate) / "index.html").is_file():
            return Path(candidate)
    pytest.fail(f"built_site gave no directory with an index.html: {built!r}", pytrace=False)


def project_dir(request: pytest.FixtureRequest) -> Path:
    """The project the site under test was built from: the repository itself for $CPSCP_BUILT_SITE."""
    if os.environ.get(SITE_ENV):
        return Path(__file__).resolve().parents[2]
    return Path(request.getfixturevalue("built_site")[0])


def html_pages(site: Path) -> list[str]:
    """Site-relative URLs of every page a reader can open: each directory's index.html.

    Walking the output rather than the nav picks up pages that plugins add (such as a
    print page) without this list needing an update. 404.html is not an index.html.
    """
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.split("/")[0] == "search":
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def report(problems: dict[str, list[str]]) -> str:
    """Problems grouped under the page they were found on, for an assertion message."""
    lines = []
    for path, items in problems.items():
        lines.append(f"/{path}:")
        lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)
