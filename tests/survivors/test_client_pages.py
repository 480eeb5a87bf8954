"""What advocates and investigators see on client pages."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.models import DisclosureLog
from ally.survivors import actions
from ally.survivors.models import Client
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def maria(vsp, advocate):
    return actions.create_client(
        vsp, acting_user=advocate, legal_name="Maria Example", phone="608-555-0142", trafficking_type="labor"
    )


def _share_identity(client, police):
    today = today_in(client.task_force_id)
    consent = actions.record_consent(
        client,
        acting_user=None,
        recipients=[police],
        field_groups=["identity"],
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + dt.timedelta(days=30),
        signature_method="in_person_esignature",
    )
    actions.share_client(
        client, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None
    )
    return consent


def test_the_advocate_sees_the_whole_record(maria, advocate):
    page = client_for(advocate).get(f"/clients/{maria.pk}/").content.decode()
    assert "Maria Example" in page and "608-555-0142" in page and "Edit record" in page


def test_another_providers_advocate_gets_404(tf, maria):
    other = factories.member(factories.organization(tf, "Northwoods Advocacy Center"), "org_admin")
    response = client_for(other).get(f"/clients/{maria.pk}/")
    assert response.status_code == 404
    assert "Maria" not in response.content.decode()


def test_an_investigator_sees_only_the_shared_groups_and_the_read_is_logged(maria, police, detective):
    _share_identity(maria, police)
    page = client_for(detective).get(f"/clients/{maria.pk}/").content.decode()
    assert "Maria Example" in page
    assert "608-555-0142" not in page and "Edit record" not in page
    assert "This visit is recorded" in page
    assert DisclosureLog.objects.filter(reader=detective, object_id=str(maria.pk)).count() == 1


def test_the_investigator_loses_the_page_when_consent_is_revoked(maria, police, detective, advocate):
    consent = _share_identity(maria, police)
    browser = client_for(detective)
    assert browser.get(f"/clients/{maria.pk}/").status_code == 200
    actions.revoke_consent(consent, acting_user=advocate)
    response = browser.get(f"/clients/{maria.pk}/")
    assert response.status_code == 404
    assert "Maria" not in response.content.decode()


def test_the_shared_list_shows_numbers_not_names(maria, police, detective):
    _share_identity(maria, police)
    page = client_for(detective).get("/clients/").content.decode()
    assert f"Client #{maria.pk}" in page and "Maria" not in page
    assert not DisclosureLog.objects.exists()  # listing is not reading


def test_an_advocate_opens_a_record_in_one_form(vsp, advocate):
    response = client_for(advocate).post(
        "/clients/new/",
        {"legal_name": "Rosa Example", "trafficking_type": "sex", "case_status": "Active", "intake_date": "2026-01-05", "gender": "Feminine"},
    )
    client = Client.objects.get(legal_name="Rosa Example")
    assert response["Location"] == f"/clients/{client.pk}/"
    assert advocate in client.advocates.all()


def test_a_stale_edit_shows_the_collision_and_keeps_the_other_change(maria, advocate, vsp_admin):
    form = {
        "legal_name": "Maria Example",
        "preferred_name": "Mari",
        "trafficking_type": "labor",
        "case_status": "Active",
        "intake_date": maria.intake_date.isoformat(),
        "version": maria.version,
    }
    actions.update_client(maria, version=maria.version, phone="608-555-0000", acting_user=vsp_admin)
    response = client_for(User.objects.get(pk=advocate.pk)).post(f"/clients/{maria.pk}/edit/", form)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    maria.refresh_from_db()
    assert (maria.phone, maria.preferred_name) == ("608-555-0000", "")


def test_a_detective_cannot_open_client_records(detective):
    assert client_for(detective).get("/clients/new/").status_code == 403


def test_the_advocate_records_a_consent_and_shares_from_the_client_page(maria, police, advocate, detective):
    browser = client_for(advocate)
    today = today_in(maria.task_force_id)
    response = browser.post(
        f"/clients/{maria.pk}/consents/new/",
        {
            "recipients": [police.pk],
            "field_groups": ["identity", "trafficking_details"],
            "purposes": ["law_enforcement_coordination"],
            "signed_on": today.isoformat(),
            "expires_on": (today + dt.timedelta(days=60)).isoformat(),
            "signature_method": "scanned_form",
            "language": "es",
        },
    )
    assert response.status_code == 302
    response = browser.post(
        f"/clients/{maria.pk}/shares/new/",
        {"recipient": police.pk, "field_groups": ["trafficking_details"], "purpose": "law_enforcement_coordination"},
    )
    assert response.status_code == 302
    page = client_for(detective).get(f"/clients/{maria.pk}/").content.decode()
    assert "Trafficking details" in page and "Maria" not in page


def test_a_share_without_a_covering_consent_is_explained(maria, police, advocate):
    response = client_for(advocate).post(
        f"/clients/{maria.pk}/shares/new/",
        {"recipient": police.pk, "field_groups": ["identity"], "purpose": "law_enforcement_coordination"},
    )
    assert response.status_code == 200
    assert "No consent in force covers" in response.content.decode()
    assert not maria.shares.exists()


def test_a_consent_form_for_a_minor_without_a_guardian_is_refused(vsp, police, advocate):
    today = today_in(vsp.task_force_id)
    teen = actions.create_client(vsp, acting_user=advocate, legal_name="Teen", minor_at_intake=True)
    response = client_for(advocate).post(
        f"/clients/{teen.pk}/consents/new/",
        {
            "recipients": [police.pk],
            "field_groups": ["identity"],
            "purposes": ["law_enforcement_coordination"],
            "signed_on": today.isoformat(),
            "expires_on": (today + dt.timedelta(days=60)).isoformat(),
            "signature_method": "scanned_form",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "parent or guardian must also sign" in response.content.decode()
    assert not teen.consents.exists()


def test_the_disclosure_report_lists_the_investigators_read_in_both_languages(maria, police, advocate, detective):
    _share_identity(maria, police)
    client_for(detective).get(f"/clients/{maria.pk}/")
    browser = client_for(advocate)
    english = browser.get(f"/clients/{maria.pk}/disclosures/?language=en").content.decode()
    assert "Dana Detective" in english and "Lakeshore Police Department" in english
    assert "Who has seen your information" in english
    spanish = browser.get(f"/clients/{maria.pk}/disclosures/?language=es").content.decode()
    assert "Dana Detective" in spanish and 'lang="es"' in spanish
    assert "Quién ha visto su información" in spanish and "Identidad" in spanish


def test_the_investigator_cannot_read_the_disclosure_report(maria, police, detective):
    _share_identity(maria, police)
    assert client_for(detective).get(f"/clients/{maria.pk}/disclosures/").status_code == 403


def test_likely_duplicates_are_shown_before_saving(maria, vsp, advocate):
    form = {"legal_name": "Maria Exampel", "phone": "(608) 555-0142", "trafficking_type": "labor", "case_status": "Active", "intake_date": "2026-01-05"}
    browser = client_for(advocate)
    response = browser.post("/clients/new/", form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "may already have a record" in page and f"/clients/{maria.pk}/" in page
    assert Client.objects.count() == 1
    response = browser.post("/clients/new/", {**form, "confirm_new": "1"})
    assert response.status_code == 302 and Client.objects.count() == 2


def test_a_match_the_advocate_may_not_open_is_counted_not_named(maria, vsp):
    colleague = factories.member(vsp)
    form = {"legal_name": "Maria Example", "phone": "608-555-0142", "trafficking_type": "labor", "case_status": "Active", "intake_date": "2026-01-05"}
    page = client_for(colleague).post("/clients/new/", form).content.decode()
    assert "A record you cannot open" in page
    assert f"/clients/{maria.pk}/" not in page


def test_a_routine_service_takes_one_short_form(maria, advocate):
    browser = client_for(advocate)
    today = today_in(maria.task_force_id)
    response = browser.post(
        f"/clients/{maria.pk}/services/new/",
        {"service-category": "transportation", "service-delivered_on": today.isoformat(), "service-units": "2", "service-unit": "trips"},
    )
    assert response.status_code == 302
    page = browser.get(f"/clients/{maria.pk}/").content.decode()
    assert "Transportation" in page and "Service recorded" in page


def test_a_future_service_is_refused_and_nothing_saved(maria, advocate):
    today = today_in(maria.task_force_id)
    browser = client_for(advocate)
    browser.post(
        f"/clients/{maria.pk}/services/new/",
        {"service-category": "transportation", "service-delivered_on": (today + dt.timedelta(days=3)).isoformat(), "service-units": "1", "service-unit": "trips"},
    )
    from ally.survivors.models import ServiceDelivery

    assert not ServiceDelivery.objects.filter(client=maria).exists()
    page = browser.get(f"/clients/{maria.pk}/").content.decode()
    assert "No services recorded yet" in page


def test_an_investigator_with_an_identity_share_sees_no_notes_or_services(maria, police, advocate, detective):
    from ally.survivors import care

    care.add_case_note(maria, acting_user=advocate, note_type="contact", text="Met at the clinic")
    _share_identity(maria, police)
    page = client_for(detective).get(f"/clients/{maria.pk}/").content.decode()
    assert "Met at the clinic" not in page and "Case notes" not in page
    assert DisclosureLog.objects.filter(reader=detective).count() == 1  # one page, one logged read
