from django.urls import path

from ally.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="api_token_revoke"),
    path("profile/task-force/", views.switch_task_force, name="switch_task_force"),
]
