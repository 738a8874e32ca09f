"""Every URL pattern × every role gives the expected answer.

The table below is the platform's access policy as seen from outside. Adding a
view without an access rule, or without a row here, fails this module; so does
a row for a view that no longer exists. Admin URLs are checked as one group:
only staff get in.

Statuses per role, in the order of ROLES:
anonymous, user, member, contact, coordinator, admin.
`302` for anonymous on a protected page means "sent to the login page"
(asserted as such), `L` means "sent away because already signed in".
"""

import pytest
from django.urls import URLPattern, path, reverse

from tests.admissions.access_rows import ROWS as ADMISSIONS_ROWS
from tests.api.access_rows import ROWS as API_ROWS
from tests.comments.access_rows import ROWS as COMMENTS_ROWS
from tests.conftest import ROLES
from tests.coverage import walk_patterns
from tests.directory.access_rows import ROWS as DIRECTORY_ROWS
from tests.directory.visual_access_rows import ROWS as VISUAL_ROWS
from tests.events.access_rows import ROWS as EVENTS_ROWS
from tests.events.allocation_access_rows import ROWS as ALLOCATION_ROWS
from tests.events.followup_access_rows import ROWS as FOLLOWUP_ROWS
from tests.events.participants_access_rows import ROWS as PARTICIPANTS_ROWS
from tests.events.registration_access_rows import ROWS as REGISTRATION_ROWS
from tests.knowledge.brokering_access_rows import ROWS as BROKERING_ROWS
from tests.knowledge.catalogue_access_rows import ROWS as CATALOGUE_ROWS
from tests.knowledge.interop_access_rows import ROWS as INTEROP_ROWS
from tests.knowledge.matching_access_rows import ROWS as MATCHING_ROWS
from tests.media.access_rows import ROWS as MEDIA_ROWS
from tests.municipalities.access_rows import ROWS as MUNICIPALITIES_ROWS
from tests.networks.access_rows import ROWS as NETWORKS_ROWS
from tests.news.access_rows import ROWS as NEWS_ROWS
from tests.notifications.access_rows import ROWS as NOTIFICATIONS_ROWS
from tests.observability.access_rows import ROWS as OBSERVABILITY_ROWS
from tests.pages.access_rows import ROWS as PAGES_ROWS
from tests.privacy.access_rows import ROWS as PRIVACY_ROWS
from tests.questions.access_rows import ROWS as QUESTIONS_ROWS
from tests.search.access_rows import ROWS as SEARCH_ROWS
from tests.seminars.access_rows import ROWS as SEMINARS_ROWS
from tests.strategies.access_rows import ROWS as STRATEGIES_ROWS
from tests.surveys.access_rows import ROWS as SURVEYS_ROWS
from tests.workinggroups.access_rows import ROWS as WORKINGGROUPS_ROWS
from voneinander.core.access import PUBLIC, access, rule_of

