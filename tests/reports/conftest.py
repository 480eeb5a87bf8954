"""Fixtures of the report tests. Each part keeps its fixtures in its own section."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

# --- catalogue and counting engine: hand-built records ---------------------------------------


class EngineRecords:
    """Plain ORM builders for hand-built records (no actions: the tests control every field)."""

    def __init__(self, tf: Any) -> None:
        self.tf = tf

    def client(self, org: Any, **fields: Any) -> Any:
        from ally.survivors.models import Client

        fields.setdefault("legal_name", "Client")
        fields.setdefault("intake_date", dt.date(2025, 10, 1))
        return Client.objects.create(task_force=self.tf, organization=org, **fields)

    def service(self, client: Any, on: dt.date, category: str = "case_management", **fields: Any) -> Any:
        from ally.survivors.models import ServiceDelivery

        return ServiceDelivery.objects.create(
            task_force=self.tf, organization=client.organization, client=client, category=category,
            delivered_on=on, provider=client.organization, units=Decimal("1"), unit="hours", **fields,
        )

    def referral(self, sender: Any, recipient: Any, sent_at: dt.datetime, **fields: Any) -> Any:
        from ally.referrals.models import Referral

        fields.setdefault("services", ["case_management"])
        return Referral.objects.create(
            task_force=self.tf, from_organization=sender, to_organization=recipient, sent_at=sent_at,
            ack_due_at=sent_at + dt.timedelta(days=3), urgency="routine", **fields,
        )

    def investigation(self, org: Any, opened_on: dt.date, **fields: Any) -> Any:
        from ally.investigations.models import Investigation

        fields.setdefault("number", f"INV-{Investigation.objects.count() + 1}")
        fields.setdefault("trafficking_type", "labor")
        return Investigation.objects.create(
            task_force=self.tf, organization=org, title="Case", opened_on=opened_on,
            suspicion_basis="basis", review_by=opened_on + dt.timedelta(days=1800), **fields,
        )


@pytest.fixture
def engine_records(tf):
    return EngineRecords(tf)
