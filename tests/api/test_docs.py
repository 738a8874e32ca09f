import re

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_lists_operations_and_fields_from_the_schema(client):
    content = client.get("/api/docs").content.decode()

    assert "GET /api/v1/networks/{slug}/members" in content
    assert 'id="schema-MemberOut"' in content
    assert "<code>cursor</code>" in content
    assert 'href="/api/openapi.json"' in content


def test_docs_page_loads_nothing_from_third_parties(client):
    content = client.get("/api/docs").content.decode()

    assert "cdn.jsdelivr" not in content
    sources = re.findall(r'(?:src|href)="(https?://[^"]+)"', content)
    assert sources == []
    assert "<script>" not in content and "style=" not in content


def test_docs_page_in_english_after_lang_parameter(client):
    response = client.get("/api/docs", {"lang": "en"})

    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "API documentation" in response.content.decode()


def test_openapi_schema_stays_available(client):
    schema = client.get("/api/openapi.json").json()

    assert "/api/v1/news/" in schema["paths"]
    assert schema["paths"]["/api/v1/news/"]["get"]["operationId"]
