from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "ally.network"
    label = "network"
