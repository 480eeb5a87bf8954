from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "ally.protocols"
    label = "protocols"

    def ready(self) -> None:
        from ally.protocols import jobs  # noqa: F401  (registers the reminders)
