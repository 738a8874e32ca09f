"""URLs: catalogue."""

urlpatterns: list = []
