"""`make new-module`: the title is data from people (and a public issue form), never code.

It reaches Python through the environment (no shell sees it, make does not expand it), is
written into YAML as a quoted string and into the page escaped for Jinja, Markdown and HTML.
The module goes where POSITION says (or the end), a duplicate title is refused and the totals
the message reports are the model's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
import pytest

import yamlio
from cpscp_engine.loader import MODULE_FILE, MODULE_STEM, module_stem, stem_prefix
from fixtures import ROOT, model_of, small_curriculum
from projectcopy import script

HOSTILE_TITLES = [
    "`touch {pwn}/backtick`",
    "$(touch {pwn}/dollar) ${{HOME}} $$(touch {pwn}/dollar2)",
    "$(shell touch {pwn}/make-shell) $(eval $(shell touch {pwn}/make-eval))",
    'it\'s "quoted"; touch {pwn}/semicolon # and a hash',
    "{{{{ 7*191 }}}} {{% if true %}}1337{{% endif %}} {{# comment #}}",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "*x*{{: onclick=alert(1) #id .cls }} [a](javascript:alert(1)) \\ back\\slash",
    "Working with families & carers: 100% | 'fair' | ＝SUM(1)",
]


@pytest.fixture
def project(tmp_path):
    root = small_curriculum(tmp_path / "p")
    model = model_of(root)
    nav = "\n".join(f"      - {m.page}" for m in model.modules)
    (root / "mkdocs.yml").write_text(
        f"site_name: Test\nnav:\n  - Home: index.md\n  - Modules:\n{nav}\n  - Glossary: glossary.md\n", encoding="utf-8"
    )
    (root / "Makefile").write_text((ROOT / "Makefile").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "new_module.py", root / "scripts" / "new_module.py")
    return root


@pytest.fixture
def short_dir():
    """An empty folder with a short absolute path: the titles name it twice and must stay
    under the 200-character limit wherever pytest keeps its temporary files."""
    path = Path(tempfile.mkdtemp(prefix="pwn"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def make_new_module(root: Path, **variables: str) -> subprocess.CompletedProcess:
    """Run the project's `make new-module` (make reports any failure of the script as exit 2)."""
    # PY and STAMP point make at this Python; everything else is the project's own Makefile
    args = ["make", "-s", "-C", str(root), "new-module", f"PY={sys.executable}", "STAMP="]
    args += [f"{k}={v}" for k, v in variables.items()]
    env = {k: v for k, v in os.environ.items() if k not in ("TITLE", "POSITION")}
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


def _new_module(root: Path, before: set[str]):
    model = model_of(root)
    (new,) = [m for m in model.modules if m.id not in before]
    return model, new


@pytest.mark.parametrize("template", HOSTILE_TITLES)
def test_hostile_title_is_kept_as_text_and_runs_nothing(project, short_dir, template):
    pwn = short_dir
    title = template.format(pwn=pwn)
    before = {m.id for m in model_of(project).modules}
    result = make_new_module(project, TITLE=title)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(pwn.iterdir()) == [], "a command in the title ran"
    _, new = _new_module(project, before)
    assert new.title == " ".join(title.split())  # exactly what was typed, through make and YAML
    page = (project / "docs" / new.page).read_text(encoding="utf-8")
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    for code in ("{{", "{%", "{#", "{:", "<script", "<img", "](javascript"):
        assert code not in heading
    # the heading, after Jinja (nothing to expand) and Markdown, shows the title as text
    html = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables"]).convert(heading)
    assert re.fullmatch(r"<h1>Module \d+: [^<>]*</h1>", html), html
    import html as html_module

    assert html_module.unescape(html[len("<h1>") : -len("</h1>")]).split(": ", 1)[1] == new.title


