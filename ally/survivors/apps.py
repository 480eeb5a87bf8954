from django.apps import AppConfig


class SurvivorsConfig(AppConfig):
    name = "ally.survivors"
    label = "survivors"
