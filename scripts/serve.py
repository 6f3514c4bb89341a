#!/usr/bin/env python3
"""Preview the handbook while you edit: `make serve` (or `make serve PORT=8001`).

Unlike `make build`, the preview keeps running when a page has a mistake: the page shows what
is wrong and where, and the preview updates when you save the fix. A port that is already in
use is said plainly, with the command that picks another.
"""

from __future__ import annotations

import errno
import os
import socket
import sys

HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def port_from(value: str | None) -> int | None:
    """The port to use from the PORT setting (None when it is not a port number)."""
    if value is None or not value.strip():
        return DEFAULT_PORT
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        return None
    return int(text)


def port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def main(environ=os.environ) -> int:
    raw = environ.get("PORT")
    port = port_from(raw)
    if port is None:
        print(
            f"serve: PORT={raw!r} is not a port number — use a number from 1024 to 65535, e.g. make serve PORT=8001",
            file=sys.stderr,
        )
        return 2
    if port_in_use(port):
        print(
            f"serve: port {port} is already in use, perhaps by another preview that is still running. "
            f"Stop that one (Ctrl+C in its window), or use another port: make serve PORT={port + 1}",
            file=sys.stderr,
        )
        return 2
    env = {**environ, "CPSCP_PREVIEW": "1"}  # the macros show page mistakes on the page instead of stopping
    args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}"]
    os.execve(sys.executable, args, env)  # replaces this process
    return 0  # type: ignore[unreachable]  # reached only where a test stands in for os.execve


if __name__ == "__main__":
    sys.exit(main())
