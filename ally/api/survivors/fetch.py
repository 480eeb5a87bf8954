"""How the survivors operations fetch a client or one of its records: through ``ally.access``,
with the answers the client pages give (404 for what the reader may not see, 403 for what they
may see but not change)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ally.access import ClientAccess, access_client
from ally.accounts.models import User
from ally.core.errors import NotPermitted, NotVisible
from ally.survivors.fieldgroups import FieldGroup
from ally.survivors.models import Client

T = TypeVar("T")


def client_to_change(user: User, client_id: int) -> Client:
    """The client, for its owning organization to change or to read its own records of it
    (consents, shares, disclosures). A reader through a share gets 403, anyone else 404."""
    return access_client(user, client_id, for_change=True).client


def seen_with(user: User, client_id: int, group: FieldGroup) -> ClientAccess:
    """The client as this reader sees it, for a list of one field group: 404 without the group,
    as the page of that group answers. One access check, so a read through a share is logged once.
    """
    seen = access_client(user, client_id)
    if group not in seen.groups:
        raise NotVisible()
    return seen


def changeable(fetch: Callable[..., T], user: User, pk: int) -> T:
    """A record by id, for a change by its owner. 404 unless the user may at least read it
    (its client and its field group); 403 when they may read it but not change it."""
    try:
        return fetch(user, pk, for_change=True)
    except NotPermitted:
        fetch(user, pk)  # NotVisible when the reader's groups do not cover it
        raise
