from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ally.core"
    label = "core"
