from django.urls import path

from voneinander.admissions import views

app_name = "admissions"
urlpatterns = [
    path("<slug:slug>/beantragen/", views.apply, name="apply"),
    path("antraege/", views.my_applications, name="mine"),
    path("antraege/<int:pk>/", views.application_detail, name="detail"),
    path("antraege/<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("antraege/<int:pk>/entscheiden/", views.decide, name="decide"),
    path("antraege/<int:pk>/schreiben.pdf", views.letter, name="letter"),
    path("antraege/<int:pk>/aufnahmebescheid.pdf", views.notice, name="notice"),
    path("netzwerk/<slug:slug>/eingang/", views.inbox, name="inbox"),
]
