"""Scan HTML for markup that curriculum text must never create.

Shared by the inert-text tests: a finding is an event-handler attribute, a link or source to
a script URL (javascript:, vbscript:, data:...), or an id or class the trusted templates did
not make.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SAFE_URL = re.compile(r"^(?:https?://|mailto:|#|\.{0,2}/|[\w.~%-]+(?:[/#?]|$)|$)", re.I | re.ASCII)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.ids: set[str] = set()
        self.classes: set[str] = set()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>: event-handler attribute")
            elif name in URL_ATTRS and not SAFE_URL.match("".join(value.split())):
                self.findings.append(f"<{tag} {name}={value[:60]!r}>: script or data URL")
            elif name == "id":
                self.ids.add(value)
            elif name == "class":
                self.classes.update(value.split())

    handle_startendtag = handle_starttag


def scan(html: str) -> _Scanner:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner
