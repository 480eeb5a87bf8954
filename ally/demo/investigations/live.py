"""What happens near "now" goes through the actions, so notifications and audit events exist:
a fresh investigation of the local detective with a deconfliction hit, tips assigned to the
personas, planned operations (one conflict, a heads-up to the lead provider), prosecution
referrals waiting for the district attorney, victims linked through consented shares and
upcoming court events their advocates hear of."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from ally.demo.investigations import data
from ally.demo.investigations.cases import InvPlan
from ally.demo.investigations.context import Context
from ally.investigations import actions
from ally.investigations.models import IdentifiedVictim, Investigation
from ally.prosecutions import actions as prosecution_actions
from ally.prosecutions.models import ProsecutionCase, ProsecutionReferral
from ally.survivors.models import Client, Share

LINK_SHARE = 0.25  # of the clients shared with an investigating agency, how many it links to a victim
def run_live(ctx: Context, plans: list[InvPlan]) -> None:
    _tips(ctx)
    investigation = _fresh_investigation(ctx, plans)
    _operations(ctx, investigation)
    _referrals(ctx, plans)
    _links(ctx, court_events=True)


def _tips(ctx: Context) -> None:
    for org, persona in (("pd1", "investigator_local"), ("sbi", "investigator_state")):
        if org not in ctx.orgs or persona not in ctx.users:
            continue
        for hours in (5, 30):
            tip = actions.receive_tip(ctx.orgs[org], acting_user=None, source="hotline",
                                      received_at=ctx.now - dt.timedelta(hours=hours),
                                      narrative=data.NARRATIVES["sex"][hours % 5], location=ctx.city(org)[0],
                                      trafficking_type="sex", indicators=["sex_advertised_online"])  # fmt: skip
            actions.triage_tip(tip, acting_user=None, status="assigned", assigned_to=ctx.users[persona])


def _fresh_investigation(ctx: Context, plans: list[InvPlan]) -> Investigation | None:
    if "pd1" not in ctx.orgs or "investigator_local" not in ctx.users:
        return None
    detective = ctx.users["investigator_local"]
    city, zip_code, _county, area = ctx.city("pd1")
    investigation = actions.open_investigation(
        ctx.orgs["pd1"], acting_user=None, title=f"Online advertisements — {city}", trafficking_type="sex",
        industry="commercial_sex_online", opened_on=ctx.today - dt.timedelta(days=6), lead_investigator=detective,
        suspicion_basis=data.SUSPICION["sex"],
    )  # fmt: skip
    subject, _hits = actions.add_subject(investigation, acting_user=None, given_name="Marcus", family_name="Delaney",
                                         date_of_birth=dt.date(1988, 5, 17), roles=["Exploiter"], gender="Masculine")  # fmt: skip
    actions.add_identifier(investigation, acting_user=None, kind="phone", value=f"({area}) 555-0142", subject=subject)
    actions.add_identifier(investigation, acting_user=None, kind="account", value="@mdelaney_vip",
                           details={"platform": "instagram"}, subject=subject)  # fmt: skip
    actions.add_identifier(investigation, acting_user=None, kind="address", value="1200 Lake Street",
                           details={"city": city, "state": ctx.code, "zip": zip_code})  # fmt: skip
    # The same phone an open state investigation holds, written otherwise: a hit, both told.
    other = next((p for p in reversed(plans)
                  if p.org == "sbi" and p.status in ("open", "active") and p.row and "pd1" not in p.partners), None)
    if other is not None:
        phone = next((i for i in other.idents if i.kind == "phone"), None)
        if phone is not None:
            digits = "".join(c for c in phone.value if c.isdigit())
            actions.add_identifier(investigation, acting_user=None, kind="phone",
                                   value=f"+1 {digits[:3]}.{digits[3:6]}.{digits[6:]}", subject=subject)  # fmt: skip
    actions.identify_victim(investigation, acting_user=None, given_name="Destiny", family_name="Brooks",
                            is_minor=False, gender="Feminine", citizenship="us_citizen", trafficking_type="sex",
                            languages="English", identified_on=ctx.today - dt.timedelta(days=4))  # fmt: skip
    return investigation


def _operations(ctx: Context, investigation: Investigation | None) -> None:
    start = (ctx.now + dt.timedelta(days=9)).astimezone(ctx.zone).replace(hour=19, minute=0, second=0, microsecond=0)
    if investigation is not None:
        city = ctx.city("pd1")[0]
        lat, lon = data.CITY_COORDS.get(city, (44.5, -89.5))
        operation, _c = actions.plan_operation(
            ctx.orgs["pd1"], acting_user=None, investigation=investigation, kind="sting", name="Operation Lantern",
            starts_at=start, ends_at=start + dt.timedelta(hours=5), location=f"Motel district, {city}", latitude=lat,
            longitude=lon, radius_m=400, contact=ctx.users["investigator_local"], expected_victims=4,
            expected_genders=["Feminine"], expected_languages="English, Spanish", minors_expected=True,
        )  # fmt: skip
        if "lead_vsp" in ctx.orgs:
            actions.send_heads_up(operation, ctx.orgs["lead_vsp"], acting_user=None)
        if "sbi" in ctx.orgs:  # the state bureau plans surveillance 300 m away at the same time
            actions.plan_operation(
                ctx.orgs["sbi"], acting_user=None, kind="surveillance", name="Operation Northern Reach",
                starts_at=start + dt.timedelta(hours=1), ends_at=start + dt.timedelta(hours=8),
                latitude=lat + 0.0027, longitude=lon, radius_m=250, contact=ctx.users.get("investigator_state"),
            )  # fmt: skip
    for n, org in enumerate(a for a in ctx.agencies if a not in ("pd1",)):
        begin = start + dt.timedelta(days=3 + 5 * n, hours=-8)
        lat, lon = ctx.coords(ctx.city(org)[0])
        actions.plan_operation(
            ctx.orgs[org], acting_user=None, kind="inspection" if org in data.LABOR_AGENCIES else "arrest_warrant",
            name=f"Operation {data.OPERATION_NAMES[n % len(data.OPERATION_NAMES)]}", starts_at=begin,
            ends_at=begin + dt.timedelta(hours=4), latitude=lat, longitude=lon, radius_m=300,
            contact=ctx.users[ctx.person_of(org)], expected_victims=2 if org in data.LABOR_AGENCIES else 0,
        )  # fmt: skip


def _referrals(ctx: Context, plans: list[InvPlan]) -> None:
    """A few of the local police's cases with arrests go to the district attorney this week."""
    if "pd1" not in ctx.orgs or "da1" not in ctx.orgs:
        return
    referred = set(ProsecutionReferral.objects.filter(task_force=ctx.task_force).values_list("investigation_id", flat=True))
    waiting = [p for p in plans if p.org == "pd1" and p.row and p.row.pk not in referred and p.status in ("open", "active")
               and any(s.arrested_on for s in p.subjects)]  # fmt: skip
    for n, plan in enumerate(waiting[-3:]):
        assert plan.row is not None
        referral = prosecution_actions.refer_for_prosecution(
            plan.row, ctx.orgs["da1"], acting_user=None,
            summary="Arrest made; two victims identified and in services; phone extraction pending.",
        )  # fmt: skip
        sent = ctx.now - dt.timedelta(hours=6 + 20 * n)
        ProsecutionReferral.objects.filter(pk=referral.pk).update(sent_at=sent, sent_by=ctx.users[plan.lead])


