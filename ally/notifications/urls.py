from django.urls import path

from ally.notifications import views

urlpatterns = [
    path("inbox/", views.inbox_page, name="inbox"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("inbox/preferences/", views.preferences, name="notification_preferences"),
    path("inbox/<int:notification_id>/", views.inbox_open, name="inbox_open"),
    path("inbox/<int:notification_id>/read/", views.inbox_read, name="inbox_read"),
]
