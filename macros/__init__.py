"""The handbook's mkdocs-macros module: a thin adapter from the page to the engine.

Only `define_env(env)`, so the handbook also builds under Zensical, whose macros support
nothing else. It finds the project root, loads the curriculum and the pages once (again only
when one of their files changes, so `mkdocs serve` picks up edits), refuses to build when a
page holds anything but the handbook's macro calls (the validator's own page check), and
registers the macros of cpscp_engine.render.registry, each bound to the model and to the
page being rendered.

Pages cannot run code: besides that check, define_env replaces mkdocs-macros' renderer with
one that makes only the calls the check found (pagesyntax.expand: no template is compiled,
which also saves most of the time rendering takes) and renders the few pages with raw blocks
or comments in Jinja's immutable sandbox, whose only names are the handbook's macros (no
`config`, `page`, `environment`, `cycler`, `range`, ... and no filters).
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Under the mkdocs.* namespace so MkDocs counts our warnings (and --strict fails on them).
log = logging.getLogger("mkdocs.plugins.cpscp")
_HERE = Path(__file__).resolve().parent
_models: dict[tuple[str, str], tuple[tuple, object, list]] = {}


class MacroError(Exception):
    """A macro call the page cannot have: the message names the page, the place and the argument."""


def _root(env) -> Path:
    project_dir = getattr(env, "project_dir", None)
    if project_dir and (Path(project_dir) / "curriculum").is_dir():
        return Path(project_dir).resolve()
    return _HERE.parent


def _fingerprint(root: Path, docs_dir: str) -> tuple:
    cur, docs = root / "curriculum", root / docs_dir
    files = sorted(p for p in cur.rglob("*") if p.is_file()) if cur.is_dir() else []
    files += sorted(docs.rglob("*.md")) if docs.is_dir() else []
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def load_model(root: Path, docs_dir: str = "docs"):
    """The model for root, loaded again only when a curriculum file or a page has changed.

    Without the page outlines, which only the validator's checks read (see loader.load).
    """
    from cpscp_engine.loader import load

    key, stamp = (str(root), docs_dir), _fingerprint(root, docs_dir)
    cached = _models.get(key)
    if cached is None or cached[0] != stamp:
        model, diagnostics = load(root, docs_dir, outlines=False)
        cached = _models[key] = (stamp, model, diagnostics)
    return cached[1], cached[2]


def _setting(mapping, name: str, default):
    try:
        value = mapping.get(name, default) if hasattr(mapping, "get") else mapping[name]
    except (KeyError, TypeError):
        return default
    return default if value is None else value


def _page_src(env) -> str:
    """The current page's source path relative to docs/, with forward slashes."""
    try:
        page = env.page
    except AttributeError:  # mkdocs-macros raises it before any page is rendered
        return "index.md"
    file = getattr(page, "file", None)
    for value in (getattr(file, "src_uri", None), getattr(file, "src_path", None), getattr(page, "src_uri", None)):
        if value:
            return str(value).replace("\\", "/")
    return "index.md"


def sandbox(macros: dict) -> ImmutableSandboxedEnvironment:
    """A Jinja environment in which a page can reach the handbook's macros and nothing else.

    Immutable sandbox: no unsafe attribute (`__globals__`, `__class__`...) and no change to
    any object; Jinja's own globals (range, dict, cycler, joiner, namespace, lipsum), its
    filters and tests are removed, so even a page the grammar check missed has nothing to use.
    """
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    env.globals.update(macros)
    return env


