from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "ally.referrals"
    label = "referrals"