# view name (+ variant) → (URL kwargs, expected statuses per role)
OWN = {"slug": "alpha"}
OTHER = {"slug": "beta"}
MATRIX = {
    "core:home": ({}, "200 200 200 200 200 200"),
    "core:imprint": ({}, "200 200 200 200 200 200"),
    "core:privacy": ({}, "200 200 200 200 200 200"),
    "core:accessibility": ({}, "200 200 200 200 200 200"),
    "networks:list": ({}, "200 200 200 200 200 200"),
    "networks:detail": (OWN, "200 200 200 200 200 200"),
    "networks:detail[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "networks:internal": (OWN, "302 403 200 200 200 200"),
    "networks:internal[other]": (OTHER, "302 403 403 403 403 200"),
    "networks:internal[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "networks:manage": (OWN, "302 403 403 403 200 200"),
    "networks:manage[other]": (OTHER, "302 403 403 403 403 200"),
    # POST only: the rule is checked first, then the method.
    "networks:remove_coordinator": (OWN, "302 403 403 403 405 405"),
    "networks:remove_coordinator[other]": (OTHER, "302 403 403 403 403 405"),
    "audit:log": ({}, "302 403 403 403 403 200"),
    "accounts:profile": ({}, "302 200 200 200 200 200"),
    # allauth
    "account_login": ({}, "200 L L L L L"),
    "account_signup": ({}, "200 L L L L L"),
    "account_logout": ({}, "L 200 200 200 200 200"),
    "account_inactive": ({}, "200 200 200 200 200 200"),
    "account_email_verification_sent": ({}, "200 200 200 200 200 200"),
    "account_confirm_email": ({"key": "falscher-schluessel"}, "200 200 200 200 200 200"),
    # A signed-in person may still ask for a reset link (allauth's behaviour).
    "account_reset_password": ({}, "200 200 200 200 200 200"),
    "account_reset_password_done": ({}, "200 200 200 200 200 200"),
    "account_reset_password_from_key": (
        {"uidb36": "0", "key": "falscher-schluessel"},
        "200 200 200 200 200 200",
    ),
    "account_reset_password_from_key_done": ({}, "200 200 200 200 200 200"),
    "account_reauthenticate": ({}, "302 200 200 200 200 200"),
    "account_email": ({}, "302 200 200 200 200 200"),
    "account_change_password": ({}, "302 200 200 200 200 200"),
    "account_set_password": ({}, "302 L L L L L"),
    "mfa_index": ({}, "302 200 200 200 200 200"),
    # Without a pending login there is no second step: back to the login page.
    "account_confirm_login_code": ({}, "302 L L L L L"),
    "mfa_authenticate": ({}, "302 L L L L L"),
    # Without TOTP, re-authentication means the password page.
    "mfa_reauthenticate": ({}, "302 302 302 302 200 200"),
    # Changing two-factor settings first asks for a recent re-authentication.
    "mfa_activate_totp": ({}, "302 302 302 302 302 302"),
    "mfa_deactivate_totp": ({}, "302 404 404 404 302 302"),
    "mfa_view_recovery_codes": ({}, "302 404 404 404 404 404"),
    "mfa_generate_recovery_codes": ({}, "302 302 302 302 302 302"),
    "mfa_download_recovery_codes": ({}, "302 404 404 404 404 404"),
}
# Each area keeps its rows next to its tests; the policy is still one table.
for _rows in (
    ADMISSIONS_ROWS,
    DIRECTORY_ROWS,
    VISUAL_ROWS,
    MUNICIPALITIES_ROWS,
    NETWORKS_ROWS,
    EVENTS_ROWS,
    REGISTRATION_ROWS,
    ALLOCATION_ROWS,
    PARTICIPANTS_ROWS,
    FOLLOWUP_ROWS,
    CATALOGUE_ROWS,
    INTEROP_ROWS,
    MATCHING_ROWS,
    BROKERING_ROWS,
    WORKINGGROUPS_ROWS,
    QUESTIONS_ROWS,
    SURVEYS_ROWS,
    SEARCH_ROWS,
    NEWS_ROWS,
    PAGES_ROWS,
    COMMENTS_ROWS,
    NOTIFICATIONS_ROWS,
    API_ROWS,
    MEDIA_ROWS,
    SEMINARS_ROWS,
    STRATEGIES_ROWS,
    OBSERVABILITY_ROWS,
    PRIVACY_ROWS,
):
    assert not set(_rows) & set(MATRIX), "a row is listed twice"
    MATRIX.update(_rows)


def _view_name(key: str) -> str:
    return key.split("[")[0]


def _routable_views():
    return {name for name, _pattern in walk_patterns() if not name.startswith("admin:")}


def test_every_view_declares_an_access_rule():
    missing = [name for name, pattern in walk_patterns() if rule_of(pattern.callback) is None]
    assert missing == []


def test_matrix_lists_every_view_and_nothing_else():
    listed = {_view_name(key) for key in MATRIX}
    assert sorted(_routable_views() - listed) == [], "views without a row in MATRIX"
    assert sorted(listed - _routable_views()) == [], "rows for views that do not exist"


CASES = [(key, role) for key in MATRIX for role in ROLES]


@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{k}-{r}" for k, r in CASES])
def test_access_matrix(world, client_as, key, role):
    kwargs, expected_row = MATRIX[key]
    expected = expected_row.split()[ROLES.index(role)]
    if callable(kwargs):
        kwargs = kwargs(world)
    url = reverse(_view_name(key), kwargs=kwargs)
    response = client_as(world.user(role)).get(url)
    if expected == "L":
        assert response.status_code == 302
        assert "/konto/login/" not in response["Location"]
    elif expected == "302" and role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected)


