from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ally.reports"
    label = "reports"
