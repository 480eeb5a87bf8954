from django.urls import path

from ally.tenancy import views

urlpatterns = [
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:organization_id>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:organization_id>/edit/", views.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:organization_id>/members/",
        views.organization_members,
        name="organization_members",
    ),
    path("memberships/<int:membership_id>/role/", views.membership_role, name="membership_role"),
    path(
        "memberships/<int:membership_id>/victim-witness/",
        views.membership_victim_witness,
        name="membership_victim_witness",
    ),
    path("memberships/<int:membership_id>/remove/", views.membership_remove, name="membership_remove"),
    path("invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("directory/", views.directory_view, name="directory"),
    path("task-force/", views.task_force_settings, name="task_force_settings"),
    path("task-force/edit/", views.task_force_edit, name="task_force_edit"),
    path("regions/<int:region_id>/edit/", views.region_edit, name="region_edit"),
    path("task-force/roles/<int:role_id>/revoke/", views.task_force_role_revoke, name="task_force_role_revoke"),
]
