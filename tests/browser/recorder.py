"""Records what a page does on the network and in its console while it is visited."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

# URLs that never reach a host: inline data, objects the page made itself, blank frames.
_HOSTLESS_SCHEMES = {"data", "blob", "about"}


@dataclass(repr=False)
class Visit:
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # keeps pytest's failure reports to the point
        return f"Visit({len(self.requests)} requests)"

    def third_party(self, origin: str) -> list[str]:
        """Requests to anything but the local server (every such request breaks the no-CDN rule)."""
        out = []
        for url in self.requests:
            scheme = urlsplit(url).scheme
            if scheme in _HOSTLESS_SCHEMES:
                continue
            if f"{scheme}://{urlsplit(url).netloc}" != origin:
                out.append(url)
        return sorted(set(out))


class Recorder:
    """Listens to one browser context and its page; ``start()`` begins a fresh Visit."""

    def __init__(self, context, page) -> None:
        self.visit = Visit()
        # Context-level request events also cover the search web worker and any
        # service worker, which page-level events can miss.
        context.on("request", lambda r: self.visit.requests.append(r.url))
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.visit.page_errors.append(f"{e.name}: {e.message}"))
        page.on("worker", lambda w: w.on("console", self._console))

    def start(self) -> Visit:
        self.visit = Visit()
        return self.visit

    def _failed(self, request) -> None:
        self.visit.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.visit.failed.append(f"{response.url} (HTTP {response.status})")

    def _console(self, message) -> None:
        if message.type == "error":
            loc = message.location or {}
            where = f" at {loc.get('url')}:{loc.get('lineNumber')}" if loc.get("url") else ""
            self.visit.console_errors.append(message.text + where)
