from django.urls import path

from ally.audit import views

urlpatterns = [path("audit/", views.audit_log, name="audit_log")]
