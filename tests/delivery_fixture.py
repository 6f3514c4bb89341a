"""Valid delivery files (curriculum/delivery/*.yml) for the synthetic curriculum of the tests.

Built from each module's own data, so they obey every delivery rule: two sessions splitting
the guided hours, each teaching half of the criteria before the task that assesses them, one
brief per task with one rubric row per criterion, and tutor notes and model answers throughout.
The texts carry unique markers (TUTORNOTE-..., MODELANSWER-...) so tests can search built output.
"""
from __future__ import annotations

from pathlib import Path

import yaml


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def delivery_for(module: dict, references: list[str] | None = None) -> dict:
    mid = module["id"]
    criteria = [c["id"] for o in module["outcomes"] for c in o["criteria"]]
    tasks = module["assessment"]
    total = module["glh"] * 60
    first = total // 2
    # S1 teaches what the first task assesses, S2 the rest; each task is set after the session
    # that completes its criteria.
    first_aims = list(tasks[0]["criteria"])
    rest = [c for c in criteria if c not in first_aims] or criteria[-1:]
    sessions = []
    for i, (minutes, aims) in enumerate(((first, first_aims), (total - first, rest)), 1):
        sessions.append({
            "id": f"S{i}", "title": f"Session {i} of {mid}", "minutes": minutes, "aims": aims,
            "resources": [f"Handout {i}"], "tutor_notes": f"TUTORNOTE-{mid}-S{i} run it calmly.",
            "activities": [{"id": f"A{i}", "title": f"Activity {i}", "minutes": 30, "format": "pairs",
                            "task": f"LEARNERTASK-{mid}-A{i} discuss the case.",
                            "tutor_notes": f"TUTORNOTE-{mid}-A{i} watch the time.",
                            "model_answer": f"MODELANSWER-{mid}-A{i} names three points.",
                            "references": list(references or [])}]})
    briefs = []
    for t in tasks:
        after = "S1" if set(t["criteria"]) <= set(first_aims) else "S2"
        briefs.append({"task": t["id"], "after_session": after,
                       "scenario": f"BRIEF-{t['id']} This scenario is fictional.",
                       "submit": ["A written account."], "length": "About 1,000 words.",
                       "deadline": "Two weeks after the session.",
                       "rubric": [{"criterion": c, "met": f"MET-{t['id']}-{c}", "not_yet_met": f"NOTYET-{t['id']}-{c}"}
                                  for c in t["criteria"]]})
    return {"module": mid, "sessions": sessions,
            "reflection_questions": [{"id": "R1", "question": f"QUESTION-{mid}-R1 what did you notice?",
                                      "model_answer": f"MODELANSWER-{mid}-R1 covers two points.",
                                      "references": []}],
            "briefs": briefs}


def write_deliveries(root: Path, count: int | None = None) -> list[Path]:
    """Write a delivery file for the first `count` modules (all when None); returns the paths."""
    out = root / "curriculum" / "delivery"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted((root / "curriculum" / "modules").glob("*.yml"))[:count]:
        module = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = out / path.name
        target.write_text(dump(delivery_for(module)), encoding="utf-8")
        written.append(target)
    return written
