"""The content rules of the programme that a machine can check (issue: Write the CPSCP programme)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cpscp_engine.diagnostics import Severity
from cpscp_engine.loader import load

ROOT = Path(__file__).resolve().parents[1]
STATUS_PAGES = ("index.md", "about.md", "assessment.md")


@pytest.fixture(scope="module")
def model():
    m, diagnostics = load(ROOT)
    errors = [d.format() for d in diagnostics if d.severity is Severity.ERROR]
    assert not errors, "\n".join(errors)
    return m


def test_thirteen_modules_with_four_to_six_outcomes_of_three_to_five_criteria(model):
    assert len(model.modules) == 13
    for m in model.modules:
        assert 4 <= len(m.outcomes) <= 6, m.id
        for o in m.outcomes:
            assert 3 <= len(o.criteria) <= 5, o.global_id


def test_every_module_page_has_at_least_900_words_of_prose(model):
    pages = {p.path: p for p in model.pages}
    for m in model.modules:
        assert pages[m.page].words >= 900, f"{m.page} has {pages[m.page].words} words"


def test_every_module_page_has_the_teaching_sections(model):
    for m in model.modules:
        text = (ROOT / "docs" / m.page).read_text(encoding="utf-8")
        for heading in ("## Overview", "## Learning outcomes", "## Key ideas", "## Practice scenario",
                        "## Activities", "## Reflection questions", "## Key points", "## Further reading"):
            assert heading in text, f"{m.page}: missing {heading}"
        assert "Practice scenario (fictional)" in text, m.page


def test_hours_fit_several_months_to_a_year_with_a_placement(model):
    totals = model.totals()
    assert 300 <= totals["tqt"] <= 400
    assert 100 <= model.programme.placement.hours <= 150
    weeks = sorted(p.weeks for p in model.programme.pathways)
    assert weeks[0] <= 30 and weeks[-1] >= 48  # about six months and about twelve


def test_competency_framework_size_and_coverage(model):
    assert 5 <= len(model.domains) <= 7
    assert 20 <= len(model.competencies) <= 35
    for c in model.competencies:
        found = model.competency_modules(c.id)
        assert found["I"] and found["M"], c.id


def test_every_reference_is_cited_and_every_citation_resolves(model):
    keys = {r.id for r in model.references}
    cited = {key for p in model.pages for c in p.citations if c.kind == "cite" for key in [c.key]}
    cited |= {k for m in model.modules for k, _ in m.references}
    cited |= {k for q in model.questions for k, _ in q.references}
    cited |= {k for t in model.terms for k, _ in t.references}
    cited |= {k for k, _ in model.programme.references}
    assert cited <= keys, f"unknown citation keys: {sorted(cited - keys)}"
    assert keys <= cited, f"references nothing cites: {sorted(keys - cited)}"
    assert len(keys) >= 40


def test_glossary_has_at_least_sixty_terms(model):
    assert len(model.terms) >= 60


def test_practice_questions_map_to_outcomes_in_proportion(model):
    assert len(model.questions) >= 40
    for q in model.questions:
        assert model.outcome(q.outcome) is not None, f"{q.id} tests unknown outcome {q.outcome}"
        assert q.rationale.strip()
    total = len(model.questions)
    for d in model.exam.domains:
        share = d.weight / 100 * total
        count = sum(q.domain == d.id for q in model.questions)
        assert abs(count - share) <= 1.5, f"{d.id}: {count} questions for a share of {share:.1f}"


def test_status_statement_on_pages_that_describe_the_award():
    for page in STATUS_PAGES:
        assert "status_statement()" in (ROOT / "docs" / page).read_text(encoding="utf-8"), page


def test_no_claim_of_accreditation(model):
    claim = re.compile(r"\b(is|are) (an? )?(accredited|regulated|Ofqual-regulated)\b", re.I)
    for path in (ROOT / "docs").rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if claim.search(line):
                assert re.search(r"\bnot\b|\bunless\b|n't", line), f"{path.name}: {line.strip()[:120]}"
    assert "not a regulated or accredited qualification" in model.programme.award_status


def test_programme_description_figures_are_labelled_illustrative():
    text = (ROOT / "docs" / "why-it-matters.md").read_text(encoding="utf-8")
    assert "illustrative" in text.lower()


@pytest.mark.parametrize("topic", [
    "case management", "curriculum", "legal", "ethic", "needs assessment", "crisis intervention",
    "relapse prevention", "programme development", "client interaction", "community collaboration",
    "placement", "examination", "non-profit", "government", "prison", "probation", "private sector",
    "Ministry of Justice", "reoffending", "employment"])
def test_every_topic_of_the_description_is_in_the_search_index(built_site, topic):
    _, site = built_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc.get("title", "") + " " + doc.get("text", "") for doc in index["docs"]).lower()
    assert topic.lower() in text
