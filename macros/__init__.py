"""The handbook's mkdocs-macros module: a thin adapter from the page to the engine.

Only `define_env(env)`, so the handbook also builds under Zensical, whose macros support
nothing else. It finds the project root, loads the curriculum
once (again only when a curriculum file changes, so `mkdocs serve` picks up edits) and
registers cpscp_engine.render.MACROS, each bound to the model and to the page being rendered.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

# Under the mkdocs.* namespace so MkDocs counts our warnings (and --strict fails on them).
log = logging.getLogger("mkdocs.plugins.cpscp")
_HERE = Path(__file__).resolve().parent
_models: dict[str, tuple[tuple, object, list]] = {}


class MacroError(Exception):
    """A macro call the page cannot have: the message names the page, the place and the argument."""


def _root(env) -> Path:
    project_dir = getattr(env, "project_dir", None)
    if project_dir and (Path(project_dir) / "curriculum").is_dir():
        return Path(project_dir).resolve()
    return _HERE.parent


def _fingerprint(root: Path) -> tuple:
    cur = root / "curriculum"
    files = sorted(p for p in cur.rglob("*") if p.is_file()) if cur.is_dir() else []
    return tuple((p.relative_to(root).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def load_model(root: Path):
    """The model for root, loaded again only when a file under curriculum/ has changed."""
    from cpscp_engine.loader import load

    key, stamp = str(root), _fingerprint(root)
    cached = _models.get(key)
    if cached is None or cached[0] != stamp:
        model, diagnostics = load(root)
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


def locate(path: Path, name: str, args: tuple) -> tuple[int, int]:
    """Line and column of the call `name(...)` in the page source that passes one of args.

    Read from the file, not from the page's Markdown, which has lost its front matter and so
    its line numbers. (0, 0) when the call cannot be found (e.g. built by a Jinja loop).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 0, 0
    wanted = [str(a) for a in args]
    first = None
    for m in re.finditer(rf"\b{re.escape(name)}\s*\(", text):
        close = text.find(")", m.end())
        inside = text[m.end(): close if close >= 0 else None]
        where = (text.count("\n", 0, m.start()) + 1, m.start() - text.rfind("\n", 0, m.start()))
        first = first or where
        if any(f'"{a}"' in inside or f"'{a}'" in inside for a in wanted):
            return where
    return first or (0, 0)


def define_env(env):
    root = _root(env)
    from cpscp_engine import render
    from cpscp_engine.charts import CHARTS
    from cpscp_engine.diagnostics import Severity

    model, diagnostics = load_model(root)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        log.warning("the curriculum has %d error(s), so some pages show only what could be loaded; "
                    "first: %s — run `make validate` for the full list", len(errors), errors[0].format())

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
    if preview:
        stop_on_error = False
        if hasattr(getattr(env, "config", None), "__setitem__"):
            env.config["on_error_fail"] = False
    # Templates outside the pages (site footer, print cover) read the programme's name and the
    # attribution notice from here, so they too follow curriculum/programme.yml.
    extra = _setting(conf, "extra", None)
    if hasattr(extra, "__setitem__"):
        extra["identity"] = render.identity(model)
    reported: set[tuple[str, str]] = set()
    page_ids: dict[str, set] = {}  # per build (define_env runs again on every rebuild)

    def context() -> render.Ctx:
        page = _page_src(env)
        return render.Ctx(page=page, directory_urls=bool(_setting(conf, "use_directory_urls", True)), preview=preview,
                          ids=page_ids.setdefault(page, set()))

    def bind(name, fn):
        @functools.wraps(fn)
        def macro(*args, **kwargs):
            ctx = context()
            try:
                return fn(model, ctx, *args, **kwargs)
            except render.RenderError as exc:
                line, col = locate(docs_dir / ctx.page, name, args)
                where = f"{docs_rel}/{ctx.page}" + (f":{line}:{col}" if line else "")
                code = "unknown-id" if isinstance(exc, render.UnknownId) else "bad-argument"
                message = f"{where}: error {code}: {exc.describe(name)}"
                log.error(message)
                if stop_on_error:
                    raise SystemExit(1) from None
                if preview:
                    return render.error_block(message)
                raise MacroError(message) from None
            except render.Unavailable as exc:
                if (ctx.page, exc.source) not in reported:  # once per page, not once per citation
                    reported.add((ctx.page, exc.source))
                    log.warning("%s/%s: placeholders shown (first in %s()) because %s could not be loaded — "
                                "run `make validate`", docs_rel, ctx.page, name, exc.source)
                return exc.placeholder
        return macro

    for name, fn in {**render.MACROS, **CHARTS}.items():
        env.macro(bind(name, fn), name)
