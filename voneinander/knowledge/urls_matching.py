"""URLs: matching."""

urlpatterns: list = []
