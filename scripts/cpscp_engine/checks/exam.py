"""The examination blueprint and the practice questions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic, declare, error, warning
from ..model import Curriculum, Exam
from ..vocab import answer_letters
from ._common import exact, fmt, largest_remainder, loaded, plural, suggest

CODES = declare(
    __name__,
    (
        "exam-weights",
        ERROR,
        "The exam domain weights do not add up to 100 per cent.",
        "Change the weights so that together they make 100.",
    ),
    (
        "exam-items-total",
        ERROR,
        "The items of the exam domains do not add up to the exam's total_items.",
        "Change the domains' items or total_items so that they agree.",
    ),
    (
        "exam-items-rounding",
        ERROR,
        "An exam domain's number of items is not its weight's share of the total.",
        "Set the number of items the message gives, or change the weight.",
    ),
    (
        "unknown-exam-competency",
        ERROR,
        "An exam domain lists a competency the framework does not have.",
        "Use an id from curriculum/competencies.yml.",
    ),
    (
        "unknown-exam-domain",
        ERROR,
        "A practice question names an exam domain the exam does not have.",
        "Use the id of one of the exam's domains.",
    ),
    (
        "unknown-outcome",
        ERROR,
        "A practice question tests a learning outcome that does not exist.",
        "Write the outcome's global id, such as M04-LO2.",
    ),
    (
        "answer-out-of-range",
        ERROR,
        "A practice question's answer is a letter beyond its options.",
        "Give the letter of one of its options.",
    ),
    (
        "question-domain-empty",
        WARNING,
        "An exam domain has no practice questions.",
        "Add at least one practice question in that domain.",
    ),
    (
        "question-spread",
        WARNING,
        "The practice questions are spread over the exam domains far from the domains' weights.",
        "Add or move questions as the message suggests.",
    ),
    (
        "exam-domain-untaught",
        ERROR,
        "An exam domain tests only competencies that no module of the programme teaches.",
        "Map one of them in a module of the programme, put a module back in modules:, or remove the domain.",
    ),
)


def _expected(exam: Exam, total: int) -> list[int]:
    return largest_remainder([d.weight for d in exam.domains], total)


def _listing(exam: Exam, counts: list[int]) -> str:
    return ", ".join(f"{d.id} {n}" for d, n in zip(exam.domains, counts, strict=True))


def _weights_ok(exam: Exam) -> bool:
    return sum(exact(d.weight) for d in exam.domains) == 100


def check_exam_weights(model: Curriculum) -> Iterable[Diagnostic]:
    if model.exam is None or not model.exam.domains:
        return
    total = sum(exact(d.weight) for d in model.exam.domains)
    if total != 100:
        parts = " + ".join(fmt(d.weight) for d in model.exam.domains)
        yield error(
            model.exam.loc,
            "exam-weights",
            f"the exam domain weights add up to {fmt(total)}, not 100 ({parts})",
            "change the weights so that together they make 100 per cent",
        )


def check_exam_items(model: Curriculum) -> Iterable[Diagnostic]:
    exam = model.exam
    if exam is None or not exam.domains:
        return
    counted = sum(d.items for d in exam.domains)
    expected = _expected(exam, exam.total_items) if _weights_ok(exam) else None
    hint = (
        f"with these weights the counts are {_listing(exam, expected)} (largest-remainder rounding of "
        f"weight × {exam.total_items})"
        if expected
        else "fix the weights first, then set each domain's items"
    )
    if counted != exam.total_items:
        yield error(
            exam.loc,
            "exam-items-total",
            f"the exam domains have {plural(counted, 'item')} in all, but total_items is {exam.total_items}",
            hint,
        )
    if expected:
        for d, want in zip(exam.domains, expected, strict=True):
            if d.items != want:
                yield error(
                    d.loc,
                    "exam-items-rounding",
                    f"exam domain {d.id} has {plural(d.items, 'item')}, but {fmt(d.weight)}% of {exam.total_items} "
                    f"items gives {want}",
                    hint,
                )


def check_exam_domain_competencies(model: Curriculum) -> Iterable[Diagnostic]:
    if model.exam is None or not loaded(model, "competencies"):
        return
    for d in model.exam.domains:
        for cid, loc in d.competencies:
            if model.competency(cid) is None:
                yield error(
                    loc,
                    "unknown-exam-competency",
                    f"exam domain {d.id} lists {cid}, which is not in curriculum/competencies.yml",
                    suggest(cid, (c.id for c in model.competencies)) + "use an id from the competency framework",
                )


def check_exam_domains_taught(model: Curriculum) -> Iterable[Diagnostic]:
    """An exam domain needs at least one of its competencies taught by the programme's modules."""
    if model.exam is None or not loaded(model, "competencies", "modules") or not model.modules:
        return
    taught = {e.competency_id for m in model.modules for e in m.competencies}
    listed = {m.id for m in model.modules}
    for d in model.exam.domains:
        ids = [cid for cid, _ in d.competencies if model.competency(cid) is not None]
        if not ids or any(cid in taught for cid in ids):
            continue
        gone = sorted(
            {m.id for m in model.unlisted if m.id not in listed for e in m.competencies if e.competency_id in ids}
        )
        why = (
            f"; {', '.join(gone)} taught them before programme.yml modules: left {'it' if len(gone) == 1 else 'them'} out"
            if gone
            else ""
        )
        yield error(
            d.loc,
            "exam-domain-untaught",
            f"exam domain {d.id} tests {', '.join(ids)}, which no module of the programme teaches{why}",
            "map one of these competencies in a module of the programme, put a module that teaches them back "
            "in modules:, or remove the domain from the exam (and share out its weight and items)",
        )


