"""`make serve`: a plain message when the port is busy or not a port, PORT= honoured, preview mode on."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import serve
from fixtures import ROOT


@pytest.mark.parametrize(
    "value,port",
    [
        (None, 8000),
        ("", 8000),
        ("8001", 8001),
        (" 9000 ", 9000),
        ("0", None),
        ("70000", None),
        ("80; rm -rf /", None),
        ("$(id)", None),
    ],
)
def test_port_comes_from_the_port_setting(value, port):
    assert serve.port_from(value) == port


def test_busy_port_is_said_plainly_with_the_command_for_another(capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert serve.main({"PORT": str(port)}) == 2
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err and f"make serve PORT={port + 1}" in err
    assert "Traceback" not in err and "Errno" not in err


def test_a_port_that_is_not_a_number_is_refused_before_anything_runs(capsys):
    assert serve.main({"PORT": "eighty"}) == 2
    assert "is not a port number" in capsys.readouterr().err


def test_serve_starts_mkdocs_in_preview_mode_on_the_chosen_port(monkeypatch):
    calls = []
    monkeypatch.setattr(serve.os, "execve", lambda path, args, env: calls.append((args, env)))
    monkeypatch.setattr(serve, "port_in_use", lambda port, host=serve.HOST: False)
    assert serve.main({"PORT": "8123", "HOME": "/tmp"}) == 0
    args, env = calls[0]
    assert args[1:] == ["-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8123"]
    assert env["CPSCP_PREVIEW"] == "1" and env["HOME"] == "/tmp"


def test_make_serve_passes_port_through_the_environment_not_the_command_line():
    makefile = (Path(ROOT) / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nserve:") :].split("\n\n")[0]
    assert "scripts/serve.py" in recipe and "$(PORT)" not in recipe
    assert "export PORT" in makefile
