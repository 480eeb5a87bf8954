from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ally.accounts"
    label = "accounts"

    def ready(self) -> None:
        from ally.accounts import signals  # noqa: F401
