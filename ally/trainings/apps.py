from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "ally.trainings"
    label = "trainings"
