"""The API documentation page at /api/docs, rendered on the server.

ninja's own page loads Swagger UI from a CDN; no request of ours may go to a
third party, and the page must pass axe and our CSP. So the page is a normal
template in the site's layout, built from `api.get_openapi_schema()`:
operations grouped by tag with their parameters and responses, and every
schema they use with its fields.
The API lives outside the language prefix: the page speaks German or English
after `?lang=` or else Accept-Language.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from ninja.openapi.docs import DocsBase

from voneinander.api.errors import request_language

METHODS = ("get", "post", "put", "patch", "delete")
_REF = "#/components/schemas/"


def _ref_name(ref: str) -> str:
    return ref.removeprefix(_REF)


def describe_type(schema: dict) -> tuple[str, list[str]]:
    """(readable type, names of the schemas it refers to)."""
    if not schema:
        return "any", []
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return name, [name]
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            parts, refs = [], []
            for option in schema[combinator]:
                if option.get("type") == "null":
                    continue
                text, option_refs = describe_type(option)
                parts.append(text)
                refs += option_refs
            nullable = any(option.get("type") == "null" for option in schema[combinator])
            text = " | ".join(parts) or "any"
            return (f"{text} | null" if nullable else text), refs
    kind = schema.get("type", "any")
    if kind == "array":
        text, refs = describe_type(schema.get("items", {}))
        return f"array[{text}]", refs
    if "enum" in schema:
        return f"{kind} ({', '.join(str(value) for value in schema['enum'])})", []
    if "format" in schema:
        return f"{kind} ({schema['format']})", []
    return str(kind), []


def _fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        text, refs = describe_type(prop)
        rows.append(
            {
                "name": name,
                "type": text,
                "refs": refs,
                "required": name in required,
                "description": prop.get("description", ""),
            }
        )
    return rows


def _operations(openapi: dict) -> tuple[list[dict], set[str]]:
    operations, used = [], set()
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            parameters = []
            for param in op.get("parameters", []):
                text, refs = describe_type(param.get("schema", {}))
                used.update(refs)
                parameters.append(
                    {
                        "name": param["name"],
                        "location": param.get("in", ""),
                        "type": text,
                        "required": param.get("required", False),
                        "description": param.get("description")
                        or param.get("schema", {}).get("description", ""),
                    }
                )
            body = None
            content = op.get("requestBody", {}).get("content", {})
            for media_type, media in content.items():
                text, refs = describe_type(media.get("schema", {}))
                used.update(refs)
                body = {"media_type": media_type, "type": text, "refs": refs}
                break
            responses = []
            for status, response in op.get("responses", {}).items():
                text, refs = "", []
                for media in response.get("content", {}).values():
                    text, refs = describe_type(media.get("schema", {}))
                    break
                used.update(refs)
                responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "type": text,
                        "refs": refs,
                    }
                )
            operations.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["api"])[0],
                    "secured": bool(op.get("security")),
                    "parameters": parameters,
                    "body": body,
                    "responses": responses,
                }
            )
    return operations, used


def _schemas(openapi: dict, names: set[str]) -> list[dict]:
    """The schemas in `names` and every schema they refer to, sorted by name."""
    components = openapi.get("components", {}).get("schemas", {})
    pending, seen = sorted(names), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in components:
            continue
        seen.add(name)
        for field in _fields(components[name]):
            pending.extend(field["refs"])
    return [
        {
            "name": name,
            "description": components[name].get("description", ""),
            "fields": _fields(components[name]),
        }
        for name in sorted(seen)
    ]


def documentation(api) -> dict:
    openapi = api.get_openapi_schema()
    operations, used = _operations(openapi)
    groups: dict[str, list[dict]] = {}
    for operation in operations:
        groups.setdefault(operation["tag"], []).append(operation)
    return {
        "title": openapi["info"]["title"],
        "version": openapi["info"]["version"],
        "groups": sorted(groups.items()),
        "schemas": _schemas(openapi, used),
    }


def docs_language(request) -> str:
    requested = request.GET.get("lang", "")
    if requested in {code for code, _name in settings.LANGUAGES}:
        return requested
    return request_language(request)


class ApiDocs(DocsBase):
    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        language = docs_language(request)
        with translation.override(language):
            context = {
                "doc": documentation(api),
                "openapi_url": self.get_openapi_url(api, kwargs),
                "docs_language": language,
            }
            response = render(request, self.template, context)
        response["Content-Language"] = language
        return response
