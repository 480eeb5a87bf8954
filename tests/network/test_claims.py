"""Reimbursement: one live claim line per service, exact balances, and who reviews what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.network import actions
from ally.network.actions import claims as claim_actions
from ally.network.models import ClaimLine, ReimbursementClaim
from ally.network.queries import award_totals
from ally.survivors import care
from tests import factories
from tests.conftest import client_for
from tests.network.conftest import award, claim, fresh, services


@pytest.fixture
def sub_award(shelter, today):
    return award(shelter, today, "1000.00")


def test_a_claim_lists_its_services_as_numbered_lines(shelter, shelter_admin, sub_award, today):
    delivered = services(shelter, today, "40.00", "25.50")
    made = actions.submit_claim(
        shelter, acting_user=fresh(shelter_admin), period_start=today - dt.timedelta(days=7), period_end=today,
        service_ids=[s.pk for s in delivered], reference="INV-7",
    )
    lines = list(made.lines.all())
    assert [(line.number, line.cost, line.delivered_on) for line in lines] == [
        (1, Decimal("25.50"), today - dt.timedelta(days=1)), (2, Decimal("40.00"), today),
    ]
    assert made.sub_award == sub_award
    event = AuditEvent.objects.get(event_type="claim.submitted")
    assert event.changes["total"] == "65.50" and event.organization_id == shelter.pk


def test_a_claim_line_for_a_service_already_claimed_is_refused_and_nothing_is_saved(shelter, sub_award, today):
    first, second = services(shelter, today, "40.00", "10.00")
    claim(shelter, today, [first])
    with pytest.raises(Conflict, match="already claimed"):
        claim(shelter, today, [second, first])
    assert ReimbursementClaim.objects.count() == 1 and ClaimLine.objects.count() == 1


def test_a_rejected_service_may_be_claimed_again(shelter, sub_award, today):
    (service,) = services(shelter, today, "40.00")
    line = claim(shelter, today, [service]).lines.get()
    actions.decide_claim_line(line, acting_user=None, decision="rejected", reason="No receipt attached.")
    again = claim(shelter, today, [service])
    assert again.lines.get().decision == "pending"


def test_the_database_refuses_a_second_live_line_for_a_service(shelter, sub_award, today, monkeypatch):
    """Two claims at the same moment both pass the action's check; the unique index settles it."""
    (service,) = services(shelter, today, "40.00")
    made = claim(shelter, today, [service])
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(
            task_force_id=shelter.task_force_id, claim=made, number=2, service=service,
            delivered_on=today, category="transportation", units=1, unit="trips", cost=Decimal("40.00"),
        )
    # The racing claim did its check before the first one committed: it sees nothing claimed.
    real_filter = ClaimLine.objects.filter
    monkeypatch.setattr(
        claim_actions.ClaimLine.objects, "filter", lambda *a, **k: real_filter(pk__in=[])  # type: ignore[misc]
    )
    with pytest.raises(Conflict, match="already claimed"):
        claim(shelter, today, [service])
    monkeypatch.undo()
    assert ReimbursementClaim.objects.count() == 1


def test_a_corrected_or_withdrawn_service_cannot_be_claimed(shelter, sub_award, today):
    withdrawn, corrected = services(shelter, today, "40.00", "30.00")
    care.correct_service(withdrawn, acting_user=None, reason="Recorded twice.")
    replacement = care.correct_service(corrected, acting_user=None, reason="It cost less.", cost=Decimal("20.00"))
    for service in (withdrawn, corrected):
        with pytest.raises(InvalidInput, match="corrected or withdrawn"):
            claim(shelter, today, [service])
    assert claim(shelter, today, [replacement]).lines.get().cost == Decimal("20.00")


def test_a_service_withdrawn_after_it_was_claimed_cannot_be_approved(shelter, sub_award, today):
    (service,) = services(shelter, today, "40.00")
    line = claim(shelter, today, [service]).lines.get()
    care.correct_service(service, acting_user=None, reason="Recorded in error.")
    with pytest.raises(InvalidInput, match="reject the line"):
        actions.decide_claim_line(line, acting_user=None, decision="approved")
    actions.decide_claim_line(line, acting_user=None, decision="rejected", reason="Withdrawn by the provider.")


