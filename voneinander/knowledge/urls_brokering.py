"""URLs: brokering."""

urlpatterns: list = []
