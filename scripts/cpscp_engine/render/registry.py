"""Every macro a page may call, declared once: its name, its renderer and what each argument is.

The loader's page scan, the validator's page checks and the macros adapter all read this
table, so a macro added here is scanned, checked and registered everywhere, and one that is
missing here does not exist anywhere.

The names and defaults of a macro's arguments come from its renderer's signature (after the
`model, ctx` every renderer takes); the registry adds what the signature cannot say: the
kind of value each argument takes. `declare` refuses a renderer whose arguments and
declared kinds disagree, so the two cannot drift apart.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import charts
from .changes import what_changed
from .competencies import competency, competency_coverage, competency_framework, competency_map
from .delivery import activities, assessment_briefs, reflection_questions
from .downloads import downloads
from .exam import exam_blueprint, practice_answers, practice_questions
from .glossary import glossary, term
from .home import at_a_glance, edition_note, print_cover
from .identity import attribution, module_count, module_link, online_module_count, programme_value
from .logbook import placement_logbook
from .modules import assessment_tasks, module_competencies, module_facts, outcomes
from .programme import award_rules, pathways, placement, programme_structure, status_statement
from .refs import cite, further_reading, references


@dataclass(frozen=True)
class Kind:
    """What an argument takes. `model_id` kinds name something in the curriculum, which the
    validator looks up (the loader records each such argument as a model.Citation of this kind)."""

    name: str
    what: str  # for messages: "a module id"
    example: str  # a literal as a page would write it
    type: type
    model_id: bool = False


# The names of the model-id kinds are the Citation kinds the page checks ask for.
REFERENCE = Kind("cite", "a reference key from curriculum/references.yml", '"maruna-2001"', str, True)
TERM = Kind("term", "a glossary term id from curriculum/glossary.yml", '"desistance"', str, True)
MODULE = Kind("module", "a module id", '"M04"', str, True)
COMPETENCY = Kind("competency", "a competency id", '"C11"', str, True)
EXAM_DOMAIN = Kind("exam-domain", "an exam domain id", '"X1"', str, True)
DELIVERY = Kind("delivery", "the id of a module that has a delivery file in curriculum/delivery/", '"M04"', str, True)
PROGRAMME_FIELD = Kind("programme-field", "a text field of curriculum/programme.yml", '"title"', str, True)
TEXT = Kind("text", "words to show, in quotes", '"the words shown"', str)
LEVEL = Kind("level", "a heading level, a whole number from 1 to 6", "3", int)
FLAG = Kind("flag", "true or false", "false", bool)

KINDS = (REFERENCE, TERM, MODULE, DELIVERY, COMPETENCY, EXAM_DOMAIN, PROGRAMME_FIELD, TEXT, LEVEL, FLAG)


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind
    required: bool
    many: bool = False  # takes every remaining positional value (cite's further keys)


@dataclass(frozen=True)
class Macro:
    name: str
    render: Callable[..., Any]
    params: tuple[Param, ...]

    def bind(self, args: tuple, kwargs: tuple[tuple[str, Any], ...]) -> list[tuple[Param, Any]]:
        """Each value with the parameter it fills, or ArgumentError saying what is wrong and how to fix it."""
        positional = [p for p in self.params if not p.many]
        many = next((p for p in self.params if p.many), None)
        bound: list[tuple[Param, Any]] = []
        filled: set[str] = set()
        for i, value in enumerate(args):
            if i < len(positional):
                param = positional[i]
            elif many is not None:
                param = many
            else:
                raise ArgumentError(
                    f"{self.name}() takes {self._count()}, but {len(args)} were given", f"write it as {self.usage()}"
                )
            bound.append((param, value))
            filled.add(param.name)
        names = {p.name: p for p in positional}
        for key, value in kwargs:
            named = names.get(key)
            if named is None:
                raise ArgumentError(f"{self.name}() has no argument called '{key}'", f"write it as {self.usage()}")
            if key in filled:
                raise ArgumentError(f"{self.name}() is given '{key}' twice", f"write it as {self.usage()}")
            bound.append((named, value))
            filled.add(key)
        for p in self.params:
            if p.required and p.name not in filled:
                raise ArgumentError(f"{self.name}() needs {p.kind.what}", f"write it as {self.usage()}")
        for param, value in bound:
            if type(value) is not param.kind.type:  # bool is an int to isinstance
                raise ArgumentError(
                    f"{self.name}() takes {param.kind.what} as '{param.name}', not {_shown(value)}",
                    f"write it as {self.usage()}",
                )
            if param.kind is LEVEL and not (isinstance(value, int) and 1 <= value <= 6):
                raise ArgumentError(
                    f"{self.name}() takes {LEVEL.what} as '{param.name}', not {value}", f"write it as {self.usage()}"
                )
        return bound

    def usage(self) -> str:
        """An example call, e.g. {{ cite("maruna-2001") }}."""
        shown = [p.kind.example if p.required else f"{p.name}={p.kind.example}" for p in self.params if not p.many]
        return "{{ " + f"{self.name}({', '.join(shown)})" + " }}"

    def call(self, *ids: str) -> str:
        """A call of this macro with these ids, as a page writes it: {{ cite("maruna-2001") }}."""
        args = ", ".join(f'"{i}"' for i in ids)
        return "{{ " + f"{self.name}({args})" + " }}"

    def _count(self) -> str:
        n = len([p for p in self.params if not p.many])
        return "no arguments" if n == 0 else f"at most {n} argument" + ("" if n == 1 else "s")


class ArgumentError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def declare(render: Callable[..., Any], **kinds: Kind) -> Macro:
    """A macro named after its renderer, whose arguments are the renderer's after (model, ctx)."""
    params = list(inspect.signature(render).parameters.values())[2:]
    names = [p.name for p in params]
    if sorted(names) != sorted(kinds):
        raise TypeError(f"{render.__name__}: the registry declares {sorted(kinds)} but the renderer takes {names}")
    return Macro(
        render.__name__,
        render,
        tuple(
            Param(
                p.name,
                kinds[p.name],
                p.default is p.empty and p.kind is not p.VAR_POSITIONAL,
                p.kind is p.VAR_POSITIONAL,
            )
            for p in params
        ),
    )


