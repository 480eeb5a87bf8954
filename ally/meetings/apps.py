from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "ally.meetings"
    label = "meetings"

    def ready(self) -> None:
        from ally.meetings import jobs  # noqa: F401  (registers the action-item reminders)
