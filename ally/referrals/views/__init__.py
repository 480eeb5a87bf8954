"""Referral pages: sending, the lists, one referral with its thread and answers, the overdue list."""
