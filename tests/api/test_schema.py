"""schemathesis over every operation of the OpenAPI schema, in-process.

Each operation gets generated requests (valid and invalid: property-based, from
the schema), anonymous and with a token that may write, and each answer must
conform to the schema: no server error, a documented status code, content type,
body and headers. The run is bounded and deterministic (`derandomize`, no
example database) so that it is not flaky.

The WSGI app runs in the test's thread and database transaction, as Django's
test client does: `close_old_connections` is detached from the request signals
meanwhile, else the end of each request would close the test's connection.
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.factories import ApiTokenFactory, PublishedNewsFactory
from tests.events.factories import EventFactory, QuestionFactory
from tests.events.registration_factories import congress
from tests.knowledge.factories import SolutionFactory, topic
from voneinander.api.api import api
from voneinander.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
BOUNDED = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def in_process():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(world):
    """Something for the operations to find: events, sessions, solutions, news."""
    c = congress(networks=[world.network])
    QuestionFactory(event=c.event, label="Essen?")
    EventFactory(networks=[world.network], visibility="members", capacity=1)
    SolutionFactory(
        network=world.network, owner=world.membership.municipality, topics=[topic("mobilitaet")]
    )
    PublishedNewsFactory(network=world.network)
    return world


@pytest.fixture
def write_token(content):
    return ApiTokenFactory(
        user=content.user("member"),
        can_write=True,
        expires_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_anonymous(case, content, in_process):
    case.headers = {
        key: value for key, value in (case.headers or {}).items() if key != "Authorization"
    }
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_with_write_token(case, write_token, in_process):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {write_token.raw}"})
