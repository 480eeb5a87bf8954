from django.urls import path

from ally.survivors import views

urlpatterns = [
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:client_id>/", views.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:client_id>/disclosures/", views.disclosure_report_view, name="disclosure_report"),
    path("clients/<int:client_id>/services/new/", views.service_create, name="service_create"),
    path("clients/<int:client_id>/notes/new/", views.note_create, name="note_create"),
    path("clients/<int:client_id>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:consent_id>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("clients/<int:client_id>/shares/new/", views.share_create, name="share_create"),
    path("shares/<int:share_id>/revoke/", views.share_revoke, name="share_revoke"),
]
