from django.urls import path

from voneinander.municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("suche/", views.municipality_search, name="search"),
    path("<int:pk>/", views.municipality_detail, name="detail"),
]
