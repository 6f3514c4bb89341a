"""Fork hygiene: an edition with its own identity must not send readers to the upstream project,
and must keep the credit to it that the content licence requires.

A provider who renames the programme but keeps the original contact details, addresses or site
title would have learners and employers writing to the wrong people, so it is flagged as soon
as the identity in curriculum/programme.yml changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diagnostics import WARNING, Diagnostic, declare, warning
from ..model import Curriculum

CODES = declare(
    __name__,
    (
        "upstream-branding",
        WARNING,
        "A fork still carries the upstream project's name or address in a site setting or a navigation link.",
        "Set your own name, address and links in mkdocs.yml and curriculum/programme.yml.",
    ),
    (
        "attribution-missing",
        WARNING,
        "A fork's attribution notice no longer credits the original handbook, which "
        "its licence (CC BY-SA 4.0) requires.",
        "Set attribution.notice in curriculum/programme.yml to the notice LICENSE-CONTENT.md gives.",
    ),
)

# The upstream handbook's identity and the strings that only the upstream project uses.
UPSTREAM_IDENTITY = {"id": "cpscp", "short_code": "CPSCP", "title": "Certified Professional in Second Chance Programs"}
UPSTREAM_MARKERS = ("cpscp-handbook", "The CPSCP open handbook project")
# What names the upstream programme in a reader-facing setting of mkdocs.yml (site_name, nav ...).
_UPSTREAM_NAME = re.compile(r"\bCPSCP\b|" + re.escape(UPSTREAM_IDENTITY["title"]), re.I)
HINT = (
    "replace it with your own details (see 'Make it yours' in the guide for providers); keep the credit to the "
    "original only in the attribution notice"
)


def _upstream_marker(value: str, names: bool = False) -> str:
    found = next((m for m in UPSTREAM_MARKERS if m.lower() in value.lower()), "")
    if not found and names:
        match = _UPSTREAM_NAME.search(value)
        found = match.group(0) if match else ""
    return found


def is_fork(model: Curriculum) -> bool:
    p = model.programme
    return p is not None and any(getattr(p, k, None) != v for k, v in UPSTREAM_IDENTITY.items())


def check_fork_branding(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None or not is_fork(model):
        return
    fields = [("uri", p.uri, p.field_loc("uri"))]
    fields += [(f"provider.{k}", str(v), p.field_loc("provider")) for k, v in vars(p.provider).items() if v]
    for name, value, loc in fields:
        marker = _upstream_marker(value)
        if marker:
            yield warning(
                loc,
                "upstream-branding",
                f"this edition is '{p.short_code}', but programme.yml {name} still names the original "
                f"handbook ('{marker}')",
                HINT,
            )
    for key, (value, loc) in model.site.items():
        if key == "copyright":
            continue  # the footer's attribution legitimately credits the original
        marker = _upstream_marker(value, names=True)
        if marker:
            yield warning(
                loc,
                "upstream-branding",
                f"this edition is '{p.short_code}', but mkdocs.yml {key} still names the original "
                f"handbook ('{marker}')",
                HINT,
            )


def check_attribution_kept(model: Curriculum) -> Iterable[Diagnostic]:
    """A fork keeps the licence's credit to the original (CC BY-SA 4.0, see LICENSE-CONTENT.md)."""
    p = model.programme
    if p is None or not is_fork(model):
        return
    notice = p.attribution.notice if p.attribution else ""
    if not _upstream_marker(notice):
        yield warning(
            p.field_loc("attribution"),
            "attribution-missing",
            "the attribution notice no longer credits the original handbook, which its licence (CC BY-SA 4.0) requires",
            "set attribution.notice in programme.yml to the notice in LICENSE-CONTENT.md: "
            "'Based on the CPSCP open handbook (https://github.com/cpscp-handbook/handbook), "
            "© The CPSCP open handbook contributors, licensed under CC BY-SA 4.0. Changes were made.'",
        )
