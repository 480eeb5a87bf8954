from django.urls import path

from ally.trainings import views

urlpatterns = [
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:session_id>/", views.training_detail, name="training_detail"),
    path("trainings/<int:session_id>/cancel/", views.training_cancel, name="training_cancel"),
    path("trainings/<int:session_id>/attendance/", views.training_attendance, name="training_attendance"),
    path("trainings/coverage/", views.training_coverage, name="training_coverage"),
    path("trainings/me/", views.my_training_record, name="my_training_record"),
    path("trainings/people/", views.training_records, name="training_records"),
    path("trainings/people/<int:person_id>/", views.training_record_view, name="training_record"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/new/", views.roadmap_start, name="roadmap_start"),
    path("roadmap/<int:assessment_id>/", views.roadmap_assessment, name="roadmap_assessment"),
    path("roadmap/<int:assessment_id>/areas/<slug:area>/", views.roadmap_rate, name="roadmap_rate"),
    path("roadmap/<int:assessment_id>/complete/", views.roadmap_complete, name="roadmap_complete"),
]
