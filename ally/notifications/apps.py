from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ally.notifications"
    label = "notifications"
