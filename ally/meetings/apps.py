from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "ally.meetings"
    label = "meetings"
