"""Hours and credits: TQT, GLH and credits agree within each module and add up in the programme."""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, declare, error, warning
from ..model import Curriculum
from ._common import fmt, loaded, suggest

CODES = declare(
    __name__,
    (
        "tqt-below-glh",
        ERROR,
        "A module's total qualification time (TQT) is less than its guided learning hours (GLH).",
        "Raise the TQT or lower the GLH: TQT is GLH plus independent study and assessment.",
    ),
    (
        "credits-mismatch",
        WARNING,
        "A module's credits are not its TQT divided by 10.",
        "Set the credits the message gives, or check the TQT.",
    ),
    (
        "pathway-hours",
        WARNING,
        "A pathway schedules fewer hours than the programme's TQT.",
        "Add weeks or weekly hours to the pathway.",
    ),
    (
        "unknown-placement-module",
        ERROR,
        "The placement names a module that does not exist.",
        "Use the id of the module that carries the placement.",
    ),
    (
        "placement-hours",
        WARNING,
        "The placement needs more hours than its module's TQT.",
        "Raise the module's TQT or lower placement.hours.",
    ),
    (
        "placement-left-out",
        ERROR,
        "The placement names a module that programme.yml modules: leaves out.",
        "Name a listed module in placement.module, or put the module back in modules:.",
    ),
)


def expected_credits(tqt) -> int:
    return int(tqt / 10 + 0.5)  # one credit per 10 hours, halves rounded up (not banker's rounding)


def check_tqt_covers_glh(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        if m.tqt < m.glh:
            yield error(
                m.field_loc("tqt"),
                "tqt-below-glh",
                f"module {m.id} has TQT {m.tqt} but GLH {m.glh}; total time cannot be less than guided time",
                "TQT is GLH plus independent study and assessment: raise TQT or lower GLH",
            )


def check_credits(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        want = expected_credits(m.tqt)
        if m.credits != want:
            yield warning(
                m.field_loc("credits"),
                "credits-mismatch",
                f"module {m.id} has {m.credits} credits, but TQT {m.tqt} gives {want} (1 credit per 10 hours)",
                f"set credits: {want}, or check TQT",
            )


def check_pathway_hours(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None or not loaded(model, "modules"):
        return
    tqt = model.totals()["tqt"]  # over the modules programme.yml lists
    for pw in p.pathways:
        if pw.hours < tqt:
            yield warning(
                pw.loc,
                "pathway-hours",
                f"pathway '{pw.id}' gives {pw.weeks} weeks × {fmt(pw.weekly_hours)} hours = {fmt(pw.hours)} hours, "
                f"less than the programme's TQT of {tqt}",
                f"lengthen it or raise the weekly hours to at least {math.ceil(tqt * 10 / pw.weeks) / 10:g}",
            )


def check_placement(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None or not loaded(model, "modules"):
        return
    placement = p.placement
    mid = placement.module
    m = model.module(mid)
    if m is None and model.unlisted_module(mid) is not None:
        yield error(
            placement.loc,
            "placement-left-out",
            f"placement.module is {mid}, which programme.yml modules: leaves out",
            f"set placement.module to the listed module that carries the placement, or put {mid} back in modules:",
        )
    elif m is None:
        yield error(
            p.field_loc("placement"),
            "unknown-placement-module",
            f"placement.module is {mid}, which is not a module",
            suggest(mid, (x.id for x in model.modules)) + "use the id of the module that carries the placement",
        )
    elif placement.hours > m.tqt:
        yield warning(
            p.field_loc("placement"),
            "placement-hours",
            f"the placement needs {placement.hours} hours, more than the TQT of {mid} ({m.tqt})",
            f"raise the TQT of {mid} or lower placement.hours",
        )
