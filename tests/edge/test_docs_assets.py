"""/docs loads nothing from another origin: its scripts and styles are served by the service."""

import re

from fastapi.testclient import TestClient


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_reference_only_same_origin_assets_that_answer(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    urls = _asset_urls(page.text)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    assert any(url.endswith("swagger-ui-bundle.js") for url in scripts)
    assert "<script>" not in page.text  # no inline script: the CSP needs no 'unsafe-inline'
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 0
    bundle = client.get(next(u for u in scripts if u.endswith("swagger-ui-bundle.js")))
    assert "javascript" in bundle.headers["content-type"]
    assert "/openapi.json" in client.get("/docs/init.js").text


def test_docs_csp_allows_no_third_party_host(client: TestClient) -> None:
    csp = client.get("/docs").headers["content-security-policy"]
    assert "http" not in csp and "unsafe-inline' 'self" not in csp
    assert "script-src 'self';" in csp
    assert client.get("/docs/assets/swagger-ui.css").headers["content-security-policy"] == csp


def test_redoc_from_a_cdn_is_not_served(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