ADMIN_EXPECTED = {"anonymous": 302, "user": 403, "member": 403, "contact": 403, "coordinator": 403}
# Append-only for everyone, admins included.
# Task results are written by the worker only.
READ_ONLY_FOR_ADMINS = {
    "admin:audit_auditevent_add",
    "admin:audit_auditevent_delete",
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:django_tasks_database_dbtaskresult_delete",
    # Accounts are anonymised (admin action), never hard-deleted (accounts/admin.py).
    "admin:accounts_user_delete",
}


def _admin_object(name: str):
    """A real object for `admin:<app>_<model>_<action>` patterns, if one exists."""
    from django.contrib import admin

    if name == "admin:auth_user_password_change":  # Django's UserAdmin names it so
        name = "admin:accounts_user_password_change"
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model._default_manager.order_by("pk").first()
    return None


def _admin_urls():
    """(url, expected status for a platform admin) for every admin URL pattern."""
    from django.contrib.contenttypes.models import ContentType

    from voneinander.networks.models import Network

    urls = []
    for name, pattern in walk_patterns():
        route = str(pattern.pattern)
        if not name.startswith("admin:") or name in {"admin:login", "admin:logout"}:
            continue
        if name == "admin:view_on_site":
            network_type = ContentType.objects.get_for_model(Network)
            urls.append((reverse(name, args=[network_type.pk, Network.objects.first().pk]), 302))
        elif "object_id" in route or "<id>" in route:
            obj = _admin_object(name)
            if name.endswith("RedirectView"):
                continue  # the legacy "<id>/" redirect, exercised below per model
            url = reverse(name, args=[obj.pk if obj else 999999])
            expected = 403 if name in READ_ONLY_FOR_ADMINS else (200 if obj else 302)
            urls.append((url, expected))
        elif "app_label" in route:
            urls.append((reverse(name, kwargs={"app_label": "networks"}), 200))
        elif "(?P<url>" in route:
            urls.append(("/admin/gibt-es-nicht/", 404))
        elif name == "admin:autocomplete":
            query = "?app_label=accounts&model_name=user&field_name=municipality&term=Alt"
            urls.append((reverse(name) + query, 200))  # the user form's municipality search
        elif name in READ_ONLY_FOR_ADMINS:
            urls.append((reverse(name), 403))
        else:
            urls.append((reverse(name), 200))
    # The old-style object URL redirects to the change page.
    urls.append((f"/admin/networks/network/{Network.objects.first().pk}/", 302))
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(world, client_as, role):
    from voneinander.audit.services import record_event

    record_event(actor=world.user("admin"), action="auth.login")  # an audit entry to open
    client = client_as(world.user(role))
    for url, admin_status in _admin_urls():
        response = client.get(url)
        expected = admin_status if role == "admin" else ADMIN_EXPECTED[role]
        assert response.status_code == expected, url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login")), url


def test_admin_login_sends_to_platform_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_logout_requires_post(world, client_as):
    assert client_as(world.user("admin")).get(reverse("admin:logout")).status_code == 405


# --- A view added without a rule is caught ------------------------------------


def _rogue_view(request):
    from django.http import HttpResponse

    return HttpResponse("secret")


@access(PUBLIC)
def _declared_view(request):
    from django.http import HttpResponse

    return HttpResponse("fine")


urlpatterns = [
    path("rogue/", _rogue_view, name="rogue"),
    path("declared/", _declared_view, name="declared"),
]


def test_view_without_rule_is_reported_by_the_walk():
    undeclared = [
        name
        for name, pattern in walk_patterns(urlpatterns)
        if isinstance(pattern, URLPattern) and rule_of(pattern.callback) is None
    ]
    assert undeclared == ["rogue"]


@pytest.mark.urls("tests.test_access_matrix")
@pytest.mark.parametrize("role", ROLES)
def test_view_without_rule_is_denied_for_every_role(world, client_as, role):
    client = client_as(world.user(role))
    response = client.get("/rogue/")
    assert response.status_code == 403
    assert b"secret" not in response.content
    assert client.get("/declared/").content == b"fine"
