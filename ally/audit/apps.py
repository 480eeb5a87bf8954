from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ally.audit"
    label = "audit"
