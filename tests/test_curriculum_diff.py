"""The curriculum diff compares the data of two revisions, in temporary git repositories."""
from __future__ import annotations

import yaml

from cpscp_engine import synthetic
from projectcopy import git, script


def _repo(tmp_path):
    repo = tmp_path / "repo"
    synthetic.generate(repo, modules=4, outcomes=2, criteria=2)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _first_module(repo):
    return sorted((repo / "curriculum" / "modules").glob("*.yml"))[0]


def test_reworded_criterion_and_glh_change_with_new_totals(tmp_path):
    repo = _repo(tmp_path)
    module = _first_module(repo)
    old_text = yaml.safe_load(module.read_text())["outcomes"][0]["criteria"][0]["text"]

    def change(data):
        data["outcomes"][0]["criteria"][0]["text"] = "Explain the reworded criterion in plain words."
        data["glh"] = 12

    _edit(module, change)
    result = script("curriculum_diff.py", "HEAD", "--repo", str(repo))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Reworded criterion **M01-AC1.1**" in out
    assert old_text in out and "Explain the reworded criterion in plain words." in out
    assert "**M01** GLH: 10 → 12" in out
    # programme totals before and after: 4 modules x 10 GLH = 40, then 42
    assert "| GLH | 40 | 42 |" in out


def test_two_revisions_map_change_and_added_module(tmp_path):
    repo = _repo(tmp_path)
    module = _first_module(repo)
    data = yaml.safe_load(module.read_text())
    cid, value = next(iter(data["competencies"].items()))
    new_value = "R" if value != "R" else "M"
    _edit(module, lambda d: d["competencies"].update({cid: new_value}))
    git(repo, "commit", "-qam", "change the map")
    result = script("curriculum_diff.py", "HEAD~1", "HEAD", "--repo", str(repo))
    assert result.returncode == 0, result.stderr
    assert f"{cid}: {value} → {new_value} in module M01" in result.stdout


def test_removed_published_id_is_flagged(tmp_path):
    repo = _repo(tmp_path)
    _edit(repo / "curriculum" / "programme.yml", lambda d: d.update(status="published"))
    git(repo, "commit", "-qam", "publish")

    def drop_question(data):
        data["practice_questions"].pop()

    _edit(repo / "curriculum" / "assessment.yml", drop_question)
    result = script("curriculum_diff.py", "HEAD", "--repo", str(repo))
    assert result.returncode == 1
    assert "Removed published ids" in result.stdout
    assert "practice question Q12 was published in version 1.0.0" in result.stdout
    assert "retired: true" in result.stdout


def test_no_change_says_so(tmp_path):
    repo = _repo(tmp_path)
    result = script("curriculum_diff.py", "HEAD", "--repo", str(repo))
    assert result.returncode == 0
    assert "No change to the curriculum data" in result.stdout


def test_unknown_revision_is_a_clear_usage_error(tmp_path):
    repo = _repo(tmp_path)
    result = script("curriculum_diff.py", "no-such-branch", "--repo", str(repo))
    assert result.returncode == 2
    assert "could not read that revision" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_revision_is_reported_not_crashed(tmp_path):
    repo = _repo(tmp_path)
    (repo / "curriculum" / "glossary.yml").write_text("terms: [unclosed\n", encoding="utf-8")
    result = script("curriculum_diff.py", "HEAD", "--repo", str(repo))
    assert result.returncode == 1
    assert "curriculum/glossary.yml:" in result.stderr and "Traceback" not in result.stderr


def test_changes_are_listed_in_natural_id_order():
    from cpscp_engine.diff import _split

    before = dict.fromkeys(("C2", "C10", "1.2"), 1)
    after = dict.fromkeys(("C2", "C10", "C9", "C11", "1.10", "1.3"), 1)
    added, removed, kept = _split(before, after)
    assert added == ["1.3", "1.10", "C9", "C11"]
    assert removed == ["1.2"] and kept == ["C2", "C10"]
