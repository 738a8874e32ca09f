"""Root URL configuration.

Every page lives under `i18n_patterns`: German without prefix, English under
`/en/`. The language switch is a plain link to the same page in the other
language, so choosing a language needs no cookie.
Third-party views are wrapped with `guard()` so that each states its rule.
"""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from voneinander.accounts.access import ALLAUTH_RULES
from voneinander.api.api import api
from voneinander.core.access import PUBLIC, STAFF, guard

# The admin has no login form of its own: it sends people to the platform's
# login, which enforces e-mail verification and two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Voneinander – Verwaltung"

handler400 = "voneinander.core.views.bad_request"
handler403 = "voneinander.core.views.permission_denied"
handler404 = "voneinander.core.views.page_not_found"
handler500 = "voneinander.core.views.server_error"

urlpatterns = i18n_patterns(
    path("", include("voneinander.core.urls")),
    path("konto/", include("voneinander.accounts.urls")),
    path("konto/", guard(include("allauth.urls"), ALLAUTH_RULES)),
    path("netzwerke/", include("voneinander.networks.urls")),
    path("aufnahme/", include("voneinander.admissions.urls")),
    path("mitglieder/", include("voneinander.directory.urls")),
    path("kommunen/", include("voneinander.municipalities.urls")),
    path("veranstaltungen/", include("voneinander.events.urls")),
    path("praxisbeispiele/", include("voneinander.knowledge.urls")),
    path("arbeitsgruppen/", include("voneinander.workinggroups.urls")),
    path("fragen/", include("voneinander.questions.urls")),
    path("umfragen/", include("voneinander.surveys.urls")),
    path("suche/", include("voneinander.search.urls")),
    path("aktuelles/", include("voneinander.news.urls")),
    path("seminare/", include("voneinander.seminars.urls")),
    path("strategie/", include("voneinander.strategies.urls")),
    path("seiten/", include("voneinander.pages.urls")),
    path("kommentare/", include("voneinander.comments.urls")),
    path("benachrichtigungen/", include("voneinander.questions.urls_notifications")),
    path("offene-daten/", include("voneinander.api.urls_opendata")),
    path("konto/api-schluessel/", include("voneinander.api.urls_tokens")),
    path("verwaltung/protokoll/", include("voneinander.audit.urls")),
    path("admin/", guard(admin.site.urls, {"login": PUBLIC, "logout": PUBLIC}, default=STAFF)),
    prefix_default_language=False,
)

# The API has no language prefix; each operation authenticates on its own
# (voneinander/api/auth.py) and reads through the same selectors as the site.
urlpatterns += [path("api/", guard(api.urls, {}, default=PUBLIC))]

# Probes and metrics (core/health.py): no language prefix, no redirect.
urlpatterns += [path("", include("voneinander.core.health"))]
