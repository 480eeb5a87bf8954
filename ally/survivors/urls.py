from django.urls import path

from ally.survivors.views import care, clients, consents, screenings

urlpatterns = [
    path("clients/", clients.client_list, name="client_list"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:client_id>/advocates/", clients.client_advocates, name="client_advocates"),
    # consent, sharing and disclosure
    path("clients/<int:client_id>/disclosures/", consents.disclosure_report_view, name="disclosure_report"),
    path("clients/<int:client_id>/consents/new/", consents.consent_create, name="consent_create"),
    path("consents/<int:consent_id>/revoke/", consents.consent_revoke, name="consent_revoke"),
    path("consents/<int:consent_id>/form/", consents.consent_form, name="consent_form"),
    path("clients/<int:client_id>/shares/new/", consents.share_create, name="share_create"),
    path("shares/<int:share_id>/revoke/", consents.share_revoke, name="share_revoke"),
    path(
        "clients/<int:client_id>/compelled-disclosures/new/",
        consents.compelled_disclosure_create,
        name="compelled_disclosure_create",
    ),
    path("tasks/notify-survivor/", consents.notification_tasks, name="notification_tasks"),
    path(
        "tasks/notify-survivor/<int:task_id>/complete/",
        consents.notification_task_complete,
        name="notification_task_complete",
    ),
    # the care record
    path("clients/<int:client_id>/services/new/", care.service_create, name="service_create"),
    path("services/<int:service_id>/correct/", care.service_correct, name="service_correct"),
    path("clients/<int:client_id>/notes/new/", care.note_create, name="note_create"),
    path("notes/<int:note_id>/correct/", care.note_correct, name="note_correct"),
    path("clients/<int:client_id>/plan/", care.client_plan, name="client_plan"),
    path("clients/<int:client_id>/needs/new/", care.needs_create, name="needs_create"),
    path("clients/<int:client_id>/plan/start/", care.plan_start, name="plan_start"),
    path("clients/<int:client_id>/plan/close/", care.plan_close, name="plan_close"),
    path("clients/<int:client_id>/goals/new/", care.goal_create, name="goal_create"),
    path("goals/<int:goal_id>/edit/", care.goal_edit, name="goal_edit"),
    path("clients/<int:client_id>/planned-services/new/", care.planned_service_create, name="planned_service_create"),
    path("clients/<int:client_id>/plan-reviews/new/", care.review_create, name="review_create"),
    path("clients/<int:client_id>/trafficking-events/new/", care.event_create, name="event_create"),
    path("trafficking-events/<int:event_id>/remove/", care.event_remove, name="event_remove"),
    # screening
    path("screenings/", screenings.screening_list, name="screening_list"),
    path("screenings/new/", screenings.screening_create, name="screening_create"),
    path("screenings/<int:screening_id>/", screenings.screening_detail, name="screening_detail"),
    path("screenings/<int:screening_id>/link/", screenings.screening_link, name="screening_link"),
]
