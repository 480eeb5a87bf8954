"""Referrals between member organizations and to regional navigators: the thread, the status,
matching providers, escalation and timeliness."""
