from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ally.notifications"
    label = "notifications"

    def ready(self) -> None:
        from ally.notifications import digest  # noqa: F401  (registers the daily digest job)
