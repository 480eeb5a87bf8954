"""What every router shares: the error answers it documents, one way to page a list, and the
checks that come before reading anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja.pagination import LimitOffsetPagination, paginate

from ally.access.policy import require_member as require_member  # re-exported for the routers
from ally.accounts.models import User
from ally.api.schemas import ErrorOut
from ally.core.errors import InvalidInput, NotVisible

# The error answers an operation documents, e.g. ``response={200: ClientOut, **E403, **E404}``.
E400 = {400: ErrorOut}
E403 = {403: ErrorOut}
E404 = {404: ErrorOut}
E409 = {409: ErrorOut}
CHANGE = {**E400, **E403, **E404}

MAX_PAGE = 500

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=Model)


def paginated(view: F) -> F:
    """A list answered a page at a time: ``limit`` (at most 500) and ``offset`` in the query,
    ``{"count": …, "items": […]}`` in the answer. The view returns the whole queryset."""
    wrapped: F = paginate(LimitOffsetPagination, max_limit=MAX_PAGE)(view)
    return wrapped


def one_visible(queryset: QuerySet[M], pk: int) -> M:
    """The record ``pk`` among those the reader may see (``queryset``), else 404 — the same
    answer whether it does not exist or is not theirs."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotVisible()
    return found


def one_named(queryset: QuerySet[M], pk: int, refusal: str) -> M:
    """The record a request names by id as its input (the person to assign, the organization to
    share with…), among ``queryset``; else 400 with ``refusal`` — a mistake in the input."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise InvalidInput(refusal)
    return found


def all_named(queryset: QuerySet[M], pks: list[int], refusal: str) -> list[M]:
    """Every record a request names by id (as ``one_named``): 400 if any one is not there."""
    wanted = set(pks)
    found = list(queryset.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise InvalidInput(refusal)
    return found


def person(user: User) -> dict[str, Any]:
    """A person as the API names them (``PersonBrief``)."""
    return {"id": user.pk, "full_name": user.full_name, "email": user.email}
