from django.urls import path, re_path

from ally.htcds import views

urlpatterns = [
    path("organizations/<int:organization_id>/htcds/", views.interchange, name="htcds_interchange"),
    re_path(
        r"^organizations/(?P<organization_id>[0-9]+)/htcds/export\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="htcds_export",
    ),
]
