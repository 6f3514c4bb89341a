"""Runs axe-core in a page.

axe.min.js comes from the pinned PyPI package axe-playwright-python, which bundles it
(MPL-2.0, Deque Systems); only that file is used, not the package's Python wrapper,
so the rules and the report stay under the tests' control.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules a colour scheme can break, for checking the second (dark) scheme.
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]

# Runs axe once per spec, one after another (axe cannot run twice at once in a page), and
# leaves the merged result in the page, so a caller can start audits on several pages before
# it collects any: each tab has its own renderer process, and the machine's cores share them.
_START = """([specs, key]) => {
  window[key] = undefined;
  (async () => {
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
    window[key] = {version, violations};
  })().catch(e => { window[key] = {version: axe.version, error: String(e), violations: []}; });
}"""
_KEY = "__cpscpAxeResult"


@cache
def source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def spec(rules: list[str] | None = None, exclude: list[str] = (), disable: list[str] = ()) -> list:
    """One axe run: every rule of TAGS, or only ``rules``; ``exclude`` lists selectors of parts
    not to check, ``disable`` rules to leave out."""
    return [*(["rule", list(rules)] if rules else ["tag", TAGS]), list(exclude), list(disable)]


def start(page, specs: list[list]) -> None:
    """Begin axe's runs on the open page and return at once; ``result`` collects them."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source())
    page.evaluate(_START, [specs, _KEY])


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