def test_the_title_with_a_newline_or_control_character_is_refused(project):
    result = make_new_module(project, TITLE="Bell \a ring")
    assert result.returncode != 0 and "control character" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_title_is_a_usage_error(project):
    result = make_new_module(project)
    assert result.returncode != 0 and "make new-module TITLE=" in result.stderr


@pytest.mark.parametrize("title", ["Synthetic module 1", "  synthetic   MODULE 1 ", "ＳＹＮＴＨＥＴＩＣ module 1"])
def test_a_duplicate_title_is_refused(project, title):
    model = model_of(project)
    assert model.modules[0].title == "Synthetic module 1"  # what the generator writes
    result = make_new_module(project, TITLE=title)
    assert result.returncode != 0 and "already has the title" in result.stderr and model.modules[0].id in result.stderr
    assert {m.id for m in model_of(project).modules} == {m.id for m in model.modules}


def test_position_places_the_module_in_the_list_and_the_nav(project):
    old = model_of(project)
    result = make_new_module(project, TITLE="Working with families", POSITION="2")
    assert result.returncode == 0, result.stderr
    model, new = _new_module(project, {m.id for m in old.modules})
    assert [m.id for m in model.modules] == [old.modules[0].id, new.id] + [m.id for m in old.modules[1:]]
    nav = [line.strip()[2:] for line in (project / "mkdocs.yml").read_text().splitlines() if "modules/" in line]
    assert nav == [old.modules[0].page, new.page] + [m.page for m in old.modules[1:]]
    assert "position 2 of" in result.stdout


def test_without_a_position_the_module_goes_last(project):
    old = model_of(project)
    result = make_new_module(project, TITLE="Working with families")
    assert result.returncode == 0, result.stderr
    model, new = _new_module(project, {m.id for m in old.modules})
    assert model.modules[-1].id == new.id


@pytest.mark.parametrize("position", ["0", "99", "two", "１", "1; touch x"])
def test_a_bad_position_is_a_usage_error(project, position):
    result = make_new_module(project, TITLE="Working with families", POSITION=position)
    assert result.returncode != 0 and "position must be a whole number from 1 to" in result.stderr


def test_the_totals_in_the_message_are_the_models(project):
    before = model_of(project).totals()
    result = make_new_module(project, TITLE="Working with families")
    after = model_of(project).totals()
    assert after != before
    line = next(line for line in result.stdout.splitlines() if "programme totals" in line)
    for key, label in (("glh", "GLH"), ("tqt", "TQT"), ("credits", "credits")):
        assert f"{label} {before[key]} → {after[key]}" in line


def test_the_script_also_takes_the_title_as_an_argument(project):
    result = script("new_module.py", "Working with families", "--position", "1", "--root", str(project), root=project)
    assert result.returncode == 0, result.stderr
    assert model_of(project).modules[0].title == "Working with families"


# programme.yml `modules:` as a provider may write it: indented or not, comments or blank lines between
# the items, a flow list. The id lands at the position asked for, the rest of the file as it was.
LISTS = {
    "indented": "modules:\n  - M01\n  - M02\npathways: []\n",
    "not indented": "id: x\nmodules:\n- M01\n- M02\npathways: []\n",
    "comments": "modules: # in teaching order\n  # the first\n  - M01\n\n  - M02\n# after the list\nx: 1\n",
    "flow": "modules: [M01, M02]\nx: 1\n",
}


@pytest.mark.parametrize("written", LISTS, ids=list(LISTS))
@pytest.mark.parametrize("position", [1, 2, 3])
def test_the_module_is_listed_however_the_list_is_written(tmp_path, written, position):
    from new_module import add_to_programme

    path = tmp_path / "programme.yml"
    path.write_text(LISTS[written], encoding="utf-8")
    assert add_to_programme(path, "M03", position)
    text = path.read_text(encoding="utf-8")
    expected = ["M01", "M02"]
    expected.insert(position - 1, "M03")
    assert yamlio.load(text)["modules"] == expected
    without = (
        re.sub(r"M03, |, M03", "", text)
        if written == "flow"
        else "".join(line for line in text.splitlines(keepends=True) if "M03" not in line)
    )
    assert without == LISTS[written]


