"""A fork that renames the programme is warned about upstream contact details and addresses."""

from __future__ import annotations

import re
import shutil

import yaml

import yamlio
from cpscp_engine.checks.branding import UPSTREAM_IDENTITY, check_attribution_kept, check_fork_branding
from cpscp_engine.loader import load
from fixtures import ROOT

# Upstream's own contact and site settings, as a fork has them before it makes the handbook its own.
UPSTREAM_PROVIDER = {
    "name": "The CPSCP open handbook project",
    "contact": "https://github.com/cpscp-handbook/handbook/issues",
    "url": "https://github.com/cpscp-handbook/handbook",
}
UPSTREAM_SITE = {
    "site_name": "CPSCP open handbook",
    "site_description": f"The open course handbook of the {UPSTREAM_IDENTITY['title']}.",
    "site_url": "https://cpscp-handbook.github.io/handbook/",
    "repo_url": "https://github.com/cpscp-handbook/handbook",
}
UPSTREAM_CONTRIBUTING = "https://github.com/cpscp-handbook/handbook/blob/main/CONTRIBUTING.md"


def with_upstream_site(text: str) -> str:
    """This project's mkdocs.yml with upstream's site settings and Contributing link put back (on upstream
    itself nothing changes; on a fork, the file as it was before the provider edited it)."""
    for key, value in UPSTREAM_SITE.items():  # each setting and its folded continuation lines
        text, n = re.subn(rf"^{key}:.*\n(?:[ \t]+.*\n)*", f"{key}: {value}\n", text, count=1, flags=re.M)
        assert n == 1, key
    text, n = re.subn(r"^(\s*- Contributing: ).*$", rf"\g<1>{UPSTREAM_CONTRIBUTING}", text, count=1, flags=re.M)
    assert n == 1
    return text


def _fork(tmp_path, change_programme, mkdocs_text=None):
    root = tmp_path / "fork"
    shutil.copytree(ROOT / "curriculum", root / "curriculum")
    (root / "mkdocs.yml").write_text(
        mkdocs_text if mkdocs_text is not None else with_upstream_site((ROOT / "mkdocs.yml").read_text())
    )
    path = root / "curriculum" / "programme.yml"
    data = yamlio.load(path.read_text())
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
    def kept_upstream_provider(data):
        _rename(data)
        data["provider"] = dict(UPSTREAM_PROVIDER)

    found = _fork(tmp_path, kept_upstream_provider)
    codes = {d.code for d in found}
    text = "\n".join(d.format() for d in found)
    assert codes == {"upstream-branding"}
    assert "programme.yml provider.contact" in text and "mkdocs.yml site_url" in text and "mkdocs.yml repo_url" in text
    # the site's title, description and the nav's link to the upstream repository name it too
    assert "mkdocs.yml site_name" in text and "mkdocs.yml site_description" in text
    assert "mkdocs.yml nav link 'Contributing'" in text
    assert all(d.severity.value == "warning" for d in found)
    site_url = next(d for d in found if "site_url" in d.message)
    assert site_url.loc.file == "mkdocs.yml" and site_url.loc.line > 1


def test_fork_with_its_own_details_is_clean(tmp_path):
    def own(data):
        _rename(data)
        data["uri"] = "https://training.example.org/fresh-start/"
        data["provider"] = {
            "name": "Example Training",
            "contact": "courses@example.org",
            "url": "https://training.example.org/",
        }

    mkdocs = (
        "site_name: Fresh Start\nsite_url: https://training.example.org/fresh-start/\n"
        "site_description: The open handbook of the Fresh Start programme\n"
        "repo_url: https://git.example.org/fresh-start\n"
        "nav:\n  - Home: index.md\n  - Contributing: https://git.example.org/fresh-start/CONTRIBUTING.md\n"
    )
    assert _fork(tmp_path, own, mkdocs) == []


def _attribution(tmp_path, notice):
    def change(data):
        _rename(data)
        data["attribution"]["notice"] = notice

    root = tmp_path / "fork"
    shutil.copytree(ROOT / "curriculum", root / "curriculum")
    path = root / "curriculum" / "programme.yml"
    data = yamlio.load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    model, _ = load(root)
    return list(check_attribution_kept(model))


def test_fork_that_drops_the_credit_to_the_original_is_warned(tmp_path):
    found = _attribution(tmp_path, "Fresh Start Practitioner Programme, licensed under CC BY-SA 4.0.")
    assert [d.code for d in found] == ["attribution-missing"]
    assert found[0].loc.file == "curriculum/programme.yml" and found[0].loc.line > 1
    assert "LICENSE-CONTENT.md" in found[0].format()


def test_fork_that_keeps_the_credit_is_not_warned(tmp_path):
    kept = (
        "Based on the CPSCP open handbook (https://github.com/cpscp-handbook/handbook), © The CPSCP open "
        "handbook contributors, licensed under CC BY-SA 4.0. Changes were made."
    )
    assert _attribution(tmp_path, kept) == []
    model, _ = load(ROOT)
    assert list(check_attribution_kept(model)) == []