def define_env(env):
    root = _root(env)
    from cpscp_engine import pagesyntax, render
    from cpscp_engine.checks.page_syntax import check_page_syntax
    from cpscp_engine.diagnostics import Severity
    from cpscp_engine.render.registry import MACROS
    from cpscp_engine.site import directory_urls

    conf = getattr(env, "conf", None) or {}
    docs_dir = root / _setting(conf, "docs_dir", "docs")  # absolute under MkDocs; joining keeps it
    try:
        docs_rel = docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        docs_rel = docs_dir.as_posix()
    # With on_error_fail, mkdocs-macros would stop the build too, but after printing a Python
    # traceback; stopping here leaves just the one message a person needs.
    stop_on_error = bool(_setting(getattr(env, "config", None) or {}, "on_error_fail", True))
    # `make serve` sets CPSCP_PREVIEW=1: a mistake on one page is shown on that page and the preview
    # keeps running; `make build` and CI stay strict.
    preview = os.environ.get("CPSCP_PREVIEW") == "1"
    stop_on_error = stop_on_error and not preview

    model, diagnostics = load_model(root, docs_rel)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        log.warning(
            "the curriculum has %d error(s), so some pages show only what could be loaded; "
            "first: %s — run `make validate` for the full list",
            len(errors),
            errors[0].format(),
        )
    # Before any page renders: a page that holds anything but macro calls stops the build.
    refused = list(check_page_syntax(model))
    for d in refused:
        log.error(d.format())
    if refused and stop_on_error:
        log.error(
            "%d page problem(s) above: pages may only call the handbook's macros with literal arguments "
            "(see CONTRIBUTING.md) — nothing was built",
            len(refused),
        )
        raise SystemExit(1)
    pages = {p.path: p for p in model.pages}
    # Templates outside the pages (site footer, print cover) read the programme's name and the
    # attribution notice from here, so they too follow curriculum/programme.yml.
    extra = _setting(conf, "extra", None)
    if hasattr(extra, "__setitem__"):
        extra["identity"] = render.identity(model)
    # The edition (mkdocs.yml `extra: edition:`): "learner" by default; mkdocs-tutor.yml sets "tutor".
    edition = str(_setting(_setting(conf, "extra", {}) or {}, "edition", "learner"))
    if edition not in render.EDITIONS:
        log.error("mkdocs configuration: extra.edition is '%s' — use one of: %s", edition, ", ".join(render.EDITIONS))
        raise SystemExit(1)
    reported: set[tuple[str, str]] = set()
    page_ids: dict[str, set] = {}  # per build (define_env runs again on every rebuild)
    use_directory_urls = directory_urls(conf)

    def context() -> render.Ctx:
        page = _page_src(env)
        return render.Ctx(
            page=page,
            directory_urls=use_directory_urls,
            preview=preview,
            ids=page_ids.setdefault(page, set()),
            edition=edition,
        )

    def where(page: str, name: str, args: tuple, kwargs: dict) -> str:
        """The page and the position the loader stored for this call."""
        key = (name, args, tuple(kwargs.items()))
        for call in pages[page].calls if page in pages else ():
            if call.key() == key:
                return str(call.loc)
        return f"{docs_rel}/{page}"

    def bind(name, fn):
        @functools.wraps(fn)
        def macro(*args, **kwargs):
            ctx = context()
            try:
                return fn(model, ctx, *args, **kwargs)
            except render.RenderError as exc:
                message = f"{where(ctx.page, name, args, kwargs)}: error {exc.code}: {exc.describe(name)}"
                log.error(message)
                if stop_on_error:
                    raise SystemExit(1) from None
                raise MacroError(message) from None
            except render.Unavailable as exc:
                if (ctx.page, exc.source) not in reported:  # once per page, not once per citation
                    reported.add((ctx.page, exc.source))
                    log.warning(
                        "%s/%s: placeholders shown (first in %s()) because %s could not be loaded — "
                        "run `make validate`",
                        docs_rel,
                        ctx.page,
                        name,
                        exc.source,
                    )
                return exc.placeholder

        return macro

    bound = {name: bind(name, m.render) for name, m in MACROS.items()}
    for name, fn in bound.items():
        env.macro(fn, name)
    jinja = sandbox(bound)

    def render_page(markdown: str, force_rendering: bool = False) -> str:
        """What mkdocs-macros' render does, in the sandbox, for text that passes the page check."""
        calls, problems = pagesyntax.scan(markdown)
        if not problems:
            try:
                expanded = pagesyntax.expand(markdown, calls, lambda c: bound[c.name](*c.args, **dict(c.kwargs)))
                return jinja.from_string(markdown).render() if expanded is None else expanded
            except MacroError as exc:  # only without on_error_fail: the page shows what is wrong
                return _error_block(str(exc))
            except Exception as exc:  # a bug in a renderer, not in the page: one line, not a traceback
                message = (
                    f"{docs_rel}/{_page_src(env)}: internal error while rendering the page "
                    f"({type(exc).__name__}: {exc}) — a bug in the handbook's engine, not in the page; "
                    "please report it"
                )
                log.error(message)
                if stop_on_error:
                    raise SystemExit(1) from None
                return _error_block(message)
        page = _page_src(env)
        stored = pages[page].syntax if page in pages else ()
        for d in stored or ():
            log.error(d.format())
        if not stored:  # text that is not a page file (a title): positions within that text
            for p in problems:
                log.error("%s/%s: error %s: %s — %s", docs_rel, page, p.code, p.message, p.hint)
        if stop_on_error:
            raise SystemExit(1)
        return _error_block(
            f"{docs_rel}/{page}: this page holds something other than macro calls; "
            "run `make validate` to see what and where"
        )

    # Zensical's env has no render of this kind; there the page check above is the guard.
    if callable(getattr(env, "render", None)):
        env.render = render_page

    # The theme's templates (overrides/) show the edition and the report and edit links on
    # every page; templates cannot call macros, so they read these from config.extra.
    extra = conf.get("extra") if hasattr(conf, "get") else None
    if extra is not None:
        extra["cpscp"] = page_settings(model, conf, docs_rel)


