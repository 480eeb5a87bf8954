from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "ally.investigations"
    label = "investigations"

    def ready(self) -> None:
        from ally.investigations import jobs  # noqa: F401  (registers the review reminders)
