from django.apps import AppConfig


class DeconflictionConfig(AppConfig):
    name = "ally.deconfliction"
    label = "deconfliction"
