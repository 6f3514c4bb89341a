"""When each session of a module falls on each pathway: derived, never written down.

A pathway gives its learners `weekly_hours` of study a week and takes the modules in the order
of programme.yml `modules:`.
A module's total qualification time (guided hours plus independent study) is spread over its
sessions in proportion to their guided minutes, so a session falls in the week in which the
study time before it runs out. This is a planning guide for tutors; a provider's timetable
(for example a placement run alongside modules) may differ, and the pathway's own
description says how.
"""

from __future__ import annotations

from fractions import Fraction

from .model import Curriculum, Delivery, Module, Pathway


def hours_before(model: Curriculum, module: Module) -> Fraction:
    """Study hours of the modules taken before this one (in module order)."""
    return sum((Fraction(m.tqt) for m in model.modules if m.number < module.number), Fraction(0))


def session_weeks(model: Curriculum, module: Module, delivery: Delivery, pathway: Pathway) -> list[int]:
    """The week (1-based) in which each session of `delivery` starts on `pathway`, in session order."""
    weekly = Fraction(str(pathway.weekly_hours))
    total = sum(s.minutes for s in delivery.sessions) or 1
    start, done, weeks = hours_before(model, module), 0, []
    for s in delivery.sessions:
        at = start + Fraction(module.tqt) * Fraction(done, total)
        weeks.append(int(at // weekly) + 1 if weekly > 0 else 1)
        done += s.minutes
    return weeks
