"""The benchmark's inputs and CLI. Timings themselves belong to `make bench`, never to a test."""

from __future__ import annotations

import pytest

import bench
import yamlio
from cpscp_engine.synthetic import NAV_SECTION, competency_map, generate, module_ids, module_nav
from cpscp_engine.validate import validate


def test_100_synthetic_modules_validate_cleanly(tmp_path):
    counts = generate(tmp_path, modules=100)
    assert (counts.modules, counts.outcomes, counts.criteria) == (100, 600, 2400)
    result = validate(tmp_path)
    assert result.errors == [] and result.warnings == []


@pytest.mark.parametrize("n", [2, 3, 7, 99, 120, 1000])
def test_synthetic_competency_map_is_valid(n):
    maps = competency_map(n)
    seen_i, seen_m = set(), set()
    for entries in maps:
        assert entries
        for cid, value in entries.items():
            if value in "RM":
                assert cid in seen_i
            (seen_i if value == "I" else seen_m if value == "M" else set()).add(cid)
    assert len(seen_i) == len(seen_m) == 30


def test_module_ids_fit_the_schema_pattern():
    assert module_ids(3) == ["M01", "M02", "M03"]
    assert module_ids(100)[-1] == "M100"
    assert module_ids(1000)[0] == "M000" and module_ids(1000)[-1] == "M999"


def test_bench_reports_each_ratio_against_its_target():
    out = bench.report(
        {
            "validation": {"validate_s": 1.2, "parse_floor_s": 1.0, "ratio": 1.2},
            "handbook": {"handbook_s": 3.0, "plain_s": 2.0, "ratio": 1.5},
        }
    )
    assert out.splitlines() == [
        "validation: ratio=1.20 (meets target <= 1.3) validate_s=1.200 parse_floor_s=1.000",
        "handbook: ratio=1.50 (MISSES target <= 1.3) handbook_s=3.000 plain_s=2.000",
    ]


def test_plain_baseline_keeps_the_theme_and_drops_what_renders_pages():
    config = {
        "site_name": "x",
        "theme": {"name": "material"},
        "markdown_extensions": ["tables"],
        "watch": ["c"],
        "plugins": ["search", {"macros": {}}, {"print-site": {}}],
        "validation": {"anchors": "warn"},
    }
    plain = bench.plain_config(config)
    assert plain["plugins"] == ["search"] and "watch" not in plain
    assert plain["theme"] == config["theme"] and plain["markdown_extensions"] == ["tables"]
    assert set(plain["validation"].values()) == {"ignore"}


