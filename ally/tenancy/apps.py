from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "ally.tenancy"
    label = "tenancy"
