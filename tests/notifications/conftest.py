from __future__ import annotations

import pytest

from ally.core import schedule
from ally.notifications import NotificationKind, notify


def tell(user, tf, title="Referral #42 is past its acknowledgement target", *, kind=NotificationKind.REFERRAL_OVERDUE, link="/inbox/", urgent=False):
    """One notification to one person."""
    [notification] = notify([user], task_force=tf, kind=kind, title=title, link=link, urgent=urgent)
    return notification


@pytest.fixture
def only_jobs(monkeypatch):
    """An empty job registry for the test, so only the jobs it registers run."""
    monkeypatch.setattr(schedule, "_registry", {})
    return schedule
