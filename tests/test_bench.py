"""The benchmark's inputs and CLI. Timings themselves belong to `make bench`, never to a test."""
from __future__ import annotations

import pytest

import bench
from cpscp_engine.synthetic import competency_map, generate, module_ids
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


def test_bench_cli_validation_only(capsys):
    assert bench.main(["--sizes", "5", "--repeat", "1", "--no-build"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("modules=5 outcomes=30 criteria=120 validate_s=") and line.endswith("build_s=skipped")


def test_build_reports_why_it_cannot_run(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "PROJECT", tmp_path / "no-project")
    build_s, reason = bench.time_build(tmp_path / "site", 2)
    assert build_s is None and "macros" in reason
