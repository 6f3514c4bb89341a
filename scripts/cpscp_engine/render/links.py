"""Links between pages, relative to the page being rendered.

Markdown output links to `.md` files (MkDocs resolves them and its validation checks the
anchors); raw HTML output, which MkDocs does not rewrite, needs the final URL, which
cpscp_engine.site works out.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ..site import Pages, page_url, relative_url

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """An anchor-safe form of an id: M04-T1 -> m04-t1."""
    return _SLUG.sub("-", str(value).lower()).strip("-")


@dataclass(frozen=True)
class Ctx:
    """The page a macro renders into, and how the site builds URLs."""

    page: str = Pages.home  # source path relative to docs/, with forward slashes
    directory_urls: bool = True
    pages: Pages = field(default_factory=Pages)
    # Ids already given out on this page: shared by the page's macro calls, so a block used
    # twice on one page (the status statement) keeps its id unique.
    ids: set = field(default_factory=set, compare=False, hash=False)
    # The live preview (`make serve`): files that only `make build` writes do not exist yet.
    preview: bool = False
    # Which edition is being built: "learner" (the public site) or "tutor" (adds tutor notes,
    # model answers and the scheme of work). See render.delivery.EDITIONS.
    edition: str = "learner"

    def claim(self, anchor: str) -> bool:
        """True the first time `anchor` is claimed on this page."""
        if anchor in self.ids:
            return False
        self.ids.add(anchor)
        return True

    def md(self, target: str, anchor: str = "") -> str:
        """A Markdown link destination for docs page `target` (and optional anchor)."""
        frag = f"#{anchor}" if anchor else ""
        if target == self.page and anchor:
            return frag
        return posixpath.relpath(target, posixpath.dirname(self.page) or ".") + frag

    def href(self, target: str, anchor: str = "") -> str:
        """A URL for raw HTML output, which MkDocs does not rewrite."""
        frag = f"#{anchor}" if anchor else ""
        if target == self.page and anchor:
            return frag
        here = page_url(self.page, self.directory_urls)
        return relative_url(page_url(target, self.directory_urls), here) + frag
