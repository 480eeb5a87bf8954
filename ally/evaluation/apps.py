from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "ally.evaluation"
    label = "evaluation"
