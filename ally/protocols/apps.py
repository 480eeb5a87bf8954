from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "ally.protocols"
    label = "protocols"
