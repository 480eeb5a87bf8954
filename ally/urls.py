from django.urls import include, path

from ally.api.api import api

urlpatterns = [
    path("", include("ally.core.urls")),
    path("", include("ally.tenancy.urls")),
    path("", include("ally.accounts.urls")),
    path("", include("ally.audit.urls")),
    path("", include("ally.survivors.urls")),
    path("", include("ally.network.urls")),
    path("", include("ally.referrals.urls")),
    path("", include("ally.notifications.urls")),
    path("", include("ally.investigations.urls")),
    path("", include("ally.deconfliction.urls")),
    path("", include("ally.prosecutions.urls")),
    path("", include("ally.meetings.urls")),
    path("", include("ally.protocols.urls")),
    path("", include("ally.trainings.urls")),
    path("", include("ally.outreach.urls")),
    path("", include("ally.reports.urls")),
    path("", include("ally.reports.dashboard_urls")),
    path("", include("ally.htcds.urls")),
    path("", include("ally.evaluation.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
