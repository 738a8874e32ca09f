from django.urls import path

from voneinander.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/intern/", views.network_internal, name="internal"),
    path("<slug:slug>/verwalten/", views.network_manage, name="manage"),
    path(
        "<slug:slug>/verwalten/koordination-entfernen/",
        views.network_remove_coordinator,
        name="remove_coordinator",
    ),
    path("<slug:slug>/verwalten/angaben/", views.network_edit, name="edit"),
    path("<slug:slug>/verwalten/mitglieder/", views.network_members, name="members"),
    path("<slug:slug>/mitglieder/<int:pk>/", views.membership_detail, name="membership"),
    path(
        "<slug:slug>/mitglieder/<int:pk>/bearbeiten/",
        views.membership_edit,
        name="membership_edit",
    ),
    path("<slug:slug>/mitglieder/<int:pk>/austritt/", views.membership_end, name="membership_end"),
    path(
        "<slug:slug>/mitglieder/<int:pk>/ansprechpersonen/",
        views.contact_add,
        name="contact_add",
    ),
    path(
        "<slug:slug>/mitglieder/<int:pk>/ansprechpersonen/entfernen/",
        views.contact_remove,
        name="contact_remove",
    ),
    path(
        "<slug:slug>/mitglieder/<int:pk>/ansprechpersonen/hauptkontakt/",
        views.contact_primary,
        name="contact_primary",
    ),
    path(
        "<slug:slug>/mitglieder/<int:pk>/zugehoerigkeit/",
        views.claim_decide,
        name="claim_decide",
    ),
]
