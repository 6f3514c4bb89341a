"""Fork hygiene: an edition with its own identity must not send readers to the upstream project.

A provider who renames the programme but keeps the original contact details or addresses
would have learners and employers writing to the wrong people, so it is flagged as soon as
the identity changes.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import WARNING, Diagnostic, declare, warning
from ..model import Curriculum

CODES = declare(__name__,
    ("upstream-branding", WARNING, "A fork still carries the upstream project's name or address in a site setting "
                                   "or a navigation link.",
     "Set your own name, address and links in mkdocs.yml and curriculum/programme.yml."),
)

# The upstream handbook's identity and the strings that only the upstream project uses.
UPSTREAM_IDENTITY = {"id": "cpscp", "short_code": "CPSCP", "title": "Certified Professional in Second Chance Programs"}
UPSTREAM_MARKERS = ("cpscp-handbook", "The CPSCP open handbook project")
HINT = ("replace it with your own details (see 'Make it yours' in docs/providers/index.md); keep the credit to the "
        "original only in the attribution notice")


def _upstream_marker(value: str) -> str:
    return next((m for m in UPSTREAM_MARKERS if m.lower() in value.lower()), "")


def check_fork_branding(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None or all(getattr(p, k) == v for k, v in UPSTREAM_IDENTITY.items()):
        return
    fields = [("uri", p.uri, p.field_loc("uri"))]
    fields += [(f"provider.{k}", str(v), p.field_loc("provider")) for k, v in vars(p.provider).items() if v]
    for name, value, loc in fields:
        marker = _upstream_marker(value)
        if marker:
            yield warning(loc, "upstream-branding",
                          f"this edition is '{p.short_code}', but programme.yml {name} still names the original "
                          f"handbook ('{marker}')", HINT)
    for key, (value, loc) in model.site.items():
        if key == "copyright":
            continue  # the footer's attribution legitimately credits the original
        marker = _upstream_marker(value)
        if marker:
            yield warning(loc, "upstream-branding",
                          f"this edition is '{p.short_code}', but mkdocs.yml {key} still points at the original "
                          f"handbook ('{marker}')", HINT)
