from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ally.api"
    label = "api"