def test_a_list_it_cannot_edit_is_left_alone(tmp_path):
    from new_module import add_to_programme

    path = tmp_path / "programme.yml"
    written = "modules: !!seq [M01]\nmodules_note: x\n"  # a tagged list: not edited by hand-written rules
    path.write_text(written, encoding="utf-8")
    assert add_to_programme(path, "M03", 2) is False and path.read_text(encoding="utf-8") == written


def test_in_a_navigation_of_sections_the_page_goes_into_its_neighbours_section(tmp_path):
    import new_module

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "nav:\n  - Modules:\n      - modules/index.md\n      - modules/01-a.md\n"
        "      - Part 2:\n          - Section 2a:\n              - modules/02-b.md\n"
        "              - modules/03-c.md\n",
        encoding="utf-8",
    )
    assert new_module.add_to_nav(config, "modules/00-z.md", before="modules/01-a.md")
    assert new_module.add_to_nav(config, "modules/04-d.md", before="modules/03-c.md")
    assert new_module.add_to_nav(config, "modules/05-e.md")  # no position: after the last module
    assert config.read_text(encoding="utf-8").splitlines()[2:] == [
        "      - modules/index.md",
        "      - modules/00-z.md",
        "      - modules/01-a.md",
        "      - Part 2:",
        "          - Section 2a:",
        "              - modules/02-b.md",
        "              - modules/04-d.md",
        "              - modules/03-c.md",
        "              - modules/05-e.md",
    ]


# The file-name rule lives in the loader; the script builds its names and its nav pattern from it.
NAMING_TITLES = [t.format(pwn="/tmp/pwn") for t in HOSTILE_TITLES] + [
    "Working with families",
    "  --Leading and trailing--  ",
    "Ünïcödé café à la carte",
    "UPPER lower 123 4th",
    "日本語 and English",
    "long " * 40,  # 200 characters: the slug is cut to 50
]


@pytest.mark.parametrize("title", NAMING_TITLES)
@pytest.mark.parametrize("prefix", [1, 10, 99, 100, 999])
def test_the_name_it_makes_is_a_module_file_name(title, prefix):
    import new_module

    assert new_module.title_problem(title) is None
    stem = module_stem(prefix, new_module.slugify(title))
    assert MODULE_FILE.match(f"{stem}.yml") and stem_prefix(stem) == prefix


def test_the_nav_pattern_is_built_from_the_loaders_stem_rule():
    import new_module

    assert MODULE_STEM in new_module._NAV_MODULE.pattern


@pytest.mark.parametrize(
    "stem", ["01-a", "07-crisis-intervention", "100-x9", "999-a-b", "7-a", "1234-a", "07-Crisis", "07_a", "07-", "07-é"]
)
def test_the_nav_finds_exactly_the_pages_of_module_files(stem):
    import new_module

    is_module_file = bool(MODULE_FILE.match(f"{stem}.yml"))
    for line in (f"  - modules/{stem}.md", f"      - Module title: modules/{stem}.md  "):
        assert bool(new_module._NAV_MODULE.match(line)) is is_module_file, line


def test_after_a_three_digit_prefix_comes_the_next_number(project):
    for folder, suffix in (("curriculum/modules", ".yml"), ("curriculum/delivery", ".yml"), ("docs/modules", ".md")):
        (project / folder / f"03-synthetic-3{suffix}").rename(project / folder / f"120-synthetic-3{suffix}")
    result = make_new_module(project, TITLE="Working with families")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "curriculum" / "modules" / "121-working-with-families.yml").exists()
    assert (project / "curriculum" / "delivery" / "121-working-with-families.yml").exists()
    assert (project / "docs" / "modules" / "121-working-with-families.md").exists()
