from django.urls import path

from ally.core import collaboration, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("collaboration/", collaboration.collaboration_home, name="collaboration_home"),
]
