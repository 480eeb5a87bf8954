"""Domain errors raised by actions and the access policy.

NotVisible is an Http404 and NotPermitted a PermissionDenied, so Django and the API answer them
the same way everywhere: 404 for what you may not see (same as not existing), 403 for what you
may see but not change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


class DomainError(Exception):
    """A request that the task force's rules do not allow; the message is shown to the user."""


class NotVisible(DomainError, Http404):
    """The object does not exist, or the user may not see it."""


class NotPermitted(DomainError, PermissionDenied):
    """The user may see the object but may not make this change."""


class Conflict(DomainError):
    """The change collides with existing data (a duplicate name, a stale edit)."""


class InvalidInput(DomainError):
    """The values given cannot be used; the message says which and why."""
