"""The examination blueprint and the practice questions."""

from __future__ import annotations

ASSESSMENT = "curriculum/assessment.yml"


def test_weights_must_add_up_to_100(t):
    t.edit(ASSESSMENT, lambda d: d["exam"]["domains"][0].update(weight=20))
    found = t.find("exam-weights")
    assert len(found) == 1 and "97.5" in found[0].message


def test_item_counts_must_add_up_to_total(t):
    t.edit(ASSESSMENT, lambda d: d["exam"].update(total_items=81))
    codes = t.codes()
    assert "exam-items-total" in codes
    found = t.find("exam-items-total")[0]
    assert "80 items in all" in found.message and "X1 19, X2 14" in found.hint


def test_item_counts_follow_largest_remainder(t):
    def change(d):  # same total, but moved one item from X1 to X6
        d["exam"]["domains"][0]["items"] -= 1
        d["exam"]["domains"][5]["items"] += 1

    t.edit(ASSESSMENT, change)
    found = t.find("exam-items-rounding")
    assert {d.message.split()[2] for d in found} == {"X1", "X6"}
    assert "gives 18" in found[0].message or "gives 18" in found[1].message
    assert "exam-items-total" not in t.codes()


def test_exam_domain_competency_must_exist(t):
    t.edit(ASSESSMENT, lambda d: d["exam"]["domains"][0]["competencies"].append("C77"))
    assert t.codes() == {"unknown-exam-competency"}


def test_question_domain_and_outcome_must_exist(t):
    def change(d):
        d["practice_questions"][0]["domain"] = "X9"
        d["practice_questions"][1]["outcome"] = "M01-LO9"

    t.edit(ASSESSMENT, change)
    codes = t.codes()
    assert {"unknown-exam-domain", "unknown-outcome"} <= codes


def test_answer_letter_within_options(t):
    t.edit(ASSESSMENT, lambda d: d["practice_questions"][0].update(answer="E"))
    found = t.find("answer-out-of-range")
    assert len(found) == 1 and "only 4 options" in found[0].message


def test_questions_spread_like_the_exam(t):
    # 12 questions ought to go 3, 2, 2, 2, 2, 1; pile four extra on X6
    def change(d):
        extra = [dict(q, id=f"Q{90 + i}", domain="X6") for i, q in enumerate(d["practice_questions"][:4])]
        d["practice_questions"].extend(extra)

    t.edit(ASSESSMENT, change)
    result = t.validate()
    assert "question-spread" in {d.code for d in result.warnings}
    assert not result.errors


def test_domain_without_questions_warns(t):
    t.edit(
        ASSESSMENT, lambda d: d.update(practice_questions=[q for q in d["practice_questions"] if q["domain"] != "X6"])
    )
    assert t.codes() == {"question-domain-empty"}
