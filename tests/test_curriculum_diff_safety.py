"""curriculum_diff.py reads a revision from a pull request safely: a link to a file of the
machine, a submodule or a huge blob is an error message, never a traceback or a leak."""

from __future__ import annotations

from cpscp_engine import synthetic
from projectcopy import git, script

SECRET = "SECRET-VALUE-42"


def _repo(tmp_path):
    repo = tmp_path / "repo"
    synthetic.generate(repo, modules=3, outcomes=2, criteria=2)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


def _refused(repo, *revs):
    result = script("curriculum_diff.py", *revs, "--repo", str(repo))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    assert "cannot be compared safely" in result.stderr
    return result.stderr


def test_a_symlink_to_outside_is_an_error(tmp_path):
    repo = _repo(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text(f"token: {SECRET}\n", encoding="utf-8")
    glossary = repo / "curriculum" / "glossary.yml"
    glossary.unlink()
    glossary.symlink_to(secret)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "leak")
    assert "curriculum/glossary.yml' is a symbolic link" in _refused(repo, "HEAD")
    assert "symbolic link" in _refused(repo, "HEAD~1", "HEAD")


def test_a_huge_blob_is_an_error(tmp_path):
    repo = _repo(tmp_path)
    with open(repo / "docs" / "huge.md", "wb") as handle:
        handle.truncate(5_000_000)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "huge")
    assert "docs/huge.md' is 5,000,000 bytes" in _refused(repo, "HEAD", "HEAD")


def test_a_submodule_is_an_error(tmp_path):
    repo = _repo(tmp_path)
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},docs/sub")
    git(repo, "commit", "-qm", "submodule")
    assert "docs/sub' is not an ordinary file" in _refused(repo, "HEAD", "HEAD")


def test_an_ordinary_revision_is_compared(tmp_path):
    repo = _repo(tmp_path)
    result = script("curriculum_diff.py", "HEAD", "HEAD", "--repo", str(repo))
    assert result.returncode == 0, result.stderr
