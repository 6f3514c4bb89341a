"""Write a synthetic, valid curriculum of any size: the fixture of the tests and the benchmark.

The data is meaningless but obeys every rule the validator enforces, so a test can break
exactly one rule and expect exactly one kind of diagnostic, and the benchmark measures a
curriculum that the checks walk in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from .checks._common import largest_remainder
from .render.registry import COMPETENCY, MACROS, MODULE, REFERENCE, TERM, macro_taking
from .vocab import DRAFT, INTRODUCED, MASTERED, PROFICIENCY_KEYS, REINFORCED

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

COMPETENCIES = 30
DOMAINS = 6
REFERENCES = 10
TERMS = 10
EXAM_WEIGHTS = (22.5, 17.5, 20, 15, 15, 10)
EXAM_ITEMS = 80
QUESTIONS = 12
# The most entries any one list of the navigation holds: what the provider guide tells a
# programme with many modules to do (docs/providers/index.md, "Many modules"). With Material's
# navigation.prune, a page then carries the open sections' entries, not every module.
NAV_SECTION = 25
# (verb, Bloom level) pairs the criteria cycle through; each verb sits in exactly one level.
VERBS = (
    ("Describe", "understand"),
    ("Explain", "understand"),
    ("Apply", "apply"),
    ("Analyse", "analyse"),
    ("Evaluate", "evaluate"),
    ("Design", "create"),
    ("Identify", "remember"),
    ("Demonstrate", "apply"),
)
# Every macro whose one required argument is a module id: each generated module page calls them all.
MODULE_MACROS = tuple(name for name, m in MACROS.items() if [p.kind for p in m.params if p.required] == [MODULE])


@dataclass(frozen=True)
class Counts:
    modules: int
    outcomes: int
    criteria: int
    competencies: int
    pages: tuple[str, ...] = ()  # the module pages under docs/, in the programme's order


def module_ids(n: int) -> list[str]:
    # ids are M + two or three digits, so 1000 modules use M000..M999
    start = 1 if n <= 999 else 0
    width = max(2, len(str(start + n - 1)))
    return [f"M{i:0{width}d}" for i in range(start, start + n)]


def competency_map(n: int, k: int = COMPETENCIES) -> list[dict[str, str]]:
    """Introduce every competency in the first half, master it in the second, reinforce elsewhere."""
    if n < 2:
        raise ValueError("a synthetic curriculum needs at least 2 modules (introduce, then master)")
    half = n // 2
    maps: list[dict[str, str]] = [{} for _ in range(n)]
    for c in range(k):
        maps[c % half][f"C{c + 1}"] = INTRODUCED
        maps[half + c % (n - half)][f"C{c + 1}"] = MASTERED
    for i, entries in enumerate(maps):
        if not entries:
            maps[i][f"C{i % k + 1}"] = REINFORCED  # its introducer comes earlier: i >= k or i >= half
    return maps


def module_nav(pages: list[str], size: int = NAV_SECTION) -> list:
    """The mkdocs.yml nav entries of the module pages, in order, no list longer than `size`.

    Up to `size` pages are listed as they are. More are split into as few sections of
    consecutive modules as keep each within `size`, of sizes as even as can be ("Modules
    1–25"); more sections than `size` are grouped the same way, and so on: the way a provider
    groups a long programme.
    """
    if size < 2:
        raise ValueError("a navigation section holds at least 2 entries")
    # (number of its first module, of its last, its nav entry) for each entry of the current level
    level: list[tuple[int, int, object]] = [(i, i, page) for i, page in enumerate(pages, 1)]
    while len(level) > size:
        parts = -(-len(level) // size)
        bounds = [len(level) * k // parts for k in range(parts + 1)]
        chunks = [level[a:b] for a, b in pairwise(bounds)]
        level = [
            (c[0][0], c[-1][1], {f"Modules {c[0][0]}\u2013{c[-1][1]}": [entry for _, _, entry in c]}) for c in chunks
        ]
    return [entry for _, _, entry in level]


def _dump(path: Path, data, header: str = "") -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


def _module(
    mid: str, order: int, n_outcomes: int, n_criteria: int, prereqs: list[str], comp: dict, ref: str, page: str
) -> dict:
    outcomes, all_ids, v = [], [], 0
    for lo in range(1, n_outcomes + 1):
        crits = []
        for ac in range(1, n_criteria + 1):
            verb, bloom = VERBS[v % len(VERBS)]
            v += 1
            crits.append(
                {"id": f"{lo}.{ac}", "text": f"{verb} aspect {ac} of topic {lo} of module {mid}.", "bloom": bloom}
            )
            all_ids.append(f"{lo}.{ac}")
        outcomes.append({"id": lo, "text": f"Explain topic {lo} of module {mid} in practice.", "criteria": crits})
    half = max(1, len(all_ids) // 2)
    tasks = [
        {
            "id": f"{mid}-T1",
            "type": "written-assignment",
            "title": "Written assignment",
            "description": "A 1,500-word assignment.",
            "weighting": 60,
            "criteria": all_ids[:half],
        },
        {
            "id": f"{mid}-T2",
            "type": "case-study",
            "title": "Case study",
            "description": "A case study analysis of 1,000 words.",
            "weighting": 40,
            "criteria": all_ids[half:],
        },
    ]
    if half == len(all_ids):  # a single criterion: one task carries it all
        tasks = tasks[:1]
        tasks[0]["weighting"] = 100
    return {
        "id": mid,
        "title": f"Synthetic module {order}",
        "summary": f"A generated module used to test the engine ({mid}).",
        "level": 4,
        "glh": 10,
        "tqt": 20,
        "credits": 2,
        "page": page,
        "prerequisites": prereqs,
        "outcomes": outcomes,
        "competencies": comp,
        "assessment": tasks,
        "references": [ref],
    }


def delivery(module: dict, placement: bool = False) -> dict:
    """A valid delivery file (curriculum/delivery/) for a module's data.

    Two sessions split the guided hours: the first teaches what the first task assesses, the
    second the rest, and each task is set after the session that completes its criteria. Texts
    carry markers (TUTORNOTE-..., MODELANSWER-...) that tests search built output for.
    """
    mid = module["id"]
    criteria = [c["id"] for o in module["outcomes"] for c in o["criteria"]]
    tasks = module["assessment"]
    total = module["glh"] * 60
    first_aims = [c for c in tasks[0]["criteria"] if c in criteria]  # a mistyped id is not an aim
    rest = [c for c in criteria if c not in first_aims] or criteria[-1:]
    sessions = []
    for i, (minutes, aims) in enumerate(((total // 2, first_aims), (total - total // 2, rest)), 1):
        sessions.append(
            {
                "id": f"S{i}",
                "title": f"Session {i} of {mid}",
                "minutes": minutes,
                "aims": aims,
                "resources": [f"Handout {i}"],
                "tutor_notes": f"TUTORNOTE-{mid}-S{i} run it calmly.",
                "activities": [
                    {
                        "id": f"A{i}",
                        "title": f"Activity {i}",
                        "minutes": 30,
                        "format": "pairs",
                        "task": f"LEARNERTASK-{mid}-A{i} discuss the case.",
                        "tutor_notes": f"TUTORNOTE-{mid}-A{i} watch the time.",
                        "model_answer": f"MODELANSWER-{mid}-A{i} names three points.",
                    }
                ],
            }
        )
    briefs = [
        {
            "task": t["id"],
            "after_session": "S1" if set(t["criteria"]) <= set(first_aims) else "S2",
            "scenario": f"BRIEF-{t['id']} This scenario is fictional.",
            "submit": ["A written account."],
            "length": "About 1,000 words.",
            "deadline": "Two weeks after the session.",
            "rubric": [
                {"criterion": c, "met": f"MET-{t['id']}-{c}", "not_yet_met": f"NOTYET-{t['id']}-{c}"}
                for c in t["criteria"]
            ],
        }
        for t in tasks
    ]
    data = {
        "module": mid,
        "sessions": sessions,
        "reflection_questions": [
            {
                "id": "R1",
                "question": f"QUESTION-{mid}-R1 what did you notice?",
                "model_answer": f"MODELANSWER-{mid}-R1 covers two points.",
            }
        ],
        "briefs": briefs,
    }
    if placement:
        data["logbook"] = {
            "evidence": [
                {"competency": c, "evidence": f"EVIDENCE-{c} an observed record."} for c in module["competencies"]
            ]
        }
    return data


def _page(mid: str, order: int, ref: str, term: str, comp: str) -> str:
    macros = "\n\n".join(MACROS[name].call(mid) for name in MODULE_MACROS)
    cite, glossary, competency = (macro_taking(kind) for kind in (REFERENCE, TERM, COMPETENCY))
    return (
        f"---\nmodule: {mid}\n---\n\n# Module {order}: Synthetic module {order}\n\n"
        f"This page was generated to test the engine. It cites a source {cite.call(ref)}, "
        f"links a term {glossary.call(term)} and a competency {competency.call(comp)}.\n\n"
        f"{macros}\n"
    )


def generate(root: Path | str, modules: int = 10, outcomes: int = 6, criteria: int = 4, pages: bool = True) -> Counts:
    """Write curriculum/ (and docs/ when `pages`) for a valid programme of `modules` modules under root."""
    root = Path(root)
    cur, mod_dir, docs = root / "curriculum", root / "curriculum" / "modules", root / "docs"
    mod_dir.mkdir(parents=True, exist_ok=True)
    (cur / "delivery").mkdir(exist_ok=True)
    ids = module_ids(modules)
    maps = competency_map(modules)
    module_pages = []
    refs = [f"ref-{i:02d}" for i in range(1, REFERENCES + 1)]
    terms = [f"term-{i:02d}" for i in range(1, TERMS + 1)]
    if pages:
        (docs / "modules").mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(
            "# Synthetic handbook\n\nGenerated for tests and benchmarks.\n", encoding="utf-8"
        )
    for i, mid in enumerate(ids):
        order = i + 1
        slug = f"{ids[i][1:]}-synthetic-{order}"
        prereqs = sorted({ids[i - 1], ids[i // 2]} - {mid}) if i else []
        page = f"modules/{slug}.md"
        module_pages.append(page)
        module = _module(mid, order, outcomes, criteria, prereqs, maps[i], refs[i % REFERENCES], page)
        _dump(mod_dir / f"{slug}.yml", module)
        _dump(cur / "delivery" / f"{slug}.yml", delivery(module, placement=i == len(ids) - 1))
        if pages:
            (docs / page).write_text(
                _page(mid, order, refs[(i + 1) % REFERENCES], terms[i % TERMS], next(iter(maps[i]))), encoding="utf-8"
            )

    _dump(
        cur / "programme.yml",
        {
            "id": "synthetic",
            "title": "Synthetic programme",
            "short_code": "SYN",
            "version": "1.0.0",
            "status": DRAFT,
            "uri": "https://example.org/handbook/",
            "provider": {"name": "Test provider", "contact": "https://example.org/contact"},
            "attribution": {
                "notice": "Based on the CPSCP open handbook (https://github.com/cpscp-handbook/handbook), "
                "licensed under CC BY-SA 4.0. Changes were made.",
                "licence": "CC BY-SA 4.0",
                "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
            },
            "jurisdiction": {"primary": "England and Wales"},
            "level": 4,
            "award_status": "An open curriculum, not a regulated qualification.",
            "summary": "Generated.",
            "delivery": {"online": "Online.", "placement": "Placement.", "assessment": "Assessment."},
            "entry_requirements": ["Aged 18 or over."],
            "modules": ids,
            "pathways": [
                {
                    "id": "standard",
                    "title": "Standard",
                    "weeks": 2 * modules,
                    "weekly_hours": 10,
                    "description": "Ten hours a week.",
                }
            ],
            "placement": {
                "module": ids[-1],
                "hours": 10,
                "settings": ["A community organisation."],
                "supervision": "Fortnightly.",
                "evidence": ["A logbook."],
            },
            "award_rules": ["Pass every module."],
            "references": refs,
        },
    )
    _dump(
        cur / "competencies.yml",
        {
            "domains": [
                {
                    "id": f"D{d + 1}",
                    "title": f"Domain {d + 1}",
                    "description": "A generated domain.",
                    "competencies": [
                        {
                            "id": f"C{c + 1}",
                            "title": f"Competency {c + 1}",
                            "statement": f"Does generated thing {c + 1}.",
                            "proficiency": {
                                level: f"{level.upper()}-C{c + 1} does it." for level in PROFICIENCY_KEYS.values()
                            },
                        }
                        for c in range(COMPETENCIES)
                        if c % DOMAINS == d
                    ],
                }
                for d in range(DOMAINS)
            ]
        },
    )
    items = largest_remainder(EXAM_WEIGHTS, EXAM_ITEMS)
    per_domain = largest_remainder(EXAM_WEIGHTS, QUESTIONS)
    domains = [f"X{d + 1}" for d in range(len(EXAM_WEIGHTS))]
    question_domains = [x for x, k in zip(domains, per_domain, strict=True) for _ in range(k)]
    _dump(
        cur / "assessment.yml",
        {
            "exam": {
                "title": "Final examination",
                "format": "Online multiple choice.",
                "duration_minutes": 90,
                "total_items": EXAM_ITEMS,
                "pass_mark_percent": 65,
                "standard_setting": "Modified Angoff.",
                "domains": [
                    {
                        "id": x,
                        "title": f"Exam domain {d + 1}",
                        "weight": w,
                        "items": k,
                        "competencies": [f"C{c + 1}" for c in range(COMPETENCIES) if c % len(domains) == d],
                    }
                    for d, (x, w, k) in enumerate(zip(domains, EXAM_WEIGHTS, items, strict=True))
                ],
            },
            "practice_questions": [
                {
                    "id": f"Q{q + 1:02d}",
                    "domain": x,
                    "outcome": f"{ids[q % modules]}-LO1",
                    "stem": f"Generated question {q + 1}?",
                    "options": ["First", "Second", "Third", "Fourth"],
                    "answer": "ABCD"[q % 4],
                    "rationale": "Generated.",
                    "references": [refs[q % REFERENCES]],
                }
                for q, x in enumerate(question_domains)
            ],
        },
    )
    _dump(
        cur / "glossary.yml",
        {
            "terms": [
                {
                    "id": t,
                    "term": f"Term {i + 1}",
                    "definition": "A generated definition.",
                    "see_also": [terms[(i + 1) % TERMS]],
                    "references": [refs[i % REFERENCES]],
                }
                for i, t in enumerate(terms)
            ]
        },
    )
    _dump(
        cur / "references.yml",
        {
            "references": [
                {
                    "id": r,
                    "type": "book",
                    "author": "Author, A.",
                    "year": 2000 + i,
                    "title": f"Generated work {i + 1}",
                    "publisher": "Example Press",
                    "accessed": "2026-01-01",
                }
                for i, r in enumerate(refs)
            ]
        },
    )
    return Counts(modules, modules * outcomes, modules * outcomes * criteria, COMPETENCIES, tuple(module_pages))
