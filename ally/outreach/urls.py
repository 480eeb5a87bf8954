from django.urls import path

from ally.outreach.views import events, feedback, leaders, threats

urlpatterns = [
    # survivor leaders (the coordinator; a survivor leader reads their own entry)
    path("survivor-leaders/", leaders.leader_list, name="survivor_leader_list"),
    path("survivor-leaders/new/", leaders.leader_create, name="survivor_leader_create"),
    path("survivor-leaders/<int:leader_id>/", leaders.leader_detail, name="survivor_leader_detail"),
    path("survivor-leaders/<int:leader_id>/edit/", leaders.leader_edit, name="survivor_leader_edit"),
    path("survivor-leaders/<int:leader_id>/engagements/new/", leaders.engagement_create, name="engagement_create"),
    path("engagements/<int:engagement_id>/edit/", leaders.engagement_edit, name="engagement_edit"),
    path("survivor-leaders/<int:leader_id>/feedback/new/", leaders.feedback_record, name="feedback_record"),
    # feedback to leadership
    path("feedback/", feedback.feedback_list, name="feedback_list"),
    path("feedback/new/", feedback.feedback_submit, name="feedback_submit"),
    path("feedback/<int:feedback_id>/", feedback.feedback_detail, name="feedback_detail"),
    path("feedback/<int:feedback_id>/respond/", feedback.feedback_respond, name="feedback_respond"),
    # outreach and awareness events
    path("outreach/", events.event_list, name="outreach_list"),
    path("outreach/new/", events.event_create, name="outreach_create"),
    path("outreach/by-region/", events.attendance_view, name="outreach_by_region"),
    path("outreach/<int:event_id>/", events.event_detail, name="outreach_detail"),
    path("outreach/<int:event_id>/edit/", events.event_edit, name="outreach_edit"),
    path("outreach/<int:event_id>/held/", events.event_held, name="outreach_held"),
    path("outreach/<int:event_id>/cancel/", events.event_cancel, name="outreach_cancel"),
    # threat assessment
    path("threat-assessments/", threats.assessment_list, name="threat_assessment_list"),
    path("threat-assessments/new/", threats.assessment_create, name="threat_assessment_create"),
    path("threat-assessments/<int:assessment_id>/", threats.assessment_detail, name="threat_assessment_detail"),
    path("threat-assessments/<int:assessment_id>/edit/", threats.assessment_edit, name="threat_assessment_edit"),
    path("threat-assessments/<int:assessment_id>/industries/new/", threats.industry_create, name="assessed_industry_create"),
    path("assessed-industries/<int:industry_id>/edit/", threats.industry_edit, name="assessed_industry_edit"),
]
