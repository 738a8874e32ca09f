"""Cursor pagination for every list of the API.

Interface (an operation):

    from ninja import Query, Router
    from voneinander.api.pagination import PageParams, page_schema, paginate

    NetworkPage = page_schema(NetworkOut, "NetworkPage")

    @router.get("/", response=NetworkPage, auth=optional_auth, url_name="network-list")
    def list_networks(request, page: Query[PageParams], filters: Query[NetworkFilters]):
        return paginate(request, networks_for(filters), params=page, order_fields=("name",))

- `PageParams`: query parameters `cursor` (opaque) and `limit` (1..100, default 25).
- `paginate(request, queryset, *, params, order_fields=("pk",))` orders the
  queryset by `order_fields` ("-field" for descending; "pk" is appended as the
  tie-breaker if missing), returns `{"items": [...], "next": cursor or None,
  "next_url": absolute URL of the next page or None, "limit": n}` and costs
  one query (plus the queryset's prefetches) whatever the page size.
  Ordering fields must not be NULL and may follow relations ("municipality__name")
  or name annotations; the values of the last item are read as attributes.
- The cursor is a keyset (the ordering values of the last item), signed: a
  changed or foreign cursor (other list, other ordering) answers 400
  `invalid_cursor`. Rows added or removed between pages neither repeat nor
  shift the following pages.
- `page_schema(item_schema, name)` builds the response schema of such a page.
"""

from __future__ import annotations

import datetime
import decimal
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import create_model

from voneinander.api.errors import ApiError

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
_SALT = "voneinander.api.cursor"


class InvalidCursorError(ApiError):
    status = 400
    code = "invalid_cursor"
    default_message = _("The cursor is not valid. Start again from the first page.")


class PageParams(Schema):
    cursor: str | None = Field(
        None, description="Opaque cursor from `next` of the previous page.", max_length=2000
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    return create_model(
        name,
        __base__=Schema,
        items=(list[item_schema], ...),
        next=(str | None, Field(None, description="Cursor of the next page; null on the last.")),
        next_url=(str | None, Field(None, description="Address of the next page.")),
        limit=(int, ...),
    )


def _encode(value):
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"n": str(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _decode(value):
    if isinstance(value, dict) and len(value) == 1:
        (kind, text), *_rest = value.items()
        if kind == "dt":
            return datetime.datetime.fromisoformat(text)
        if kind == "d":
            return datetime.date.fromisoformat(text)
        if kind == "n":
            return decimal.Decimal(text)
    if isinstance(value, dict | list):
        raise InvalidCursorError()
    return value


def _value_of(item, path: str):
    value = item
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def _normalised(order_fields) -> list[str]:
    fields = list(order_fields)
    if not any(field.lstrip("-") in {"pk", "id"} for field in fields):
        fields.append("pk")
    return fields


def _after(fields: list[str], values: list) -> Q:
    """Rows after (`values`) in the order of `fields`."""
    conditions = []
    for index, field in enumerate(fields):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        condition = Q(**{f"{name}__{lookup}": values[index]})
        for previous, value in zip(fields[:index], values[:index], strict=True):
            condition &= Q(**{previous.lstrip("-"): value})
        conditions.append(condition)
    return reduce(or_, conditions)


def _read_cursor(cursor: str, fields: list[str]) -> list:
    try:
        data = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature as error:
        raise InvalidCursorError() from error
    if not isinstance(data, dict) or data.get("o") != fields:
        raise InvalidCursorError()
    values = data.get("v")
    if not isinstance(values, list) or len(values) != len(fields):
        raise InvalidCursorError()
    try:
        return [_decode(value) for value in values]
    except (TypeError, ValueError) as error:
        raise InvalidCursorError() from error


def _make_cursor(item, fields: list[str]) -> str:
    values = [_encode(_value_of(item, field.lstrip("-"))) for field in fields]
    return signing.dumps({"o": fields, "v": values}, salt=_SALT, compress=True)


def _next_url(request, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")


def paginate(request, queryset: QuerySet, *, params: PageParams, order_fields=("pk",)) -> dict:
    fields = _normalised(order_fields)
    queryset = queryset.order_by(*fields)
    if params.cursor:
        queryset = queryset.filter(_after(fields, _read_cursor(params.cursor, fields)))
    rows = list(queryset[: params.limit + 1])
    items = rows[: params.limit]
    cursor = _make_cursor(items[-1], fields) if len(rows) > params.limit else None
    return {
        "items": items,
        "next": cursor,
        "next_url": _next_url(request, cursor) if cursor else None,
        "limit": params.limit,
    }
