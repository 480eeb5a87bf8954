from django.urls import path

from ally.evaluation import views

urlpatterns = [
    path("evaluation/", views.evaluation_home, name="evaluation_home"),
    path("evaluation/extract.zip", views.evaluation_download, name="evaluation_download"),
]
