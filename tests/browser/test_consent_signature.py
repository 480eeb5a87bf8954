"""The survivor signs the consent on the screen; the drawing is kept as the signed form."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ally.survivors.actions import create_client
from ally.survivors.models import Consent
from tests import factories
from tests.browser.conftest import sign_in


def test_an_in_person_e_signature_is_drawn_and_kept(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    avery = factories.person("Avery Advocate", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(avery, secret)
    factories.member(vsp, "member", user=avery)
    maria = create_client(vsp, acting_user=avery, legal_name="Maria Example", trafficking_type="labor")
    page = new_page()
    sign_in(page, avery.email, factories.PASSWORD, secret)

    page.goto(f"/clients/{maria.pk}/consents/new/")
    page.get_by_label(police.name).check()
    page.get_by_label("Identity").check()
    page.get_by_label("Coordination with law enforcement").check()
    page.get_by_label("How it was signed").select_option("in_person_esignature")
    box = page.locator(".signature-pad canvas")
    assert box.is_visible()
    box.scroll_into_view_if_needed()
    area = box.bounding_box()
    page.mouse.move(area["x"] + 20, area["y"] + 40)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(area["x"] + 20 + step * 25, area["y"] + 40 + (step % 3) * 15)
    page.mouse.up()
    assert page.locator("#id_signature_image").input_value().startswith("data:image/png;base64,")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Consent recorded.").is_visible()
    consent = Consent.objects.get()
    assert consent.attachment.name.endswith(".png")
    with consent.attachment.open("rb") as signed:
        assert signed.read(8) == b"\x89PNG\r\n\x1a\n"
