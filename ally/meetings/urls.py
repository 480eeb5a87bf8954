from django.urls import path

from ally.meetings.views import committees, decisions, items, meetings

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/calendar.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:meeting_id>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:meeting_id>/attendees/", meetings.meeting_attendees, name="meeting_attendees"),
    path("meetings/<int:meeting_id>/cases/", meetings.meeting_case_add, name="meeting_case_add"),
    path("committees/", committees.committee_list, name="committee_list"),
    path("committees/new/", committees.committee_create, name="committee_create"),
    path("committees/<int:committee_id>/", committees.committee_detail, name="committee_detail"),
    path("committees/<int:committee_id>/edit/", committees.committee_edit, name="committee_edit"),
    path("action-items/", items.action_item_list, name="action_item_list"),
    path("action-items/new/", items.action_item_create, name="action_item_create"),
    path("action-items/<int:item_id>/", items.action_item_detail, name="action_item_detail"),
    path("action-items/<int:item_id>/complete/", items.action_item_complete, name="action_item_complete"),
    path("decisions/", decisions.decision_log, name="decision_log"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/", decisions.decision_detail, name="decision_detail"),
]
