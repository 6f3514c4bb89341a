"""The browser tests' file server (tests/browser/server.py): the prefix, and the index it gives
the tests that do not search."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from browser.server import SiteServer
from cpscp_engine.site import SEARCH_INDEX

INDEX = {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": [{"location": "", "title": "Home", "text": "x"}]}


@pytest.fixture
def site(tmp_path):
    (tmp_path / SEARCH_INDEX).parent.mkdir(parents=True)
    (tmp_path / SEARCH_INDEX).write_text(json.dumps(INDEX), encoding="utf-8")
    (tmp_path / "index.html").write_text("<title>Home</title>", encoding="utf-8")
    return tmp_path


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (http://127.0.0.1 only)
        return response.status, response.read()


@pytest.mark.parametrize("searchable", [True, False])
def test_the_search_index_is_the_sites_or_has_its_settings_and_no_entries(site, searchable):
    server = SiteServer(site, searchable=searchable).start()
    try:
        status, body = _get(server.base_url + SEARCH_INDEX)
        assert status == 200
        served = json.loads(body)
        assert served["config"] == INDEX["config"]
        assert served["docs"] == (INDEX["docs"] if searchable else [])
        assert _get(server.base_url)[1] == b"<title>Home</title>"  # every other file as it is
    finally:
        server.stop()


def test_nothing_is_served_outside_the_prefix(site):
    server = SiteServer(site).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as error:
            _get(server.origin + "/index.html")
        assert error.value.code == 404
    finally:
        server.stop()
