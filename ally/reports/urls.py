from django.urls import path

from ally.reports.views import reports

urlpatterns = [
    path("reports/", reports.report_index, name="report_index"),
    path("reports/<str:catalogue>/<str:quarter>/", reports.report_task_force, name="report_task_force"),
    path(
        "reports/<str:catalogue>/<str:quarter>/download/<str:fmt>/",
        reports.report_task_force_download,
        name="report_task_force_download",
    ),
    path(
        "reports/<str:catalogue>/<str:quarter>/organizations/<int:organization_id>/",
        reports.report_organization,
        name="report_organization",
    ),
    path(
        "reports/<str:catalogue>/<str:quarter>/organizations/<int:organization_id>/download/<str:fmt>/",
        reports.report_organization_download,
        name="report_organization_download",
    ),
]
