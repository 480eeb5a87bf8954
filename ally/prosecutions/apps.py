from django.apps import AppConfig


class ProsecutionsConfig(AppConfig):
    name = "ally.prosecutions"
    label = "prosecutions"
