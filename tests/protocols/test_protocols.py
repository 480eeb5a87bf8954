"""Protocols: who must acknowledge, acknowledgements by version, new versions reset them,
superseded versions refused, templates, the comparison of versions, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications.models import Notification
from ally.protocols import actions, diff, jobs, starters
from ally.protocols.models import IACP_TOPICS, Acknowledgement, Protocol, ProtocolVersion
from ally.protocols.queries import outstanding_acknowledgements, status_of, to_acknowledge
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.protocols.conftest import fresh, publish


def _labels(bound):
    return [b.label for b in bound]


def _told(user):
    return Notification.objects.filter(user=user, kind="protocol.to_acknowledge").count()


def test_publishing_tells_those_who_acknowledge_and_nobody_else(
    vsp_admin, vsp_supervisor, advocate, police_admin, detective, navigator, da, protocol
):
    prosecutor = factories.member(da, "org_admin")
    assert [_told(u) for u in (vsp_admin, vsp_supervisor, police_admin, navigator)] == [1, 1, 1, 1]
    # Plain members, and organizations the protocol does not bind, are not asked.
    assert [_told(u) for u in (advocate, detective, prosecutor)] == [0, 0, 0]
    note = Notification.objects.get(user=navigator)
    assert note.link == reverse("protocol_detail", args=[protocol.pk])
    assert "Information sharing" in note.title and "version 1" in note.title


def test_a_new_version_resets_acknowledgements_and_the_outstanding_list_shows_who(
    tf, protocol, vsp, police, vsp_admin, police_admin, navigator, coordinator
):
    v1 = protocol.current_version
    actions.acknowledge_protocol(v1, acting_user=fresh(vsp_admin), organization=vsp)
    actions.acknowledge_protocol(v1, acting_user=fresh(navigator))
    status = status_of(protocol)
    assert _labels(status.outstanding) == ["Lakeshore Police Department"]
    assert [b.label for b, _ in status.acknowledged] == ["Harbor Survivor Services", "Nia Navigator (Regional navigator)"]
    [item] = outstanding_acknowledgements(tf)
    assert item.version == v1 and [b.organization for b in item.missing] == [police]

    v2 = publish(protocol, coordinator)
    protocol.refresh_from_db()
    assert protocol.current_version == v2 and v2.number == 2
    [item] = outstanding_acknowledgements(tf)
    assert item.version == v2
    assert _labels(item.missing) == ["Harbor Survivor Services", "Lakeshore Police Department", "Nia Navigator (Regional navigator)"]
    assert item.missing[0].organization == vsp and item.missing[2].user == navigator
    # The acknowledgements of version 1 stay with version 1.
    assert Acknowledgement.objects.filter(version=v1).count() == 2
    assert len(status_of(protocol, v1).acknowledged) == 2

    actions.acknowledge_protocol(v2, acting_user=fresh(vsp_admin), organization=vsp)
    actions.acknowledge_protocol(v2, acting_user=fresh(police_admin), organization=police)
    actions.acknowledge_protocol(v2, acting_user=fresh(navigator))
    assert outstanding_acknowledgements(tf) == []


def test_the_coordinator_page_lists_who_has_not_acknowledged(protocol, vsp, vsp_admin, coordinator):
    actions.acknowledge_protocol(protocol.current_version, acting_user=fresh(vsp_admin), organization=vsp)
    publish(protocol, coordinator)
    page = client_for(coordinator).get(reverse("protocol_detail", args=[protocol.pk])).content.decode()
    outstanding = page.split("Not acknowledged yet")[1].split("</ul>")[0]
    assert "Organization: Harbor Survivor Services" in outstanding
    assert "Organization: Lakeshore Police Department" in outstanding
    assert "Person: Nia Navigator" in outstanding
    assert "0 of 3 have acknowledged" in page


def test_acknowledging_a_superseded_version_is_refused_and_nothing_changes(protocol, vsp, vsp_admin, coordinator):
    v1 = protocol.current_version
    publish(protocol, coordinator)
    before = (Acknowledgement.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Conflict, match="superseded"):
        actions.acknowledge_protocol(v1, acting_user=fresh(vsp_admin), organization=vsp)
    assert (Acknowledgement.objects.count(), AuditEvent.objects.count()) == before


def test_a_stale_form_for_a_superseded_version_is_refused(protocol, vsp, vsp_admin, coordinator):
    client = client_for(vsp_admin)
    page = client.get(reverse("protocol_detail", args=[protocol.pk])).content.decode()
    assert "Acknowledge version 1" in page and f'value="org:{vsp.pk}"' in page
    publish(protocol, coordinator)  # meanwhile
    response = client.post(
        reverse("protocol_acknowledge", args=[protocol.pk]),
        {"version": protocol.versions.get(number=1).pk, "acknowledge_as": f"org:{vsp.pk}"}, follow=True,
    )
    assert "Version 1 of this protocol has been superseded" in response.content.decode()
    assert Acknowledgement.objects.count() == 0


def test_the_api_refuses_a_superseded_version(protocol, vsp, vsp_admin, coordinator):
    v1 = protocol.current_version
    v2 = publish(protocol, coordinator)
    api = Api(vsp_admin)
    url = f"/protocols/{protocol.pk}/acknowledgements"
    response = api.post(url, {"version_id": v1.pk, "organization_id": vsp.pk})
    assert response.status_code == 409 and Acknowledgement.objects.count() == 0
    assert "superseded" in response.json()["detail"]
    response = api.post(url, {"version_id": v2.pk, "organization_id": vsp.pk})
    assert response.status_code == 201 and response.json()["version_number"] == 2
    detail = api.get(f"/protocols/{protocol.pk}").json()
    assert [b["bound"]["organization_id"] for b in detail["acknowledged_by"]] == [vsp.pk]
    assert {b["label"] for b in detail["not_acknowledged_by"]} == {"Lakeshore Police Department", "Nia Navigator (Regional navigator)"}


def test_only_a_supervisor_or_administrator_speaks_for_the_organization(
    protocol, vsp, police, advocate, vsp_supervisor, detective, vsp_admin
):
    version = protocol.current_version
    with pytest.raises(NotPermitted):  # a plain member
        actions.acknowledge_protocol(version, acting_user=fresh(advocate), organization=vsp)
    with pytest.raises(NotPermitted):  # not their organization
        actions.acknowledge_protocol(version, acting_user=fresh(vsp_admin), organization=police)
    with pytest.raises(NotPermitted):  # no role the protocol binds
        actions.acknowledge_protocol(version, acting_user=fresh(detective))
    assert Acknowledgement.objects.count() == 0
    ack = actions.acknowledge_protocol(version, acting_user=fresh(vsp_supervisor), organization=vsp)
    assert ack.user == vsp_supervisor and ack.organization == vsp
    with pytest.raises(Conflict, match="already acknowledged"):
        actions.acknowledge_protocol(version, acting_user=fresh(vsp_admin), organization=vsp)
    assert Acknowledgement.objects.count() == 1
    event = AuditEvent.objects.filter(event_type="protocol.acknowledged").get()
    assert event.changes == {"version": 1, "organization": vsp.pk, "personal": False}


def test_an_organization_not_bound_cannot_acknowledge(tf, protocol, da):
    prosecutor_admin = factories.member(da, "org_admin")
    with pytest.raises(InvalidInput, match="does not ask that organization"):
        actions.acknowledge_protocol(protocol.current_version, acting_user=fresh(prosecutor_admin), organization=da)


def test_what_each_person_should_acknowledge(protocol, vsp, vsp_admin, advocate, navigator, coordinator, police_admin):
    assert to_acknowledge(fresh(vsp_admin)) == [protocol.current_version]
    assert to_acknowledge(fresh(navigator)) == [protocol.current_version]
    assert to_acknowledge(fresh(advocate)) == [] and to_acknowledge(fresh(coordinator)) == []
    actions.acknowledge_protocol(protocol.current_version, acting_user=fresh(vsp_admin), organization=vsp)
    assert to_acknowledge(fresh(vsp_admin)) == []
    assert to_acknowledge(fresh(police_admin)) == [protocol.current_version]
    v2 = publish(protocol, coordinator)
    assert to_acknowledge(fresh(vsp_admin)) == [v2]


def test_leadership_creates_and_publishes_others_read_auditors_403_outsiders_404(
    protocol, advocate, co_lead, auditor, outsider, coordinator
):
    assert client_for(advocate).get(reverse("protocol_detail", args=[protocol.pk])).status_code == 200
    assert client_for(advocate).get(reverse("protocol_publish", args=[protocol.pk])).status_code == 403
    assert client_for(advocate).get(reverse("protocol_create")).status_code == 403
    assert client_for(auditor).get(reverse("protocol_list")).status_code == 403
    assert client_for(auditor).get(reverse("protocol_detail", args=[protocol.pk])).status_code == 403
    assert client_for(outsider).get(reverse("protocol_detail", args=[protocol.pk])).status_code == 404
    with pytest.raises(NotPermitted):
        publish(protocol, advocate)
    version = publish(protocol, co_lead)
    assert version.published_by == co_lead
    other = factories.task_force("Elsewhere")
    with pytest.raises(NotVisible):
        actions.create_protocol(other, acting_user=fresh(coordinator), topic="media", title="Media", body="x",
                                effective_on=version.effective_on, required_roles=["navigator"])


def test_bad_protocol_input_is_refused_and_nothing_changes(tf, protocol, coordinator, today):
    before = (Protocol.objects.count(), ProtocolVersion.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput, match="who must acknowledge"):
        actions.create_protocol(tf, acting_user=fresh(coordinator), topic="media", title="Media", body="Text",
                                effective_on=today)
    with pytest.raises(InvalidInput, match="same as the current"):
        actions.publish_version(protocol, acting_user=fresh(coordinator), body=protocol.current_version.body,
                                summary="Nothing", effective_on=today)
    with pytest.raises(InvalidInput, match="before the version it replaces"):
        actions.publish_version(protocol, acting_user=fresh(coordinator), body="New", summary="x",
                                effective_on=today - dt.timedelta(days=1))
    with pytest.raises(Conflict, match="while you were editing"):
        actions.publish_version(protocol, acting_user=fresh(coordinator), body="New", summary="x",
                                effective_on=today, based_on=0)
    with pytest.raises(InvalidInput, match="auditors"):
        actions.create_protocol(tf, acting_user=fresh(coordinator), topic="media", title="Media", body="Text",
                                effective_on=today, required_roles=["auditor"])
    assert (Protocol.objects.count(), ProtocolVersion.objects.count(), AuditEvent.objects.count()) == before


def test_exactly_one_starter_template_per_iacp_topic():
    topics = [s.topic for s in starters.starters()]
    assert sorted(topics) == sorted(t.value for t in IACP_TOPICS)
    assert len({s.id for s in starters.starters()}) == 8
    for starter in starters.starters():
        words = len(starter.body.split())
        assert 300 <= words <= 700, (starter.id, words)
        assert starter.body.startswith("# ") and "\n1. " in starter.body and "[" in starter.body


def test_leadership_starts_a_protocol_from_a_template(tf, coordinator, today, vsp):
    client = client_for(coordinator)
    page = client.get(reverse("protocol_create") + "?template=language-access").content.decode()
    assert "Language access" in page and "[telephone interpreter service" in page
    starter = starters.starter("language-access")
    response = client.post(reverse("protocol_create"), {
        "template": "language-access", "topic": "language_access", "title": "Language access",
        "body": starter.body.replace("[telephone interpreter service, account number]", "LanguageLine, 4411"),
        "effective_on": today.isoformat(), "required_disciplines": ["victim_services", "law_enforcement"],
    })
    protocol = Protocol.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("protocol_detail", args=[protocol.pk])
    assert (protocol.template_id, protocol.template_version) == ("language-access", 1)
    assert "LanguageLine, 4411" in protocol.current_version.body
    page = client.get(response["Location"]).content.decode()
    assert "<h2>Language access</h2>" in page and "<ol><li>" in page  # headings and numbered steps


def test_the_comparison_is_readable_without_colour():
    rows = diff.compare("1. Call the advocate within 2 hours.\nKeep notes.\n", "1. Call the advocate within 1 hour.\nKeep notes.\nNew line <b>.\n")
    assert diff.counts(rows) == {"same": 1, "added": 1, "removed": 0, "changed": 1}
    html = str(diff.render(rows))
    assert "<del><span class=\"diff-marker\">[−</span>2 hours.<span" in html
    assert "<ins><span class=\"diff-marker\">[+</span>1 hour.<span" in html
    assert "1. Call the advocate within <del>" in html
    assert "Changed line:" in html and "Added line:" in html
    assert "&lt;b&gt;" in html and "<b>" not in html  # text is escaped


def test_the_comparison_page_and_api(protocol, coordinator, advocate):
    publish(protocol, coordinator)
    client = client_for(advocate)
    page = client.get(reverse("protocol_diff", args=[protocol.pk]) + "?from=1&to=2").content.decode()
    assert "From version 1 to version 2" in page and "<ins>" in page and "<del>" in page
    api = Api(advocate)
    data = api.get(f"/protocols/{protocol.pk}/diff", from_number=1, to_number=2).json()
    assert data["counts"]["removed"] + data["counts"]["changed"] > 0 and "<ins>" in data["html"]
    assert api.get(f"/protocols/{protocol.pk}/diff", from_number=1, to_number=9).status_code == 404


def test_monday_reminders_to_those_outstanding_after_seven_days(tf, protocol, vsp, vsp_admin, police_admin, navigator):
    actions.acknowledge_protocol(protocol.current_version, acting_user=fresh(vsp_admin), organization=vsp)
    published = protocol.current_version.published_at.date()
    monday_soon = published + dt.timedelta(days=(7 - published.weekday()) % 7 or 7)
    if (monday_soon - published).days < 7:
        assert jobs.remind_acknowledgements(tf, monday_soon) == 0
        monday_soon += dt.timedelta(days=7)
    assert jobs.remind_acknowledgements(tf, monday_soon + dt.timedelta(days=1)) == 0  # a Tuesday
    Notification.objects.all().delete()
    assert jobs.remind_acknowledgements(tf, monday_soon) == 1
    reminded = set(Notification.objects.values_list("user__full_name", flat=True))
    assert reminded == {"Pat Admin", "Nia Navigator"}  # not the provider, which acknowledged


def test_list_queries_do_not_grow_with_protocols(tf, coordinator, vsp, police, navigator, today):
    def make(n):
        for i in range(n):
            actions.create_protocol(tf, acting_user=None, topic="media", title=f"P{i}", body="x", effective_on=today,
                                    required_organizations=[vsp], required_disciplines=["law_enforcement"],
                                    required_roles=["navigator"])

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client_for(coordinator).get(reverse("protocol_list"))
            outstanding_acknowledgements(tf)
            api.get("/protocols")
        return len(ctx.captured_queries)

    api = Api(coordinator)
    make(2)
    count()
    few = count()
    make(4)
    assert count() == few


@time_machine.travel(dt.datetime(2025, 3, 3, 15, tzinfo=dt.UTC), tick=False)
def test_the_api_creates_from_a_template_and_publishes(tf, coordinator, vsp):
    client = Api(coordinator)
    response = client.post("/protocols", {
        "template_id": "media", "effective_on": "2025-03-03", "organization_ids": [vsp.pk],
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Working with the media" and body["current_version"]["number"] == 1
    response = client.post(f"/protocols/{body['id']}/versions", {
        "body": "Only the coordinator speaks.", "summary": "Shorter.", "effective_on": "2025-03-10", "based_on": 1,
    })
    assert response.status_code == 201 and response.json()["current_version"]["number"] == 2
    assert len(client.get("/protocol-templates").json()) == 8


def test_a_title_with_a_phone_number_is_not_put_in_notifications(tf, vsp_admin, vsp, today):
    protocol = actions.create_protocol(tf, acting_user=None, topic="other", title="Hotline 608-555-0100",
                                       body="Call it.", effective_on=today, required_organizations=[vsp])
    note = Notification.objects.get(user=vsp_admin)
    assert "555" not in note.title and f"#{protocol.pk}" in note.title
