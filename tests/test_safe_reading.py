"""The validator reads only ordinary files inside the repository, and never more than a limit.

A pull request can add a symbolic link to any file of the machine that runs the checks (CI logs
are public) or to a device or named pipe; each is refused with a plain error that shows nothing
of the file or of where the link points.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading

import pytest

from cpscp_engine.loader import read_page
from cpscp_engine.yamlsource import MAX_BYTES, UnsafeFile, read_repo_file, read_yaml
from fixtures import ROOT

SECRET = "token: SECRET-VALUE-42\n"


@pytest.fixture
def outside(tmp_path):
    path = tmp_path / "outside" / "secret.yml"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "curriculum").mkdir(parents=True)
    (root / "docs").mkdir()
    return root


def _diag(path, repo):
    doc, problem = read_yaml(path, repo)
    assert doc is None and problem is not None
    return problem


def test_a_link_out_of_the_repository_is_refused_without_echo(repo, outside):
    link = repo / "curriculum" / "glossary.yml"
    link.symlink_to(outside)
    problem = _diag(link, repo)
    assert problem.code == "outside-repository"
    text = problem.format()
    assert text.startswith("curriculum/glossary.yml:1:1: ")
    assert "SECRET" not in text and str(outside) not in text and "outside/" not in text


def test_a_link_through_a_linked_folder_is_refused(repo, outside):
    (repo / "curriculum" / "modules").symlink_to(outside.parent)
    assert _diag(repo / "curriculum" / "modules" / "secret.yml", repo).code == "outside-repository"


def test_a_link_inside_the_repository_is_read(repo):
    (repo / "curriculum" / "real.yml").write_text("a: 1\n", encoding="utf-8")
    (repo / "curriculum" / "alias.yml").symlink_to("real.yml")
    doc, problem = read_yaml(repo / "curriculum" / "alias.yml", repo)
    assert problem is None and doc.data == {"a": 1}


def test_a_named_pipe_is_refused_at_once(repo):
    fifo = repo / "curriculum" / "programme.yml"
    os.mkfifo(fifo)
    result = {}
    worker = threading.Thread(target=lambda: result.update(problem=_diag(fifo, repo)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a named pipe hung"
    assert result["problem"].code == "not-a-file" and "named pipe" in result["problem"].message


def test_a_device_is_refused(repo):
    device = repo / "curriculum" / "programme.yml"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("creating a device needs root")
    problem = _diag(device, repo)
    assert problem.code == "not-a-file" and "device" in problem.message


def test_a_link_to_dev_zero_is_refused(repo):
    link = repo / "curriculum" / "programme.yml"
    link.symlink_to("/dev/zero")
    assert _diag(link, repo).code == "outside-repository"


def test_a_folder_is_refused(repo):
    (repo / "curriculum" / "programme.yml").mkdir()
    assert _diag(repo / "curriculum" / "programme.yml", repo).code == "not-a-file"


def test_reads_are_bounded(repo):
    big = repo / "curriculum" / "programme.yml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES)
    problem = _diag(big, repo)
    assert problem.code == "file-too-large" and "SECRET" not in problem.format()
    with pytest.raises(UnsafeFile):
        read_repo_file(big, repo, limit=10)
    assert read_repo_file(big, repo, limit=MAX_BYTES + 3) == big.read_bytes()


def test_pages_are_read_the_same_way(repo, outside):
    page = repo / "docs" / "leak.md"
    page.symlink_to(outside)
    found, problems = read_page(page, repo / "docs", repo)
    assert found is None and problems[0].code == "outside-repository"
    assert problems[0].format().startswith("docs/leak.md:1:1: ") and "SECRET" not in problems[0].format()
    fifo = repo / "docs" / "pipe.md"
    os.mkfifo(fifo)
    found, problems = read_page(fifo, repo / "docs", repo)
    assert found is None and problems[0].code == "not-a-file"


def test_the_validator_reports_a_leaking_module_file(t, outside):
    target = t.module_file(0)
    target.unlink()
    target.symlink_to(outside)
    result = t.validate()
    found = [d for d in result.diagnostics if d.code == "outside-repository"]
    assert found and found[0].loc.file.endswith(target.name)
    assert all("SECRET" not in d.format() for d in result.diagnostics)


@pytest.mark.parametrize("kind", ["link-out", "fifo", "not-json"])
def test_a_schema_file_is_read_the_same_way(t, outside, kind):
    shutil.copytree(ROOT / "curriculum" / "schema", t.path("curriculum/schema"), dirs_exist_ok=True)
    schema = t.path("curriculum/schema/glossary.schema.json")
    schema.unlink()
    if kind == "link-out":
        schema.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(schema)
    else:
        schema.write_text("{ not json", encoding="utf-8")
    found = [d for d in t.validate().diagnostics if d.loc.file == "curriculum/schema/glossary.schema.json"]
    assert (
        found
        and found[0].code
        == {"link-out": "outside-repository", "fifo": "not-a-file", "not-json": "schema-unreadable"}[kind]
    )
    assert "SECRET" not in found[0].format()