MACROS: dict[str, Macro] = {
    m.name: m
    for m in (
        declare(module_facts, module_id=MODULE),
        declare(outcomes, module_id=MODULE, level=LEVEL),
        declare(module_competencies, module_id=MODULE),
        declare(assessment_tasks, module_id=MODULE),
        declare(further_reading, module_id=MODULE, level=LEVEL),
        declare(programme_structure),
        declare(pathways),
        declare(placement),
        declare(award_rules),
        declare(status_statement),
        declare(programme_value, name=PROGRAMME_FIELD),
        declare(module_count, capital=FLAG),
        declare(online_module_count, capital=FLAG),
        declare(module_link, module_id=MODULE, text=TEXT, titled=FLAG),
        declare(attribution),
        declare(competency_framework, level=LEVEL),
        declare(competency_map),
        declare(competency_coverage),
        declare(competency, competency_id=COMPETENCY),
        declare(exam_blueprint),
        declare(practice_questions, domain=EXAM_DOMAIN, level=LEVEL),
        declare(practice_answers, questions_page=TEXT),
        declare(glossary, level=LEVEL),
        declare(term, term_id=TERM, text=TEXT),
        declare(references),
        declare(cite, key=REFERENCE, keys=REFERENCE),
        declare(downloads),
        declare(at_a_glance),
        declare(edition_note),
        declare(print_cover),
        declare(what_changed),
        declare(activities, module_id=DELIVERY),
        declare(reflection_questions, module_id=DELIVERY),
        declare(assessment_briefs, module_id=DELIVERY),
        declare(placement_logbook),
        declare(charts.chart_employment_support, table=FLAG),
        declare(charts.chart_proven_reoffending, table=FLAG),
        declare(charts.chart_module_hours, table=FLAG),
        declare(charts.chart_pathway_hours, table=FLAG),
        declare(charts.chart_competency_coverage, table=FLAG),
    )
}


def macro_taking(kind: Kind) -> Macro:
    """The one macro with an argument of ``kind``: the checks of those ids name it in messages."""
    found = [m for m in MACROS.values() if any(p.kind is kind for p in m.params)]
    if len(found) != 1:
        raise ValueError(f"{len(found)} macros take {kind.name} ids, not one: name the macro another way")
    return found[0]
