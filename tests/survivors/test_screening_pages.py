"""Screening from the web: a crisis call in Spanish, its suggestion, and linking it later."""

from __future__ import annotations

import pytest

from ally.access.survivors import today_in
from ally.survivors import actions
from ally.survivors.models import Screening
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def maria(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="labor")


def _answers(tf, **answers):
    return {"language": "es", "screened_on": today_in(tf.pk).isoformat(), "reference": "Llamada 14 nov", **answers}


def test_a_crisis_call_is_screened_in_spanish_before_anyone_is_a_client(tf, advocate):
    browser = client_for(advocate)
    form = browser.get("/screenings/new/?language=es").content.decode()
    assert "¿Su trabajo es diferente de lo que le dijeron que sería?" in form
    assert 'data-asked-if="documents_held"' in form  # follow-ups wait for their question
    response = browser.post("/screenings/new/", _answers(tf, documents_held="yes", documents_returned="no", pay_received="none"))
    screening = Screening.objects.get()
    assert response.status_code == 302 and screening.client is None and screening.language == "es"
    page = browser.get(f"/screenings/{screening.pk}/").content.decode()
    assert "no una determinación" in page  # the suggestion says it is not a decision, in her language
    assert "Strong indicators (suggested)" in page
    assert "Not linked to a client" in page and "Llamada 14 nov" in page


def test_a_follow_up_answered_without_its_question_counts_for_nothing(tf, advocate):
    client_for(advocate).post("/screenings/new/", _answers(tf, traded_sex="no", sex_quota="yes"))
    result = Screening.objects.get().result
    assert result["suggested_level"] == {"labor": "none", "sex": "none"}
    assert "sex_quota" in result["ignored"]


def test_an_answer_the_instrument_does_not_accept_is_refused(tf, advocate):
    response = client_for(advocate).post("/screenings/new/", _answers(tf, pay_received="lots"))
    assert response.status_code == 200 and not Screening.objects.exists()


def test_the_screening_is_linked_to_a_client_of_the_same_organization_only(tf, vsp, advocate, maria):
    other = factories.organization(tf, "Other Shelter")
    stranger = actions.create_client(other, acting_user=None, legal_name="Someone Else")
    browser = client_for(advocate)
    browser.post("/screenings/new/", _answers(tf, threatened="yes"))
    screening = Screening.objects.get()
    page = browser.get(f"/screenings/{screening.pk}/").content.decode()
    assert "Maria Example" in page and "Someone Else" not in page
    browser.post(f"/screenings/{screening.pk}/link/", {"client": stranger.pk})
    assert Screening.objects.get().client is None
    browser.post(f"/screenings/{screening.pk}/link/", {"client": maria.pk})
    assert Screening.objects.get().client == maria
    assert f"/screenings/{screening.pk}/" in browser.get(f"/clients/{maria.pk}/").content.decode()


def test_a_screening_from_the_client_page_is_linked_at_once(tf, advocate, maria):
    browser = client_for(advocate)
    assert "For Maria Example" in browser.get(f"/screenings/new/?client={maria.pk}").content.decode()
    browser.post("/screenings/new/", {**_answers(tf), "client": maria.pk})
    assert Screening.objects.get().client == maria


def test_another_organization_sees_none_of_the_screenings(tf, advocate, detective):
    client_for(advocate).post("/screenings/new/", _answers(tf, threatened="yes"))
    screening = Screening.objects.get()
    assert "Llamada" not in client_for(detective).get("/screenings/").content.decode()
    assert client_for(detective).get(f"/screenings/{screening.pk}/").status_code == 404
