"""A Django "hello" view as a WSGI app: the calibration anchor of bench.load.

Not part of the site: the smallest Django project (no database, no middleware)
so that gunicorn + Django's request cycle can be measured on the same machine.
Run as `gunicorn bench.load_hello:application`.
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="hello-" + "x" * 40,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_I18N=False,
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world!", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
