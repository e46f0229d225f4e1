"""Only web addresses are handed to the browser."""

from __future__ import annotations

import pytest

from reader.urls import refused_scheme


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org", "HTTPS://Example.org/x?y=1#z"]
)
def test_web_urls_are_opened(url: str) -> None:
    assert refused_scheme(url) is None


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(1)", "javascript"),
        ("data:text/html,<script>x</script>", "data"),
        ("ssh://host/", "ssh"),
        ("/etc/passwd", "none"),
        ("example.org/page", "none"),
        ("https:///no-host", "https"),
        ("https://example.org/\x1b]0;PWNED\x07", "https"),
        ("http://[::1", "malformed"),
    ],
)
def test_anything_else_is_refused_by_its_scheme(url: str, scheme: str) -> None:
    assert refused_scheme(url) == scheme
