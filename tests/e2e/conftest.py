"""End-to-end tests: the whole platform as `soho up` starts it, and a real browser."""

from tests.support.browser import browser  # noqa: F401 (the fixture)
