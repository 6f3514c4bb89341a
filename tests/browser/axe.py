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

_RUN = """async ([type, values, exclude, disable]) => {
  const context = exclude.length ? {include: [['html']], exclude: exclude.map(s => [s])} : document;
  const result = await axe.run(context, {
    runOnly: {type: type, values: values},
    rules: Object.fromEntries(disable.map(id => [id, {enabled: false}])),
    resultTypes: ['violations'],
  });
  return {
    version: axe.version,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
      summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
    })),
  };
}"""


@cache
def source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def run(page, rules: list[str] | None = None, exclude: list[str] = (), disable: list[str] = ()) -> dict:
    """Run axe on the page: every rule of TAGS, or only ``rules``.

    ``exclude`` lists selectors of parts not to check; ``disable`` lists rules to leave out.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source())
    selection = ["rule", rules] if rules else ["tag", TAGS]
    return page.evaluate(_RUN, [*selection, list(exclude), list(disable)])


def describe(violation: dict) -> str:
    targets = "; ".join(violation["targets"])
    summary = " ".join(violation["summary"].split())[:300]
    return (f"{violation['id']} ({violation['impact']}, {violation['count']} element(s)): "
            f"{violation['help']}\n      at: {targets}\n      {summary}")
