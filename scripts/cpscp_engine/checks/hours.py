"""Hours and credits: TQT, GLH and credits agree within each module and add up in the programme."""
from __future__ import annotations

import math
from typing import Iterable

from ..diagnostics import Diagnostic, error, warning
from ..model import Curriculum
from ._common import fmt, loaded, plural, suggest


def expected_credits(tqt) -> int:
    return int(tqt / 10 + 0.5)  # one credit per 10 hours, halves rounded up (not banker's rounding)


def check_tqt_covers_glh(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        if m.tqt < m.glh:
            yield error(m.field_loc("tqt"), "tqt-below-glh",
                        f"module {m.id} has TQT {m.tqt} but GLH {m.glh}; total time cannot be less than guided time",
                        "TQT is GLH plus independent study and assessment: raise TQT or lower GLH")


def check_credits(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        want = expected_credits(m.tqt)
        if m.credits != want:
            yield warning(m.field_loc("credits"), "credits-mismatch",
                          f"module {m.id} has {m.credits} credits, but TQT {m.tqt} gives {want} (1 credit per 10 hours)",
                          f"set credits: {want}, or check TQT")
    p = model.programme
    if p is not None:
        want = expected_credits(p.totals["tqt"])
        if p.totals["credits"] != want:
            yield warning(p.field_loc("totals"), "credits-mismatch",
                          f"the programme has {p.totals['credits']} credits, but its TQT {p.totals['tqt']} gives {want}",
                          f"set totals.credits: {want}, or check totals.tqt")


def check_programme_totals(model: Curriculum) -> Iterable[Diagnostic]:
    if model.programme is None or not loaded(model, "modules") or not model.modules:
        return
    sums = model.totals()
    stated = model.programme.totals
    wrong = [k for k in ("glh", "tqt", "credits") if stated[k] != sums[k]]
    if wrong:
        said = ", ".join(f"{k.upper() if k != 'credits' else k} {stated[k]}" for k in wrong)
        want = ", ".join(f"{k}: {sums[k]}" for k in wrong)
        yield error(model.programme.field_loc("totals"), "programme-totals",
                    f"the programme totals say {said}, but {'the ' + plural(len(model.modules), 'module') if len(model.modules) > 1 else 'its one module'} "
                    f"{'add' if len(model.modules) > 1 else 'adds'} up to "
                    + ", ".join(f"{k.upper() if k != 'credits' else k} {sums[k]}" for k in wrong),
                    f"set {want} under 'totals' (or correct the module that is wrong)")


def check_pathway_hours(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None:
        return
    tqt = p.totals["tqt"]
    for pw in p.pathways:
        if pw.hours < tqt:
            yield warning(pw.loc, "pathway-hours",
                          f"pathway '{pw.id}' gives {pw.weeks} weeks × {fmt(pw.weekly_hours)} hours = {fmt(pw.hours)} hours, "
                          f"less than the programme's TQT of {tqt}",
                          f"lengthen it or raise the weekly hours to at least {math.ceil(tqt * 10 / pw.weeks) / 10:g}")


def check_placement(model: Curriculum) -> Iterable[Diagnostic]:
    p = model.programme
    if p is None or not loaded(model, "modules"):
        return
    placement = p.data["placement"]
    mid = placement["module"]
    m = model.module(mid)
    if m is None:
        yield error(p.field_loc("placement"), "unknown-module",
                    f"placement.module is {mid}, which is not a module",
                    suggest(mid, (x.id for x in model.modules)) + "use the id of the module that carries the placement")
    elif placement["hours"] > m.tqt:
        yield warning(p.field_loc("placement"), "placement-hours",
                      f"the placement needs {placement['hours']} hours, more than the TQT of {mid} ({m.tqt})",
                      f"raise the TQT of {mid} or lower placement.hours")
