"""URLs: interop."""

urlpatterns: list = []
