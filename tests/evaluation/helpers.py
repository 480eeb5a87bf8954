"""Clients with and without a consent to evaluation, built directly (the extract only reads)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ally.survivors.models import Client, Consent, ServiceDelivery

TODAY = dt.date(2026, 3, 15)  # FY2026Q2


def make_client(org: Any, n: int, **fields: Any) -> Client:
    values: dict[str, Any] = {
        "legal_name": f"NAME-{n} Rosalind Quarry",
        "preferred_name": f"PREF-{n}",
        "phone": f"555-01{n:02d}-7788",
        "email": f"person{n}@private.example",
        "street": f"{n} Secret Lane",
        "city": "Hiddenville",
        "zip_code": "53701",
        "date_of_birth": dt.date(1990, 7, 14),
        "gender": "Feminine",
        "citizenship_status": "foreign_national",
        "trafficking_type": "labor",
        "trafficking_status": "ActualVictimOfTrafficking",
        "status_determined_on": dt.date(2025, 12, 3),
        "exploitation_types": ["ForcedLabour"],
        "labor_industry": "A_AgricultureForestryAndFishing",
        "recruitment": f"FREE-TEXT-RECRUITMENT-{n}",
        "safe_contact_instructions": f"FREE-TEXT-SAFE-CONTACT-{n}",
        "intake_date": dt.date(2025, 11, 20),
    }
    values.update(fields)
    return Client.objects.create(task_force=org.task_force, organization=org, **values)


def consent(client: Client, purposes: list[str] | None = None, **fields: Any) -> Consent:
    values: dict[str, Any] = {
        "signed_on": TODAY - dt.timedelta(days=30),
        "expires_on": TODAY + dt.timedelta(days=150),
        "signature_method": "scanned_form",
        "purposes": ["evaluation"] if purposes is None else purposes,
        "field_groups": [],
    }
    values.update(fields)
    return Consent.objects.create(
        task_force=client.task_force, organization=client.organization, client=client, **values
    )


def consenting(org: Any, count: int, start: int = 0, **fields: Any) -> list[Client]:
    clients = [make_client(org, start + i, **fields) for i in range(count)]
    for client in clients:
        consent(client)
    return clients


def service(client: Client, category: str, on: dt.date, **fields: Any) -> ServiceDelivery:
    return ServiceDelivery.objects.create(
        task_force=client.task_force, organization=client.organization, client=client,
        provider=client.organization, category=category, delivered_on=on,
        units=Decimal("1"), unit="hours", outcome=fields.pop("outcome", "FREE-TEXT-OUTCOME"), **fields,
    )