def test_only_the_providers_own_costed_services_in_the_period_are_claimable(tf, shelter, sub_award, today):
    other = factories.organization(tf, "Other Shelter")
    (theirs,) = services(other, today, "40.00")
    (old,) = services(shelter, today - dt.timedelta(days=200), "40.00")
    (free,) = services(shelter, today, "0.00")
    with pytest.raises(InvalidInput, match="recorded as given by itself"):
        claim(shelter, today, [theirs])
    with pytest.raises(InvalidInput, match="No sub-award"):
        claim(shelter, today - dt.timedelta(days=100), [old])
    with pytest.raises(InvalidInput, match="no cost"):
        claim(shelter, today, [free])


def test_the_balance_is_exact_to_the_cent(shelter, today):
    sub_award = award(shelter, today, "1000.30")
    delivered = services(shelter, today, "0.10", "0.20", "333.33", "333.33", "333.33", "99.99")
    lines = list(claim(shelter, today, delivered).lines.order_by("cost", "number"))
    decisions = {"0.10": "approved", "0.20": "approved", "99.99": "rejected"}
    for line in lines:
        verdict = decisions.get(str(line.cost), "approved")
        actions.decide_claim_line(line, acting_user=None, decision=verdict, reason="No receipt." if verdict == "rejected" else "")
    totals = award_totals(sub_award)
    assert totals.approved == Decimal("1000.29")  # 0.10 + 0.20 + 3 × 333.33, not a float's 1000.2900000000001
    assert totals.rejected == Decimal("99.99") and totals.pending == Decimal("0.00")
    assert totals.remaining == Decimal("0.01") and totals.remaining.as_tuple().exponent == -2


def test_an_approval_beyond_the_budget_is_refused(shelter, today):
    small = award(shelter, today, "50.00")
    first, second = services(shelter, today, "30.00", "25.00")
    line_a, line_b = claim(shelter, today, [first, second]).lines.order_by("number")
    actions.decide_claim_line(line_a, acting_user=None, decision="approved")
    with pytest.raises(Conflict, match=r"\$25.00 remains"):
        actions.decide_claim_line(line_b, acting_user=None, decision="approved")  # 30.00 of 50.00
    assert award_totals(small).approved == Decimal("25.00")
    with pytest.raises(Conflict, match="already decided"):
        actions.decide_claim_line(line_a, acting_user=None, decision="rejected", reason="Oops")


def test_a_rejection_says_why(shelter, sub_award, today):
    line = claim(shelter, today, services(shelter, today, "40.00")).lines.get()
    with pytest.raises(InvalidInput, match="why"):
        actions.decide_claim_line(line, acting_user=None, decision="rejected")
    line.refresh_from_db()
    assert line.decision == "pending"


def test_who_reviews_a_claim(shelter, shelter_admin, south, south_navigator, north_navigator, coordinator, sub_award, today):
    made = claim(shelter, today, services(shelter, today, "40.00", "10.00"))
    first, second = made.lines.order_by("number")
    # A navigator of another region does not see the claim at all.
    with pytest.raises(NotVisible):
        actions.decide_claim_line(first, acting_user=fresh(north_navigator), decision="approved")
    north_page = client_for(north_navigator)
    assert north_page.get(f"/claims/{made.pk}/").status_code == 404
    assert north_page.post(f"/claim-lines/{first.pk}/decide/", {"decision": "approved"}).status_code == 404
    # The provider's own admin reads it but does not decide it.
    assert client_for(shelter_admin).post(f"/claim-lines/{first.pk}/decide/", {"decision": "approved"}).status_code == 403
    with pytest.raises(NotPermitted):
        actions.decide_claim_line(first, acting_user=fresh(shelter_admin), decision="approved")
    # The navigator of its region and the coordinator decide.
    response = client_for(south_navigator).post(f"/claim-lines/{first.pk}/decide/", {"decision": "approved"})
    assert response.status_code == 302
    actions.decide_claim_line(second, acting_user=fresh(coordinator), decision="rejected", reason="Duplicate trip.")
    assert [line.decision for line in made.lines.order_by("number")] == ["approved", "rejected"]
    event = AuditEvent.objects.filter(event_type="claim.line_decided").first()
    assert "Duplicate" not in str(event.changes)


