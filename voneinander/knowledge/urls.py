"""URLs of the knowledge exchange, one module per topic (concatenated here)."""

from voneinander.knowledge import (
    urls_brokering,
    urls_catalogue,
    urls_interop,
    urls_matching,
)

app_name = "knowledge"

# The specific modules come before the catalogue, whose `<slug>/` would catch their paths.
urlpatterns = (
    urls_interop.urlpatterns
    + urls_matching.urlpatterns
    + urls_brokering.urlpatterns
    + urls_catalogue.urlpatterns
)
