"""A static file server for the built site, run in a background thread.

The site is published under /handbook/, so it is served under the same prefix here: a
link or asset that only works at the root of a host fails in the tests too.

Material's search worker fetches the whole search index on every page it opens and builds
its index from it, which is a third of a page's opening in the tests. Only the search tests
search, so the server gives the other tests an index with the site's own settings and no
entries (``searchable=False``): the request is still made, and still answered by this server.
"""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from cpscp_engine.site import SEARCH_INDEX

PREFIX = "/handbook/"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".woff2": "font/woff2",
        ".svg": "image/svg+xml",
    }

    empty_index: bytes | None = None  # what is served for the search index instead of the file, if set

    def do_GET(self) -> None:
        if self.empty_index is not None and self.path.split("?", 1)[0] == PREFIX + SEARCH_INDEX:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(self.empty_index)))
            self.end_headers()
            self.wfile.write(self.empty_index)
            return
        super().do_GET()

    def send_head(self):
        if not self.path.startswith(PREFIX):
            # Nothing lives outside the prefix: a root-relative URL must fail here as it
            # would on the published site, not be quietly served from the site root.
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args) -> None:
        pass


class SiteServer:
    """Serves ``site`` on 127.0.0.1 at a free port until ``stop()``; ``searchable=False``: with
    a search index that has no entries."""

    def __init__(self, site: Path, searchable: bool = True) -> None:
        handler_class = _Handler
        index = site / SEARCH_INDEX
        if not searchable and index.is_file():
            config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
            empty = json.dumps({"config": config, "docs": []}).encode()
            handler_class = type("_UnsearchableHandler", (_Handler,), {"empty_index": empty})
        handler = functools.partial(handler_class, directory=str(site))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        host, port = self._httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.base_url = self.origin + PREFIX
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