def test_a_navigator_does_not_decide_claims_of_their_own_organization(shelter, south, sub_award, today):
    insider = factories.member(shelter, "member")
    factories.role(shelter.task_force, "navigator", insider, regions=[south])
    line = claim(shelter, today, services(shelter, today, "40.00")).lines.get()
    with pytest.raises(NotPermitted):
        actions.decide_claim_line(line, acting_user=fresh(insider), decision="approved")


def test_the_reviewer_sees_lines_but_never_the_client(shelter, shelter_admin, south_navigator, sub_award, today):
    delivered = services(shelter, today, "40.00", name="Rosalind Secretname")
    made = claim(shelter, today, delivered)
    reviewer_page = client_for(south_navigator).get(f"/claims/{made.pk}/").content.decode()
    assert "$40.00" in reviewer_page and "Transportation" in reviewer_page
    client_id = delivered[0].client_id
    for secret in ("Secretname", "Drove her", f"/clients/{client_id}/", f"Client #{client_id}"):
        assert secret not in reviewer_page
    admin_page = client_for(shelter_admin).get(f"/claims/{made.pk}/").content.decode()
    assert f"/clients/{client_id}/" in admin_page


def test_only_its_admins_submit_claims(shelter, shelter_advocate, coordinator, sub_award, today):
    (service,) = services(shelter, today, "40.00")
    for person in (shelter_advocate, coordinator):
        with pytest.raises(NotPermitted):
            actions.submit_claim(
                shelter, acting_user=fresh(person), period_start=today, period_end=today, service_ids=[service.pk]
            )


def test_the_claim_page_submits_through_the_action(shelter, shelter_admin, sub_award, today):
    delivered = services(shelter, today, "40.00", "12.50")
    browser = client_for(shelter_admin)
    page = browser.get(f"/providers/{shelter.pk}/claims/new/?period_start={(today - dt.timedelta(days=5)).isoformat()}&period_end={today.isoformat()}")
    assert "$12.50" in page.content.decode()
    response = browser.post(
        f"/providers/{shelter.pk}/claims/new/",
        {"period_start": (today - dt.timedelta(days=5)).isoformat(), "period_end": today.isoformat(), "services": [delivered[1].pk]},
    )
    made = ReimbursementClaim.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/claims/{made.pk}/"
    assert made.lines.get().cost == Decimal("12.50")


def test_sub_awards_belong_to_the_coordinator_and_keep_their_approvals(shelter, shelter_admin, coordinator, sub_award, today):
    with pytest.raises(NotPermitted):
        actions.create_sub_award(
            shelter, acting_user=fresh(shelter_admin), budget=Decimal("9999"), starts_on=today, ends_on=today
        )
    with pytest.raises(Conflict, match="covers part of that period"):
        award(shelter, today)
    line = claim(shelter, today, services(shelter, today, "400.00")).lines.get()
    actions.decide_claim_line(line, acting_user=None, decision="approved")
    with pytest.raises(Conflict, match="cannot be less"):
        actions.update_sub_award(sub_award, acting_user=fresh(coordinator), budget=Decimal("399.99"))
    with pytest.raises(Conflict, match="outside that period"):
        actions.update_sub_award(sub_award, acting_user=fresh(coordinator), ends_on=today - dt.timedelta(days=1))
    changed = actions.update_sub_award(sub_award, acting_user=fresh(coordinator), budget=Decimal("400.00"))
    assert award_totals(changed).remaining == Decimal("0.00")
    with pytest.raises(InvalidInput, match="two decimal places"):
        actions.update_sub_award(sub_award, acting_user=None, budget=Decimal("400.001"))
