from django.urls import path

from ally.reports.views.dashboards import dashboard

urlpatterns = [
    path("dashboards/", dashboard, name="dashboard"),
]
