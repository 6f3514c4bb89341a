"""A fork that renames the programme is warned about upstream contact details and addresses."""
from __future__ import annotations

import shutil

import yaml

from cpscp_engine.checks.branding import check_fork_branding
from cpscp_engine.loader import load
from fixtures import ROOT


def _fork(tmp_path, change_programme, mkdocs_text=None):
    root = tmp_path / "fork"
    shutil.copytree(ROOT / "curriculum", root / "curriculum")
    (root / "mkdocs.yml").write_text(mkdocs_text if mkdocs_text is not None else (ROOT / "mkdocs.yml").read_text())
    path = root / "curriculum" / "programme.yml"
    data = yaml.safe_load(path.read_text())
    change_programme(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    model, _ = load(root)
    return list(check_fork_branding(model))


def _rename(data):
    data.update(id="fresh-start", short_code="FSP", title="Fresh Start Practitioner Programme")


def test_upstream_itself_is_not_warned():
    model, _ = load(ROOT)
    assert list(check_fork_branding(model)) == []


def test_renamed_fork_with_upstream_contact_and_site_is_warned(tmp_path):
    found = _fork(tmp_path, _rename)
    codes = {d.code for d in found}
    text = "\n".join(d.format() for d in found)
    assert codes == {"upstream-branding"}
    assert "programme.yml provider.contact" in text and "mkdocs.yml site_url" in text and "mkdocs.yml repo_url" in text
    assert all(d.severity.value == "warning" for d in found)
    site_url = next(d for d in found if "site_url" in d.message)
    assert site_url.loc.file == "mkdocs.yml" and site_url.loc.line > 1


def test_fork_with_its_own_details_is_clean(tmp_path):
    def own(data):
        _rename(data)
        data["uri"] = "https://training.example.org/fresh-start/"
        data["provider"] = {"name": "Example Training", "contact": "courses@example.org",
                            "url": "https://training.example.org/"}

    mkdocs = ("site_name: Fresh Start\nsite_url: https://training.example.org/fresh-start/\n"
              "repo_url: https://git.example.org/fresh-start\n"
              "copyright: Based on the CPSCP open handbook (github.com/cpscp-handbook/handbook), CC BY-SA 4.0\n")
    assert _fork(tmp_path, own, mkdocs) == []
