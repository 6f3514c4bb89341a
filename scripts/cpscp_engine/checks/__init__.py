"""Every rule of the curriculum, as small named checks over the loaded model.

A check is `def check_x(model) -> Iterable[Diagnostic]`: it reads the model, never the
files, and skips cross-file rules whose target did not load (see Curriculum.loaded).
Add a check by writing the function in the module of its family and listing it in CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..diagnostics import Diagnostic
from ..model import Curriculum
from . import (
    assessment,
    branding,
    competencies,
    delivery,
    exam,
    hours,
    ids,
    links,
    listing,
    markers,
    page_syntax,
    pages,
    policy,
    references,
    structure,
    verbs,
)

Check = Callable[[Curriculum], Iterable[Diagnostic]]

CHECKS: list[Check] = [
    ids.check_unique_ids,
    ids.check_unique_pages,
    ids.check_task_ids,
    structure.check_has_modules,
    listing.check_listed_modules_exist,
    listing.check_nav_modules,
    listing.check_left_out_pages_excluded,
    listing.check_module_numbers_in_pages,
    listing.check_module_counts_in_prose,
    listing.check_module_mentions_in_text,
    structure.check_outcome_numbering,
    structure.check_criterion_numbering,
    structure.check_outcomes_have_criteria,
    structure.check_outcome_counts,
    structure.check_prerequisites,
    structure.check_prerequisite_cycles,
    assessment.check_task_criteria_exist,
    assessment.check_criteria_assessed,
    assessment.check_tasks_assess_something,
    assessment.check_weightings,
    competencies.check_module_competencies_exist,
    competencies.check_module_has_competency,
    competencies.check_competency_coverage,
    competencies.check_competency_progression,
    hours.check_tqt_covers_glh,
    hours.check_credits,
    hours.check_pathway_hours,
    hours.check_placement,
    exam.check_exam_weights,
    exam.check_exam_items,
    exam.check_exam_domain_competencies,
    exam.check_exam_domains_taught,
    exam.check_question_links,
    exam.check_question_answers,
    exam.check_question_spread,
    verbs.check_criterion_verbs,
    verbs.check_outcome_verbs,
    references.check_reference_keys,
    references.check_essential_reading,
    references.check_unused_references,
    references.check_glossary_links,
    references.check_page_terms,
    references.check_page_competencies,
    references.check_replacements,
    page_syntax.check_page_syntax,
    pages.check_module_pages,
    pages.check_page_modules,
    pages.check_page_module_macros,
    pages.check_page_exam_domains,
    pages.check_page_programme_fields,
    links.check_page_links,
    policy.check_module_page_words,
    policy.check_module_page_headings,
    policy.check_status_statement_pages,
    policy.check_accreditation_claims,
    policy.check_page_conflicts,
    markers.check_todo_markers,
    branding.check_fork_branding,
    branding.check_attribution_kept,
    *delivery.CHECKS,
]


class CheckFailed(Exception):
    """A check crashed: a bug in the validator, not a problem in the curriculum."""


def run_all(model: Curriculum, checks: Iterable[Check] = CHECKS) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in checks:
        try:
            found.extend(check(model))
        except Exception as exc:  # name the check so the bug report says where to look
            raise CheckFailed(f"{check.__module__}.{check.__name__} crashed: {type(exc).__name__}: {exc}") from exc
    return found
