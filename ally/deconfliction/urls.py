from django.urls import path

from ally.deconfliction import views

urlpatterns = [
    path("deconfliction/", views.deconfliction_list, name="deconfliction_list"),
    path("deconfliction/hits/<int:hit_id>/", views.hit_detail, name="hit_detail"),
    path("deconfliction/conflicts/<int:conflict_id>/", views.conflict_detail, name="conflict_detail"),
]
