"""The curriculum diff compares the data of two revisions, in temporary git repositories."""

from __future__ import annotations

import yaml

import yamlio
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
    data = yamlio.load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _first_module(repo):
    return sorted((repo / "curriculum" / "modules").glob("*.yml"))[0]


def test_reworded_criterion_and_glh_change_with_new_totals(tmp_path):
    repo = _repo(tmp_path)
    module = _first_module(repo)
    old_text = yamlio.load(module.read_text())["outcomes"][0]["criteria"][0]["text"]

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
    data = yamlio.load(module.read_text())
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


# --- what a report always says ------------------------------------------------------------


def test_every_report_states_identity_totals_and_pathway_hours_before_and_after(tmp_path):
    repo = _repo(tmp_path)
    _edit(
        repo / "curriculum" / "programme.yml",
        lambda d: d.update(title="Renamed", short_code="RNM") or d["pathways"][0].update(weeks=9),
    )
    out = script("curriculum_diff.py", "HEAD", "--repo", str(repo)).stdout
    assert "| Title | Synthetic programme | Renamed (changed) |" in out
    assert "| Short code | SYN | RNM (changed) |" in out and "| Provider | Test provider | Test provider |" in out
    assert "| Modules | 4 | 4 |" in out and "| Total GLH | 40 | 40 |" in out
    assert "| Pathway Standard (hours) | 80 | 90 (changed) |" in out  # 8 weeks x 10 hours, then 9 x 10
    assert "Short code: “SYN” → “RNM”" in out and "Pathway **standard**: 8 weeks × 10 hours → 9 weeks × 10 hours" in out
    # with nothing changed the context is still there
    git(repo, "checkout", "-q", "--", ".")
    quiet = script("curriculum_diff.py", "HEAD", "--repo", str(repo)).stdout
    assert "No change to the curriculum data" in quiet and "| Total TQT | 80 | 80 |" in quiet


def test_a_new_module_is_shown_with_its_outcomes_and_criteria(tmp_path):
    old = tmp_path / "old"
    synthetic.generate(old, modules=3, outcomes=2, criteria=2)
    new = tmp_path / "new"
    synthetic.generate(new, modules=4, outcomes=2, criteria=2)
    from cpscp_engine.diff import compare
    from cpscp_engine.loader import load

    report = compare(load(old)[0], load(new)[0])
    texts = [c.text for c in report.changes]
    added = load(new)[0].module("M04")
    assert any(t.startswith("Added **M04**") for t in texts)
    for o in added.outcomes:
        assert any(f"Added outcome **{o.global_id}**" in t and o.text in t for t in texts)
        for c in o.criteria:
            assert any(f"Added criterion **{c.global_id}** ({c.bloom})" in t and c.text in t for t in texts)


def test_references_added_and_removed_are_listed(tmp_path):
    repo = _repo(tmp_path)

    def refs(data):
        data["references"].pop()
        data["references"].append(
            {
                "id": "new-2026",
                "type": "report",
                "author": "Author, A.",
                "year": 2026,
                "title": "A new source",
                "publisher": "P",
                "accessed": "2026-11-28",
            }
        )

    gone = yamlio.load((repo / "curriculum" / "references.yml").read_text())["references"][-1]["id"]
    _edit(repo / "curriculum" / "references.yml", refs)
    out = script("curriculum_diff.py", "HEAD", "--repo", str(repo)).stdout
    assert "### References" in out
    assert "Added **new-2026**: Author, A. (2026) “A new source”" in out and f"Removed **{gone}**" in out


# --- a fork and its upstream ------------------------------------------------------------------


def _drop(repo, ids):
    """Drop modules as a provider does: out of the programme's `modules:` list when it has one, else the files."""
    programme = repo / "curriculum" / "programme.yml"
    if "modules" in yamlio.load(programme.read_text(encoding="utf-8")):
        _edit(programme, lambda d: d.update(modules=[m for m in d["modules"] if m not in ids]))
        return
    for path in (repo / "curriculum" / "modules").glob("*.yml"):
        if yamlio.load(path.read_text(encoding="utf-8"))["id"] in ids:
            path.unlink()


def _changes(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("- ")]


def test_fork_that_dropped_modules_sees_only_the_one_upstream_change(tmp_path):
    upstream = tmp_path / "upstream"
    synthetic.generate(upstream, modules=5, outcomes=2, criteria=2)
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "upstream 1.0")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", "-o", "upstream", str(upstream), str(fork))
    # the provider makes the edition theirs: a new identity, two modules dropped, an outcome reworded
    _edit(fork / "curriculum" / "programme.yml", lambda d: d.update(title="Fresh Start", short_code="FSP"))
    _drop(fork, {"M02", "M03"})
    _edit(_first_module(fork), lambda d: d["outcomes"][0].update(text="Explain our own local context."))
    git(fork, "commit", "-qam", "our edition")
    # upstream then changes one criterion of a module the fork kept
    m04 = next(p for p in (upstream / "curriculum" / "modules").glob("*.yml") if "04" in p.name)
    _edit(m04, lambda d: d["outcomes"][0]["criteria"][0].update(text="Describe the corrected criterion."))
    git(upstream, "commit", "-qam", "fix a criterion")
    git(fork, "fetch", "-q", "upstream")

    before = script("curriculum_diff.py", "--upstream", "upstream/main", "--repo", str(fork))
    assert before.returncode == 0, before.stderr
    assert _changes(before.stdout) == [
        "- Reworded criterion **M04-AC1.1**: “"
        + _old_criterion(upstream, m04)
        + "” → “Describe the corrected criterion.”"
    ]
    assert "only the changes made on the upstream/main side" in before.stdout
    # comparing the two tips directly would show the provider's own edits reversed
    direct = script("curriculum_diff.py", "--direct", "HEAD", "upstream/main", "--repo", str(fork)).stdout
    assert any("M02" in line for line in _changes(direct)) and len(_changes(direct)) > 1

    git(fork, "merge", "-q", "--no-edit", "upstream/main")
    after = script("curriculum_diff.py", "HEAD~1", "HEAD", "--repo", str(fork))
    assert after.returncode == 0, after.stderr
    assert [line.split(":")[0] for line in _changes(after.stdout)] == ["- Reworded criterion **M04-AC1.1**"]
    assert "| Short code | FSP | FSP |" in after.stdout  # the fork's identity, unchanged by the merge


def _old_criterion(upstream, path):
    return yamlio.load(git(upstream, "show", f"HEAD~1:{path.relative_to(upstream).as_posix()}"))["outcomes"][0][
        "criteria"
    ][0]["text"]


def test_upstream_without_a_remote_is_a_plain_usage_error(tmp_path):
    repo = _repo(tmp_path)
    result = script("curriculum_diff.py", "--upstream", "--repo", str(repo))
    assert result.returncode == 2
    assert "git fetch upstream" in result.stderr and "Traceback" not in result.stderr
