"""The copy of axe-core the browser tests run is the release tests/browser/axe.py names."""

from __future__ import annotations

import hashlib

import pytest

from browser import axe


def test_vendored_axe_is_the_recorded_release():
    data = axe.SCRIPT.read_bytes()
    assert hashlib.sha256(data).hexdigest() == axe.SHA256
    assert f"axe v{axe.VERSION}".encode() in data[:200]
    assert axe.source().startswith("/*! axe v")


def test_licence_files_travel_with_it():
    folder = axe.SCRIPT.parent
    assert "Mozilla Public License, version 2.0" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert (folder / "LICENSE-3RD-PARTY.txt").is_file()


def test_a_changed_copy_is_refused(tmp_path, monkeypatch):
    changed = tmp_path / "axe.min.js"
    changed.write_bytes(axe.SCRIPT.read_bytes() + b"\n")
    monkeypatch.setattr(axe, "SCRIPT", changed)
    axe.source.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="is not axe-core"):
            axe.source()
    finally:
        axe.source.cache_clear()