def check_question_links(model: Curriculum) -> Iterable[Diagnostic]:
    if model.exam is None:
        return
    for q in model.questions:
        if model.exam_domain(q.domain) is None:
            yield error(
                q.field_locs.get("domain", q.loc),
                "unknown-exam-domain",
                f"question {q.id} is in exam domain {q.domain}, which the exam does not have",
                suggest(q.domain, (d.id for d in model.exam.domains))
                + "use one of "
                + ", ".join(d.id for d in model.exam.domains),
            )
        if loaded(model, "modules") and model.outcome(q.outcome) is None:
            yield error(
                q.field_locs.get("outcome", q.loc),
                "unknown-outcome",
                f"question {q.id} tests {q.outcome}, which is not a learning outcome",
                suggest(q.outcome, (o.global_id for m in model.modules for o in m.outcomes))
                + "write the outcome's global id: module id, '-LO' and its number, e.g. M04-LO2",
            )


def check_question_answers(model: Curriculum) -> Iterable[Diagnostic]:
    for q in model.questions:
        if q.answer_index >= len(q.options):
            letters = answer_letters()[: len(q.options)]
            yield error(
                q.field_locs.get("answer", q.loc),
                "answer-out-of-range",
                f"question {q.id} gives answer {q.answer}, but it has only {plural(len(q.options), 'option')}",
                f"the answer is one of {', '.join(letters)} (options are lettered in order)",
            )


def check_question_spread(model: Curriculum) -> Iterable[Diagnostic]:
    exam = model.exam
    if exam is None or not exam.domains or not _weights_ok(exam):
        return
    counts = Counter(q.domain for q in model.questions)
    n = sum(counts[d.id] for d in exam.domains)
    expected = largest_remainder([d.weight for d in exam.domains], n)
    for d, want in zip(exam.domains, expected, strict=True):
        have = counts[d.id]
        if have < 1:
            yield warning(
                d.loc,
                "question-domain-empty",
                f"exam domain {d.id} has no practice questions",
                f"add at least one question with 'domain: {d.id}' so learners can practise it",
            )
        elif abs(have - want) > 1:
            yield warning(
                d.loc,
                "question-spread",
                f"exam domain {d.id} has {plural(have, 'practice question')} of {n}; its weight of "
                f"{fmt(d.weight)}% suggests {want}",
                f"spread the questions like the exam: {_listing(exam, expected)}",
            )
