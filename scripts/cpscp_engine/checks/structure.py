"""The shape of each module and the order of the programme: numbering and prerequisites."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, Loc, declare, error, warning
from ..model import Curriculum
from ._common import loaded, plural, suggest

CODES = declare(
    __name__,
    ("no-modules", ERROR, "The curriculum has no modules.", "Add one file per module under curriculum/modules/."),
    (
        "outcome-numbering",
        ERROR,
        "A module's outcomes are not numbered 1, 2, 3 ... in the order they are written.",
        "Renumber them in order, without gaps.",
    ),
    (
        "criterion-numbering",
        ERROR,
        "Criteria are not numbered n.1, n.2 ... under their outcome n.",
        "Renumber them as the message gives.",
    ),
    (
        "outcome-without-criteria",
        ERROR,
        "A learning outcome has no assessment criteria.",
        "Add at least one criterion saying what the learner does to show it.",
    ),
    (
        "outcome-count",
        WARNING,
        "A module has fewer or more learning outcomes than modules usually have.",
        "Merge or split outcomes so that each names one capability.",
    ),
    (
        "criterion-count",
        WARNING,
        "An outcome has fewer or more criteria than outcomes usually have.",
        "Merge or split criteria so that each is one observable action.",
    ),
    ("prerequisite-itself", ERROR, "A module lists itself as a prerequisite.", "Remove it from its own prerequisites."),
    (
        "unknown-prerequisite",
        ERROR,
        "A prerequisite names a module that does not exist.",
        "Use the id of an existing module.",
    ),
    (
        "prerequisite-order",
        ERROR,
        "A prerequisite comes at the same place or later in the programme than the module that needs it.",
        "Change the orders, or drop the prerequisite.",
    ),
    (
        "prerequisite-cycle",
        ERROR,
        "Modules need each other as prerequisites, in a circle.",
        "Remove one prerequisite to break the circle.",
    ),
    (
        "prerequisite-left-out",
        ERROR,
        "A prerequisite names a module that programme.yml modules: leaves out.",
        "Take it out of the prerequisites, or put the module back in modules:.",
    ),
)


def check_has_modules(model: Curriculum) -> Iterable[Diagnostic]:
    if not model.modules and "modules" in model.loaded:
        yield error(
            Loc("curriculum/modules"),
            "no-modules",
            "there are no module files in curriculum/modules/",
            "add one file per module, named NN-slug.yml (its schema is curriculum/schema/module.schema.json)",
        )


def check_outcome_numbering(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for expected, o in enumerate(m.outcomes, start=1):
            if o.number != expected:
                yield error(
                    o.loc,
                    "outcome-numbering",
                    f"outcome {o.number} of {m.id} is the {_nth(expected)} outcome, so it should be numbered {expected}",
                    "number the outcomes 1, 2, 3 ... in the order they are written, without gaps "
                    "(retire an outcome with 'retired: true' rather than deleting it)",
                )
                break  # one gap shifts every later number: report it once


def check_criterion_numbering(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for o in m.outcomes:
            for expected, c in enumerate(o.criteria, start=1):
                lo, ac = c.numbers
                if lo != o.number:
                    yield error(
                        c.loc,
                        "criterion-numbering",
                        f"criterion {c.id} of {m.id} sits under outcome {o.number}, but its number says outcome {lo}",
                        f"number the criteria of outcome {o.number} as {o.number}.1, {o.number}.2 ... "
                        f"(or move it under outcome {lo})",
                    )
                    break
                if ac != expected:
                    yield error(
                        c.loc,
                        "criterion-numbering",
                        f"criterion {c.id} of {m.id} is the {_nth(expected)} criterion of outcome {o.number}, "
                        f"so it should be {o.number}.{expected}",
                        f"number them {o.number}.1, {o.number}.2 ... in order, without gaps, and update the "
                        "task 'criteria' lists to match",
                    )
                    break


def check_outcomes_have_criteria(model: Curriculum) -> Iterable[Diagnostic]:
    for m in model.modules:
        for o in m.outcomes:
            if not o.criteria:
                yield error(
                    o.loc,
                    "outcome-without-criteria",
                    f"outcome {o.global_id} has no assessment criteria",
                    "add at least one criterion (n.1) saying what the learner does to show the outcome",
                )


def check_outcome_counts(model: Curriculum) -> Iterable[Diagnostic]:
    """How many outcomes a module has, and criteria an outcome: content_policy in programme.yml sets the ranges."""
    if model.programme is None:
        return
    policy = model.programme.content_policy
    outcomes, criteria = policy.outcomes_per_module, policy.criteria_per_outcome
    for m in model.modules:
        live = [o for o in m.outcomes if not o.retired]
        if len(live) not in outcomes:
            yield warning(
                m.field_loc("outcomes"),
                "outcome-count",
                f"module {m.id} has {plural(len(live), 'learning outcome')}; content_policy in "
                f"programme.yml asks for {outcomes}",
                "merge or split outcomes so each names one capability the module builds (or change "
                "content_policy.outcomes_per_module)",
            )
        for o in live:
            n = len([c for c in o.criteria if not c.retired])
            if n and n not in criteria:
                yield warning(
                    o.loc,
                    "criterion-count",
                    f"outcome {o.global_id} has {plural(n, 'assessment criterion', 'assessment criteria')}; "
                    f"content_policy in programme.yml asks for {criteria}",
                    "split or merge criteria so each is one observable action (or change "
                    "content_policy.criteria_per_outcome)",
                )


def check_prerequisites(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "modules"):
        return
    for m in model.modules:
        for pid, loc in m.prerequisites:
            pre = model.module(pid)
            if pid == m.id:
                yield error(
                    loc,
                    "prerequisite-itself",
                    f"module {m.id} lists itself as a prerequisite",
                    "remove it from its own 'prerequisites'",
                )
            elif pre is None and model.unlisted_module(pid) is not None:
                yield error(
                    loc,
                    "prerequisite-left-out",
                    f"module {m.id} needs {pid}, which programme.yml modules: leaves out",
                    f"take {pid} out of the prerequisites of {m.id}, or put {pid} back in modules: before {m.id}",
                )
            elif pre is None:
                yield error(
                    loc,
                    "unknown-prerequisite",
                    f"prerequisite {pid} of {m.id} is not a module",
                    suggest(pid, (x.id for x in model.modules)) + "use the id of an existing module (M01 ...)",
                )
            elif pre.number >= m.number:
                yield error(
                    loc,
                    "prerequisite-order",
                    f"module {m.id} (number {m.number}) needs {pid}, which comes at number {pre.number}, not before it",
                    f"a prerequisite must come earlier: in programme.yml modules: move {pid} above {m.id}, "
                    "or drop the prerequisite",
                )


def check_prerequisite_cycles(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "modules"):
        return
    graph = {m.id: [p for p, _ in m.prerequisites if p != m.id and model.module(p)] for m in model.modules}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    reported: set[frozenset] = set()
    for start in graph:
        if state.get(start):
            continue
        # iterative depth-first search: a long chain must not hit Python's recursion limit
        path, stack = [start], [iter(graph[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    m = model.module(cycle[0])
                    assert m is not None, "the graph holds only modules of the model"
                    yield error(
                        dict(m.prerequisites)[cycle[1]],
                        "prerequisite-cycle",
                        "prerequisites go round in a circle: " + " needs ".join(cycle),
                        "break the circle: a module cannot need a module that needs it",
                    )
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
