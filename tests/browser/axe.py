"""Runs axe-core in a page.

axe.min.js is kept in vendor/axe-core/ (MPL-2.0, Deque Systems; its licence files beside it),
copied unchanged from the npm package axe-core. No npm or Node is needed to run the tests, and
the file is checked against the version and checksum below (tests/test_axe_vendor.py). The
Python wrappers on PyPI bundle older axe-core releases: 4.14's colour-contrast rule takes less
than half the time of 4.12's on the handbook's pages, and that rule is most of the browser
tests' time. To update: `npm pack axe-core@VERSION` anywhere, copy axe.min.js and the two
licence files from its package/ folder, and change VERSION and SHA256 here.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

VERSION = "4.14.1"
SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
SCRIPT = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules a colour scheme can break, for checking the second (dark) scheme.
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]

# Runs axe once per spec, one after another (axe cannot run twice at once in a page), and
# leaves the merged result in the page, so a caller can start audits on several pages before
# it collects any: each tab has its own renderer process, and the machine's cores share them.
# `before` names an async function the page already has, with its arguments, to await first
# (for example to change the page's view); what it returns comes back as `before`.
_START = """([specs, key, before]) => {
  window[key] = undefined;
  (async () => {
    const prepared = before ? await window[before[0]](...before[1]) : null;
    let version = axe.version, violations = [];
    for (const [type, values, exclude, disable] of specs) {
      const context = exclude.length ? {include: [['html']], exclude: exclude.map(s => [s])} : document;
      const result = await axe.run(context, {
        runOnly: {type: type, values: values},
        rules: Object.fromEntries(disable.map(id => [id, {enabled: false}])),
        resultTypes: ['violations'],
      });
      violations = violations.concat(result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        count: v.nodes.length,
        targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
        summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
      })));
    }
    window[key] = {version, violations, before: prepared};
  })().catch(e => { window[key] = {version: axe.version, error: String(e), violations: []}; });
}"""
_KEY = "__cpscpAxeResult"


@cache
def source() -> str:
    data = SCRIPT.read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise RuntimeError(
            f"{SCRIPT} is not axe-core {VERSION} as recorded in {__name__}: copy it again, or update VERSION and SHA256"
        )
    return data.decode("utf-8")


def spec(rules: list[str] | None = None, exclude: list[str] = (), disable: list[str] = ()) -> list:
    """One axe run: every rule of TAGS, or only ``rules``; ``exclude`` lists selectors of parts
    not to check, ``disable`` rules to leave out."""
    return [*(["rule", list(rules)] if rules else ["tag", TAGS]), list(exclude), list(disable)]


def start(page, specs: list[list], before: tuple[str, list] | None = None) -> None:
    """Begin axe's runs on the open page and return at once; ``result`` collects them.

    ``before``: (name, arguments) of an async function on the page's window to await before
    the runs, without blocking the caller; its value is the result's ``before``.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source())
    page.evaluate(_START, [specs, _KEY, list(before) if before else None])


def finished(page) -> bool:
    """Whether the runs ``start`` began on this page have finished (``result`` will not wait)."""
    return page.evaluate(f"() => window.{_KEY} !== undefined")


def result(page) -> dict:
    """The merged result of the runs ``start`` began on this page, once they have finished."""
    page.wait_for_function(f"() => window.{_KEY} !== undefined", timeout=180_000, polling=100)
    outcome = page.evaluate(f"() => window.{_KEY}")
    if outcome.get("error"):
        raise RuntimeError(f"axe-core failed on {page.url}: {outcome['error']}")
    return outcome


def run(page, rules: list[str] | None = None, exclude: list[str] = (), disable: list[str] = ()) -> dict:
    """Run axe on the open page and wait for it."""
    start(page, [spec(rules, exclude, disable)])
    return result(page)


def describe(violation: dict) -> str:
    targets = "; ".join(violation["targets"])
    summary = " ".join(violation["summary"].split())[:300]
    return (
        f"{violation['id']} ({violation['impact']}, {violation['count']} element(s)): "
        f"{violation['help']}\n      at: {targets}\n      {summary}"
    )
