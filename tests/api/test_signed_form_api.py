"""The signed consent form over the API: attached once, downloaded by the owner only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ally.audit.events import EventType
from ally.audit.models import AuditEvent
from ally.survivors import actions
from ally.survivors.models import Consent
from tests import factories
from tests.api.token_client import Api

PDF = b"%PDF-1.4 the form Maria signed"


def _pdf(content=PDF, name="signed.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def consent(vsp, advocate, police, today):
    """Maria's consent to share her identity with the police, recorded without its form, and
    the share made under it."""
    maria = actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")
    consent = actions.record_consent(
        maria, acting_user=advocate, recipients=[police], field_groups=["identity"],
        purposes=["law_enforcement_coordination"], signed_on=today,
        expires_on=today + dt.timedelta(days=90), signature_method="scanned_form",
    )
    actions.share_client(
        maria, recipient=police, field_groups=["identity"],
        purpose="law_enforcement_coordination", acting_user=advocate,
    )
    return consent


def _url(consent):
    return f"/consents/{consent.pk}/signed-form"


def test_it_attaches_a_pdf(as_advocate, consent):
    response = as_advocate.upload(_url(consent), signed_form=_pdf())
    assert response.status_code == 201, response.content
    assert response.json()["has_signed_form"] is True
    consent.refresh_from_db()
    assert consent.attachment.name.endswith(".pdf")
    assert consent.attachment.name not in response.content.decode()  # never the storage path
    assert AuditEvent.objects.filter(event_type=EventType.CONSENT_FORM_ATTACHED).count() == 1


def test_it_says_whether_a_consent_has_its_form(as_advocate, consent):
    listed = as_advocate.get(f"/clients/{consent.client_id}/consents").json()
    assert [c["has_signed_form"] for c in listed] == [False]
    as_advocate.upload(_url(consent), signed_form=_pdf())
    listed = as_advocate.get(f"/clients/{consent.client_id}/consents").json()
    assert [c["has_signed_form"] for c in listed] == [True]


def test_html_named_pdf_is_refused_and_nothing_is_kept(as_advocate, consent, media):
    fake = _pdf(b"<html><script>alert(1)</script></html>", name="form.pdf")
    response = as_advocate.upload(_url(consent), signed_form=fake)
    assert response.status_code == 400
    assert "PDF, PNG or JPEG" in response.json()["detail"]
    consent.refresh_from_db()
    assert not consent.attachment
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_an_attached_form_is_never_replaced(as_advocate, consent):
    assert as_advocate.upload(_url(consent), signed_form=_pdf()).status_code == 201
    first = Consent.objects.get(pk=consent.pk).attachment.name
    again = as_advocate.upload(_url(consent), signed_form=_pdf(b"%PDF-1.4 another"))
    assert again.status_code == 409
    assert Consent.objects.get(pk=consent.pk).attachment.name == first


def test_the_owner_downloads_the_same_bytes(as_advocate, consent):
    as_advocate.upload(_url(consent), signed_form=_pdf())
    response = as_advocate.get(_url(consent))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_form_yet_is_404(as_advocate, consent):
    assert as_advocate.get(_url(consent)).status_code == 404


def test_the_police_reading_through_the_share_get_404(as_advocate, as_detective, consent):
    as_advocate.upload(_url(consent), signed_form=_pdf())
    assert as_detective.get(f"/clients/{consent.client_id}").status_code == 200  # the share works
    assert as_detective.get(_url(consent)).status_code == 404
    assert as_detective.upload(_url(consent), signed_form=_pdf()).status_code == 404


@pytest.mark.parametrize("role", ["member", "org_admin"])
def test_another_provider_gets_404_whether_or_not_a_form_exists(tf, as_advocate, consent, role):
    elsewhere = factories.organization(tf, "Northwoods Advocacy Center", discipline="victim_services")
    other = Api(factories.member(elsewhere, role))
    assert other.upload(_url(consent), signed_form=_pdf()).status_code == 404
    assert not Consent.objects.get(pk=consent.pk).attachment
    as_advocate.upload(_url(consent), signed_form=_pdf())
    assert other.get(_url(consent)).status_code == 404
    assert other.upload(_url(consent), signed_form=_pdf()).status_code == 404  # not 409


def test_a_read_only_token_cannot_attach(advocate, consent):
    response = Api(advocate, read_only=True).upload(_url(consent), signed_form=_pdf())
    assert response.status_code == 403
    assert not Consent.objects.get(pk=consent.pk).attachment