def _error_block(message: str) -> str:
    from cpscp_engine.render.text import inline

    return f'!!! failure "This page could not be built"\n    {inline(message)}\n'


def _edit_base(conf, docs_rel: str) -> str:
    """The repository address that edit links start from, without the docs folder."""
    repo = str(_setting(conf, "repo_url", "") or "").rstrip("/")
    edit_uri = str(_setting(conf, "edit_uri", "") or "").strip("/")
    if not repo or not edit_uri.endswith(docs_rel):
        return ""
    prefix = edit_uri[: -len(docs_rel)].strip("/")  # "edit/main/docs" -> "edit/main"
    return f"{repo}/{prefix}/" if prefix else f"{repo}/"


def page_settings(model, conf, docs_rel: str) -> dict:
    from cpscp_engine.edition import edition
    from cpscp_engine.render.sources import GENERATED_PAGES, data_files
    from cpscp_engine.render.text import long_date
    from cpscp_engine.site import STATUS_ANCHOR, Pages, directory_urls, page_url

    ed = edition(model)
    use_directory_urls, pages = directory_urls(conf), Pages()
    repo = str(_setting(conf, "repo_url", "") or "").rstrip("/")
    contact = ""
    if model.programme is not None:
        contact = model.programme.provider.contact.rstrip("/")
    issues = f"{contact}/new" if contact.endswith("/issues") else (f"{repo}/issues/new" if repo else "")
    base = _edit_base(conf, docs_rel)
    return {
        "code": model.programme.short_code if model.programme else "",
        "version": ed.version,
        "status": ed.status,
        "reviewed": ed.reviewed,
        "reviewed_long": long_date(ed.reviewed) if ed.reviewed else "",
        "issues_new": issues,
        "data_edit": {page: base + file for page, file in data_files(model).items()} if base else {},
        "data_file": data_files(model),
        "generated": list(GENERATED_PAGES),
        # for the footer's links (site-relative: the templates' `url` filter makes them relative)
        "about_url": page_url(pages.about, use_directory_urls),
        "status_anchor": STATUS_ANCHOR,
        "changes_url": page_url(pages.changes, use_directory_urls),
    }