@pytest.mark.slow  # runs the benchmark's validation part, one round, on 200 modules
def test_bench_validation_part_writes_its_ratio(tmp_path, capsys):
    out = tmp_path / "results.json"
    assert bench.main(["--only", "validation", "--quick", "--repeat", "1", "--json", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("validation: ratio=") and "parse_floor_s=" in line and "rounds=1" in line
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["modules"] == [20, 200] and data["results"]["validation"]["ratio"] > 0
    assert data["results"]["validation"]["rounds"] == 1


@pytest.mark.parametrize("repeat", [[], ["--repeat", "3"]], ids=["its own rounds", "--repeat"])
def test_each_part_runs_its_own_rounds_unless_repeat_sets_them_all(monkeypatch, capsys, repeat):
    # The parts themselves are stood in for: what is tested is how main hands out the rounds.
    given: dict[str, int] = {}

    def part(name):
        def run(*args):
            given[name] = args[-1]
            return {"ratio": 1.0}

        return run

    monkeypatch.setattr(bench, "generate", lambda *a, **k: None)
    for name in ("validation", "growth", "handbook"):
        monkeypatch.setattr(bench, f"{name}_ratio", part(name))
    assert bench.main(["--quick", *repeat]) == 0
    expected = dict.fromkeys(bench.ROUNDS, 3) if repeat else dict(bench.ROUNDS)
    assert given == expected
    assert len(set(bench.ROUNDS.values())) > 1, "the parts' own rounds differ, or this test could not tell them apart"
    out = capsys.readouterr().out
    for name, rounds in expected.items():
        assert f"{name}: ratio=1.00" in out and f"rounds={rounds}" in out


def test_plain_baseline_of_a_synthetic_site_has_its_pages_rendered_and_no_macros(tmp_path):
    site = bench.synthetic_site(tmp_path, 3)
    plain = bench.plain_site(site)
    pages = sorted(p.relative_to(plain / "docs") for p in (plain / "docs").rglob("*.md"))
    assert pages == sorted(p.relative_to(site / "docs") for p in (site / "docs").rglob("*.md"))
    module = (plain / "docs" / "modules" / pages[-1].name).read_text(encoding="utf-8")
    assert module.startswith("---\nmodule: M03\n---\n") and "{{" not in module
    assert "It cites a source ([Author, " in module  # the cite() call, as the macros render it
    assert "macros" not in (plain / "mkdocs.yml").read_text(encoding="utf-8")


def test_rounds_run_the_sides_one_way_then_the_other_and_keep_each_rounds_times():
    order: list[str] = []
    cpu = {"a": iter([3.0, 1.0, 2.0]), "b": iter([5.0, 6.0, 4.0])}

    def run(name):
        def action():
            order.append(name)
            return next(cpu[name])

        return action

    measured = bench.rounds(3, run("a"), run("b"))
    assert order == ["a", "b", "b", "a", "a", "b"]  # a steady drift favours neither side
    assert [[t[0] for t in row] for row in measured] == [[3.0, 5.0], [1.0, 6.0], [2.0, 4.0]]


def test_the_ratio_is_the_median_of_the_rounds_own_ratios():
    # Round by round 3/2, 1/1 and 4/1, the machine's speed changing between rounds: the rounds'
    # own ratios are 1.5, 1.0 and 4.0. Each side's best (1 and 1) would give 1.0, each side's
    # median (3 and 1) 3.0, and the mean of the rounds' ratios 2.17.
    measured = [[(3.0, 3.5), (2.0, 2.0)], [(1.0, 1.0), (1.0, 1.0)], [(4.0, 4.0), (1.0, 1.0)]]
    result = bench.ratio_of(measured, 0, 1)
    assert result["ratio"] == 1.5
    assert result["best_ratio"] == 1.0
    assert result["wall_ratio"] == 1.75
    assert result["round_ratios"] == "1.00-4.00"
    assert bench.ratio_of(measured, 1, 0)["ratio"] == 2 / 3
    assert bench.median_cpu(measured, 0) == 3.0


def _lists(entries: list):
    """Every list of a nav, itself first, and the pages in order."""
    lists, pages = [entries], []
    for entry in entries:
        if isinstance(entry, dict):
            (children,) = entry.values()
            sub_lists, sub_pages = _lists(children)
            lists += sub_lists
            pages += sub_pages
        else:
            pages.append(entry)
    return lists, pages


@pytest.mark.parametrize(
    "n, size, top", [(3, 25, 3), (25, 25, 25), (26, 25, 2), (100, 25, 4), (1000, 25, 2), (7, 3, 3)]
)
def test_module_nav_keeps_the_order_and_no_list_is_longer_than_a_section(n, size, top):
    pages = [f"modules/{i:03d}.md" for i in range(1, n + 1)]
    nav = module_nav(pages, size)
    lists, listed = _lists(nav)
    assert listed == pages and len(nav) == top
    assert all(len(entries) <= size for entries in lists)
    # sections at one level are as even as can be, and each title gives its modules' numbers
    sections = [children for entry in nav if isinstance(entry, dict) for children in entry.values()]
    assert not sections or max(map(len, sections)) - min(map(len, sections)) <= 1
    if sections:
        assert list(nav[0]) == [f"Modules 1\u2013{len(_lists(sections[0])[1])}"]


def test_a_synthetic_site_lists_its_modules_in_sections_with_the_handbooks_features(tmp_path):
    site = bench.synthetic_site(tmp_path, NAV_SECTION + 1)
    config = yamlio.load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "navigation.prune" in config["theme"]["features"]
    assert config["theme"]["features"] == bench.handbook_features()
    home, (modules,) = config["nav"][0], config["nav"][1].values()
    assert home == {"Home": "index.md"} and [list(s) for s in modules] == [
        ["Modules 1\u201313"],
        ["Modules 14\u201326"],
    ]
    assert validate(site).errors == []  # the validator reads the modules in their sections
    plain = yamlio.load((bench.plain_site(site) / "mkdocs.yml").read_text(encoding="utf-8"))
    assert plain["nav"] == config["nav"] and plain["theme"] == config["theme"]  # the baseline is like for like
