"""The signed consent form as a file, and compelled disclosure with its notify-the-survivor task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ally.access.survivors import today_in
from ally.survivors import actions
from ally.survivors.models import CompelledDisclosure, Consent, NotifySurvivorTask
from tests import factories
from tests.conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def maria(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="sex")


def _consent_form(tf, police, **extra):
    today = today_in(tf.pk)
    return {
        "recipients": [police.pk], "field_groups": ["identity"], "purposes": ["law_enforcement_coordination"],
        "signed_on": today.isoformat(), "expires_on": (today + dt.timedelta(days=60)).isoformat(),
        "signature_method": "scanned_form", "language": "en", **extra,
    }


def test_a_consent_is_recorded_with_its_scanned_form_and_only_the_owner_downloads_it(tf, maria, police, advocate, detective):
    upload = SimpleUploadedFile("Maria Example signed.pdf", PDF, content_type="application/pdf")
    response = client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", _consent_form(tf, police, signed_form=upload))
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert "Maria" not in consent.attachment.name  # stored under a random name
    download = client_for(advocate).get(f"/consents/{consent.pk}/form/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    actions.share_client(maria, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None)
    assert client_for(detective).get(f"/consents/{consent.pk}/form/").status_code == 404


def test_a_file_that_is_not_a_pdf_or_image_is_refused_and_no_consent_is_saved(tf, maria, police, advocate):
    fake = SimpleUploadedFile("form.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    response = client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", _consent_form(tf, police, signed_form=fake))
    assert "must be a PDF, PNG or JPEG" in response.content.decode()
    assert not Consent.objects.exists()


def test_the_form_is_attached_later_once_and_never_replaced(tf, maria, police, advocate):
    client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", _consent_form(tf, police))
    consent = Consent.objects.get()
    assert not consent.attachment
    png = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, content_type="image/png")
    client_for(advocate).post(f"/consents/{consent.pk}/form/", {"signed_form": png})
    first = Consent.objects.get().attachment.name
    assert first.endswith(".png")
    again = SimpleUploadedFile("scan2.pdf", PDF, content_type="application/pdf")
    response = client_for(advocate).post(f"/consents/{consent.pk}/form/", {"signed_form": again}, follow=True)
    assert "already has its signed form" in response.content.decode()
    assert Consent.objects.get().attachment.name == first


def test_an_oversized_form_is_refused(tf, maria, police, advocate, settings):
    from ally.survivors import signed_forms

    client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", _consent_form(tf, police))
    consent = Consent.objects.get()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * signed_forms.MAX_BYTES, content_type="application/pdf")
    response = client_for(advocate).post(f"/consents/{consent.pk}/form/", {"signed_form": big}, follow=True)
    assert "larger than 10 MB" in response.content.decode()
    assert not Consent.objects.get().attachment


def test_a_compelled_disclosure_gives_the_advocate_a_task_and_reaches_the_report(tf, vsp, maria, advocate, vsp_admin):
    today = today_in(tf.pk).isoformat()
    assert client_for(advocate).get(f"/clients/{maria.pk}/compelled-disclosures/new/").status_code == 403
    response = client_for(vsp_admin).post(f"/clients/{maria.pk}/compelled-disclosures/new/", {
        "legal_basis": "subpoena", "citation": "Subpoena 26-CR-114", "field_groups": ["identity", "services"],
        "recipient": "Dane County grand jury", "disclosed_on": today, "notify_within_days": "3",
    })
    assert response.status_code == 302
    tasks = client_for(advocate).get("/tasks/notify-survivor/").content.decode()
    assert "Maria Example" in tasks and "Subpoena 26-CR-114" in tasks
    task = NotifySurvivorTask.objects.get()
    response = client_for(advocate).post(f"/tasks/notify-survivor/{task.pk}/complete/", {"outcome": ""}, follow=True)
    assert "Say how the notification went" in response.content.decode()
    client_for(advocate).post(f"/tasks/notify-survivor/{task.pk}/complete/", {"outcome": "Told her in person."})
    assert NotifySurvivorTask.objects.get().done_by == advocate
    assert "Nobody is waiting" in client_for(advocate).get("/tasks/notify-survivor/").content.decode()
    report = client_for(advocate).get(f"/clients/{maria.pk}/disclosures/").content.decode()
    assert "Dane County grand jury" in report


def test_a_compelled_disclosure_without_a_citation_or_groups_is_refused(tf, maria, vsp_admin):
    response = client_for(vsp_admin).post(f"/clients/{maria.pk}/compelled-disclosures/new/", {
        "legal_basis": "statute", "citation": " ", "recipient": "State agency",
        "disclosed_on": today_in(tf.pk).isoformat(), "notify_within_days": "3",
    })
    assert response.status_code == 200 and not CompelledDisclosure.objects.exists()


def test_other_members_see_no_one_elses_notification_tasks(tf, vsp, maria, vsp_admin):
    from ally.survivors.disclosures import record_compelled_disclosure

    record_compelled_disclosure(
        maria, legal_basis="court_order", citation="Order 7", field_groups=["identity"], recipient="Court",
        disclosed_on=today_in(tf.pk), acting_user=vsp_admin,
    )
    colleague = factories.member(vsp)
    page = client_for(colleague).get("/tasks/notify-survivor/").content.decode()
    assert "Maria" not in page and "Order 7" not in page
    task = NotifySurvivorTask.objects.get()
    assert client_for(colleague).post(f"/tasks/notify-survivor/{task.pk}/complete/", {"outcome": "x"}).status_code == 404


def _png_data_url():
    import base64

    return "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def test_a_signature_drawn_in_person_is_kept_as_the_signed_form(tf, maria, police, advocate):
    form = _consent_form(tf, police, signature_method="in_person_esignature", signature_image=_png_data_url())
    assert client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", form).status_code == 302
    assert Consent.objects.get().attachment.name.endswith(".png")


def test_a_drawn_signature_that_is_not_a_png_is_refused_and_nothing_saved(tf, maria, police, advocate):
    import base64

    for bad in ("data:image/png;base64,not-base64!", "data:image/png;base64," + base64.b64encode(b"GIF89a").decode()):
        form = _consent_form(tf, police, signature_method="in_person_esignature", signature_image=bad)
        response = client_for(advocate).post(f"/clients/{maria.pk}/consents/new/", form)
        assert response.status_code == 200
    assert not Consent.objects.exists()
