"""Editing shows every field of the record, grouped as consents speak of them."""

from __future__ import annotations

import pytest

from ally.core.errors import InvalidInput
from ally.survivors import actions
from ally.survivors.models import Client
from tests.conftest import client_for


@pytest.fixture
def maria(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="labor")


def test_the_edit_page_has_every_group_and_the_fields_intake_leaves_for_later(maria, advocate):
    page = client_for(advocate).get(f"/clients/{maria.pk}/edit/").content.decode()
    for legend in ("Identity", "Contact and location", "Demographics", "Trafficking details", "Legal and immigration", "Services and case"):
        assert f"<legend>{legend}</legend>" in page
    for name in ("aliases", "languages", "disabilities", "recruitment_methods", "age_when_trafficked", "status_determined_by"):
        assert f'name="{name}"' in page
    intake = client_for(advocate).get("/clients/new/").content.decode()
    assert 'name="aliases"' not in intake and 'name="legal_name"' in intake


def test_aliases_languages_and_recruitment_round_trip(maria, advocate):
    response = client_for(advocate).post(f"/clients/{maria.pk}/edit/", {
        "legal_name": "Maria Example", "aliases": "Mari\n  \nLa Güera ", "languages": "Spanish, K'iche', ",
        "recruitment_methods": ["ThroughOnlineSocialNetworks"], "trafficking_type": "labor", "case_status": "Active",
        "intake_date": maria.intake_date.isoformat(), "version": maria.version,
    })
    assert response.status_code == 302
    maria = Client.objects.get(pk=maria.pk)
    assert maria.aliases == ["Mari", "La Güera"] and maria.languages == ["Spanish", "K'iche'"]
    assert maria.recruitment_methods == ["ThroughOnlineSocialNetworks"]
    page = client_for(advocate).get(f"/clients/{maria.pk}/edit/").content.decode()
    assert "Mari\nLa Güera" in page and "Spanish, K&#x27;iche&#x27;" in page


def test_a_list_field_with_something_other_than_text_is_refused(maria):
    with pytest.raises(InvalidInput):
        actions.update_client(maria, version=maria.version, acting_user=None, aliases=[{"name": "x"}])
    with pytest.raises(InvalidInput):
        actions.update_client(maria, version=maria.version, acting_user=None, recruitment_methods=["Kidnapped by aliens"])
    assert Client.objects.get(pk=maria.pk).version == maria.version
