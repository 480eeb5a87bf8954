"""Notifications: the in-app inbox, email with a link only, preferences and the daily digest."""
