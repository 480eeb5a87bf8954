from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "ally.outreach"
    label = "outreach"
