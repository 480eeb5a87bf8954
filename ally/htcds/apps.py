from django.apps import AppConfig


class HtcdsConfig(AppConfig):
    name = "ally.htcds"
    label = "htcds"