def _links(ctx: Context, *, court_events: bool) -> None:
    """Victims linked to clients whose shares to an agency working the case are in force, and the
    upcoming court events of their cases (the advocates are told)."""
    investigating = [ctx.orgs[k].pk for k in ctx.agencies]
    shares = list(
        Share.objects.filter(
            task_force=ctx.task_force, recipient_id__in=investigating, revoked_at=None, expires_on__gte=ctx.today,
            consent__revoked_at=None, consent__signed_on__lte=ctx.today, consent__expires_on__gte=ctx.today,
            consent__recipients=F("recipient"), client__deleted_at=None,
        ).select_related("client").order_by("pk").distinct()
    )  # fmt: skip
    advocate = ctx.users.get("advocate")
    mine = set(Client.objects.filter(advocates=advocate).values_list("pk", flat=True)) if advocate else set()
    shares.sort(key=lambda s: (s.client_id not in mine, s.pk))
    used_clients: set[int] = set()
    for n, share in enumerate(shares):
        if share.client_id in used_clients or (n > 0 and ctx.rng.random() > LINK_SHARE):
            continue
        victims = IdentifiedVictim.objects.filter(
            investigation__task_force=ctx.task_force, client=None, removed_at=None,
        ).filter(investigation__organization_id=share.recipient_id) | IdentifiedVictim.objects.filter(
            investigation__task_force=ctx.task_force, client=None, removed_at=None,
            investigation__partners__organization_id=share.recipient_id, investigation__partners__removed_at=None,
        )  # fmt: skip
        with_case = victims.filter(case_links__case__status__in=("charged", "trial")).order_by("pk").first()
        victim = with_case or victims.order_by("-investigation__opened_on", "pk").first()
        if victim is None:
            continue
        client = share.client
        given, _sep, family = client.legal_name.partition(" ")
        IdentifiedVictim.objects.filter(pk=victim.pk).update(given_name=given[:100], family_name=family[:100],
                                                             date_of_birth=client.date_of_birth)  # fmt: skip
        victim.refresh_from_db()
        actions.link_victim(victim, share.client_id, acting_user=None, share=share)
        used_clients.add(share.client_id)
        case = ProsecutionCase.objects.filter(victims__victim=victim, status__in=("charged", "trial")).first()
        if case is not None and court_events:
            day = ctx.after(ctx.today, 5, 40)
            prosecution_actions.schedule_court_event(
                case, acting_user=None, kind="motion_hearing", starts_at=ctx.at(day, 10),
                place=f"{case.court}, Courtroom {ctx.rng.randint(1, 12)}", victim_testimony_expected=ctx.rng.random() < 0.3,
            )  # fmt: skip

