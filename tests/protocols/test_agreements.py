"""Agreements: dates, parties, renewal with history, ending, documents and who downloads
them, renewal reminders, and the organizations without an agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.notifications.models import Notification
from ally.protocols import actions, jobs
from ally.protocols.models import Agreement, AgreementDocument, AgreementTerm
from ally.protocols.queries import expiring_agreements, organizations_without_agreement
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.protocols.conftest import PDF, fresh

D = dt.timedelta


def _mou(tf, parties, today, *, signed=-30, expires=335, user=None, **extra):
    return actions.record_agreement(
        tf, acting_user=user, title="Referral MOU", kind="mou", parties=parties,
        signed_on=today + D(days=signed), effective_on=today + D(days=signed),
        expires_on=None if expires is None else today + D(days=expires), **extra,
    )


def _counts():
    return (Agreement.objects.count(), AgreementTerm.objects.count(), AuditEvent.objects.count())


def test_an_agreement_that_expires_on_or_before_signing_is_refused(tf, vsp, police, coordinator, today):
    before = _counts()
    for expires in (today - D(days=1), today):
        with pytest.raises(InvalidInput, match="cannot expire on or before the day it was signed"):
            actions.record_agreement(tf, acting_user=fresh(coordinator), title="MOU", kind="mou", parties=[vsp, police],
                                     signed_on=today, effective_on=today, expires_on=expires)
    with pytest.raises(InvalidInput, match="at least two parties"):
        actions.record_agreement(tf, acting_user=fresh(coordinator), title="MOU", kind="mou", parties=[vsp],
                                 signed_on=today, effective_on=today)
    assert _counts() == before
    # One organization and the task force itself is enough; no expiry is open-ended.
    agreement = actions.record_agreement(tf, acting_user=fresh(coordinator), title="MOU", kind="mou", parties=[vsp],
                                         task_force_is_party=True, signed_on=today, effective_on=today)
    assert agreement.expires_on is None and agreement.status_on(today + D(days=3650)) == "current"


def test_the_page_and_the_api_refuse_bad_dates(tf, vsp, police, coordinator, today):
    response = client_for(coordinator).post(reverse("agreement_create"), {
        "title": "MOU", "kind": "mou", "parties": [vsp.pk, police.pk], "signed_on": today.isoformat(),
        "effective_on": today.isoformat(), "expires_on": (today - D(days=10)).isoformat(),
    })
    assert response.status_code == 200 and "cannot expire on or before" in response.content.decode()
    response = Api(coordinator).post("/agreements", {
        "title": "MOU", "kind": "mou", "party_ids": [vsp.pk, police.pk], "signed_on": today.isoformat(),
        "effective_on": today.isoformat(), "expires_on": (today - D(days=10)).isoformat(),
    })
    assert response.status_code == 400 and Agreement.objects.count() == 0


def test_renewal_keeps_history_and_ending_early(tf, vsp, police, coordinator, today):
    agreement = _mou(tf, [vsp, police], today, signed=-700, expires=30)
    renewed = actions.renew_agreement(agreement, acting_user=fresh(coordinator), signed_on=today,
                                      effective_on=today + D(days=31), expires_on=today + D(days=31 + 730))
    assert renewed.expires_on == today + D(days=761)
    assert list(renewed.terms.values_list("number", "expires_on")) == [(1, today + D(days=30)), (2, today + D(days=761))]
    assert AuditEvent.objects.filter(event_type="agreement.renewed").count() == 1
    before = _counts()
    with pytest.raises(InvalidInput, match="after the current term"):
        actions.renew_agreement(renewed, acting_user=fresh(coordinator), signed_on=today, effective_on=today,
                                expires_on=today + D(days=100))
    assert _counts() == before
    ended = actions.end_agreement(renewed, acting_user=fresh(coordinator), ended_on=today + D(days=40))
    assert ended.status_on(today + D(days=40)) == "ended" and ended.status_on(today + D(days=39)) == "current"
    with pytest.raises(Conflict):
        actions.renew_agreement(ended, acting_user=fresh(coordinator), signed_on=today + D(days=1),
                                effective_on=today + D(days=50))
    with pytest.raises(Conflict):
        actions.end_agreement(ended, acting_user=fresh(coordinator), ended_on=today + D(days=41))


def test_only_leadership_records_and_changes(tf, vsp, police, vsp_admin, advocate, today):
    agreement = _mou(tf, [vsp, police], today)
    with pytest.raises(NotPermitted):
        _mou(tf, [vsp, police], today, user=fresh(vsp_admin))
    with pytest.raises(NotPermitted):
        actions.end_agreement(agreement, acting_user=fresh(vsp_admin), ended_on=today)
    client = client_for(advocate)
    assert client.get(reverse("agreement_detail", args=[agreement.pk])).status_code == 200
    assert client.get(reverse("agreement_renew", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("agreement_list")).status_code == 200


def test_documents_are_pdf_only_and_downloaded_by_parties_and_leadership(
    tf, vsp, police, da, coordinator, advocate, detective, outsider, today
):
    agreement = _mou(tf, [vsp, police], today)
    prosecutor = factories.member(da, "member")
    auditor = factories.role(tf, "auditor")
    before = AgreementDocument.objects.count()
    with pytest.raises(InvalidInput, match="must be a PDF"):
        actions.add_agreement_document(agreement, SimpleUploadedFile("x.pdf", b"<html>"), acting_user=None)
    assert AgreementDocument.objects.count() == before
    response = client_for(coordinator).post(
        reverse("agreement_document_add", args=[agreement.pk]),
        {"title": "Signed MOU", "file": SimpleUploadedFile("Jane Doe MOU.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    document = AgreementDocument.objects.get()
    assert "Jane" not in document.file.name and document.file.name.endswith(".pdf")
    url = reverse("agreement_document", args=[document.pk])
    for user in (coordinator, advocate, detective):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF
    assert client_for(prosecutor).get(url).status_code == 403  # a colleague, not a party
    assert client_for(auditor).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    page = client_for(prosecutor).get(reverse("agreement_detail", args=[agreement.pk])).content.decode()
    assert "Signed MOU" in page and url not in page
    assert Api(prosecutor).get(f"/agreement-documents/{document.pk}").status_code == 403
    response = Api(detective).get(f"/agreement-documents/{document.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # read to the end: closing would end the test's connection


def test_renewal_reminders_90_30_7_days_and_on_the_day(tf, vsp, police, da, coordinator, vsp_admin, advocate, today):
    prosecutor_admin = factories.member(da, "org_admin")
    agreement = _mou(tf, [vsp, police], today, expires=90)
    reminded = {}
    for ahead in range(0, 95):
        Notification.objects.all().delete()
        day = agreement.expires_on - D(days=ahead)
        if jobs.remind_expiring(tf, day):
            reminded[ahead] = set(Notification.objects.values_list("user__full_name", flat=True))
    assert sorted(reminded) == [0, 7, 30, 90]
    assert reminded[30] == {"Cora Coordinator", "Ada Admin"}  # not the advocate, nor another organization
    assert prosecutor_admin.full_name not in reminded[30]
    actions.end_agreement(agreement, acting_user=None, ended_on=today)
    assert jobs.remind_expiring(tf, agreement.expires_on - D(days=7)) == 0


def test_expiring_and_organizations_without_an_agreement(tf, vsp, police, da, coordinator, today):
    labor = factories.organization(tf, "Labor Department", discipline="government_other", agency_type="labor")
    soon = _mou(tf, [vsp, police], today, expires=45)
    _mou(tf, [da, vsp], today, signed=-800, expires=-1)  # expired yesterday
    factories.organization(tf, "Closed Agency").__class__.objects.filter(name="Closed Agency").update(is_active=False)
    assert expiring_agreements(tf, today) == [soon]
    assert expiring_agreements(tf, today, within_days=30) == []
    assert organizations_without_agreement(tf, today) == [da, labor]
    page = client_for(coordinator).get(reverse("agreements_missing")).content.decode()
    assert "County District Attorney" in page and "Labor Department" in page and "Closed Agency" not in page
    assert "Harbor Survivor Services" not in page
    api = Api(coordinator)
    assert [o["name"] for o in api.get("/organizations-without-agreement").json()] == ["County District Attorney", "Labor Department"]
    assert [a["id"] for a in api.get("/agreements", status="expiring").json()["items"]] == [soon.pk]


def test_list_queries_do_not_grow_with_agreements(tf, vsp, police, da, coordinator, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = Api(coordinator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client_for(coordinator).get(reverse("agreement_list"))
            client_for(coordinator).get(reverse("agreements_missing"))
            api.get("/agreements")
        return len(ctx.captured_queries)

    for _ in range(2):
        _mou(tf, [vsp, police, da], today)
    count()
    few = count()
    for _ in range(4):
        _mou(tf, [vsp, police], today)
    assert count() == few
