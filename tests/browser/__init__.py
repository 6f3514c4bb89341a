"""Browser tests: the built site in headless Chromium (a package, so that its conftest.py
does not shadow tests/conftest.py for the tests that import from it)."""
