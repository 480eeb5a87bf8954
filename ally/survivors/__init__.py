"""The victim-service compartment: clients, screening, plans, services, notes, consent, shares.

A client belongs to one victim-service organization. Nothing about a client leaves it except
through a Share resting on the survivor's written, time-limited Consent (DOMAIN.md §2).
"""
