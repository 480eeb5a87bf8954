from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "ally.referrals"
    label = "referrals"

    def ready(self) -> None:
        from ally.referrals import jobs  # noqa: F401  (registers the periodic job)
