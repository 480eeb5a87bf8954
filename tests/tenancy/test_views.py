"""What people see on the organization, member, directory and task-force pages."""

from __future__ import annotations

from ally.tenancy.models import Organization
from tests import factories
from tests.conftest import client_for


def _results(response) -> str:
    """The directory's result rows, without the page's header (which names the viewer)."""
    page = response.content.decode()
    return page[page.index("<tbody"):page.index("</tbody>")] if "<tbody" in page else ""


def test_the_directory_finds_people_by_name_discipline_region_and_organization(tf, vsp, police, advocate, detective, coordinator):
    north = factories.region(tf, "North")
    from ally.tenancy.actions import update_organization

    update_organization(police, regions_served=[north], acting_user=None)
    client = client_for(coordinator)
    assert "Dana Detective" in _results(client.get("/directory/", {"q": "dana"}))
    by_discipline = _results(client.get("/directory/", {"discipline": "law_enforcement"}))
    assert "Dana Detective" in by_discipline and "Avery Advocate" not in by_discipline
    by_region = _results(client.get("/directory/", {"region": north.pk}))
    assert "Dana Detective" in by_region and "Avery Advocate" not in by_region
    by_org = _results(client.get("/directory/", {"organization": vsp.pk}))
    assert "Avery Advocate" in by_org and "Dana Detective" not in by_org


def test_the_directory_costs_the_same_queries_for_10_or_40_people(tf, vsp, advocate, django_assert_max_num_queries):
    client = client_for(advocate)
    for _ in range(10):
        factories.member(vsp)
    client.get("/directory/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ten:
        client.get("/directory/")
    for _ in range(30):
        factories.member(vsp)
    with CaptureQueriesContext(connection) as forty:
        client.get("/directory/")
    assert len(forty) == len(ten)


def test_the_organization_list_costs_the_same_queries_for_more_organizations(tf, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)
    region = factories.region(tf)
    factories.organization(tf, regions_served=[region])
    client.get("/organizations/")
    with CaptureQueriesContext(connection) as one:
        client.get("/organizations/")
    for _ in range(10):
        factories.organization(tf, regions_served=[region])
    with CaptureQueriesContext(connection) as eleven:
        client.get("/organizations/")
    assert len(eleven) == len(one)


def test_the_directory_is_not_for_auditors(tf, vsp, advocate):
    auditor = factories.role(tf, "auditor")
    response = client_for(auditor).get("/directory/")
    assert response.status_code == 403
    assert "Avery Advocate" not in response.content.decode()


def test_a_duplicate_organization_name_shows_a_clear_error(tf, vsp, coordinator):
    response = client_for(coordinator).post(
        "/organizations/new/",
        {"name": "HARBOR survivor services", "discipline": "community", "jurisdiction": "local"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Organization.objects.filter(name__iexact="harbor survivor services").count() == 1


def test_the_coordinator_adds_an_organization(tf, coordinator):
    response = client_for(coordinator).post(
        "/organizations/new/",
        {"name": "Northwoods Legal Aid", "discipline": "victim_services", "jurisdiction": "state"},
    )
    org = Organization.objects.get(name="Northwoods Legal Aid")
    assert response["Location"] == f"/organizations/{org.pk}/"


def test_home_tells_an_admin_about_pending_invitations(vsp, vsp_admin):
    from ally.tenancy.actions import invite_member

    invite_member(vsp, email="a@example.org", acting_user=vsp_admin)
    page = client_for(vsp_admin).get("/").content.decode()
    assert "1 invitation is waiting to be accepted" in page


def test_home_for_someone_with_no_membership_shows_no_task_force(outsider, tf, vsp):
    page = client_for(outsider).get("/").content.decode()
    assert tf.name not in page and vsp.name not in page


def test_a_member_sees_colleagues_on_the_organization_page_but_an_auditor_does_not(tf, vsp, advocate, detective):
    assert "Avery Advocate" in client_for(detective).get(f"/organizations/{vsp.pk}/").content.decode()
    auditor = factories.role(tf, "auditor")
    page = client_for(auditor).get(f"/organizations/{vsp.pk}/").content.decode()
    assert vsp.name in page and "Avery Advocate" not in page


def test_the_coordinator_grants_a_navigator_role_for_regions(tf, vsp, coordinator, advocate):
    north = factories.region(tf, "North")
    response = client_for(coordinator).post(
        "/task-force/", {"role-email": advocate.email, "role-role": "navigator", "role-regions": [north.pk]}
    )
    assert response.status_code == 302
    page = client_for(advocate).get("/task-force/").content.decode()
    assert "Avery Advocate" in page and "North" in page


def test_granting_a_role_to_a_stranger_is_refused(tf, coordinator, outsider):
    response = client_for(coordinator).post(
        "/task-force/", {"role-email": outsider.email, "role-role": "co_lead"}
    )
    assert response.status_code == 200
    assert "No member of this task force has that email" in response.content.decode()


def test_switching_language_shows_spanish(advocate):
    client = client_for(advocate)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    page = client.get("/organizations/").content.decode()
    assert 'lang="es"' in page
    assert "Organizaciones" in page


def test_a_person_sees_their_profile_language(advocate):
    advocate.preferred_language = "es"
    advocate.save()
    page = client_for(advocate).get("/organizations/").content.decode()
    assert 'lang="es"' in page


def test_the_language_switch_wins_over_the_profile(advocate):
    advocate.preferred_language = "es"
    advocate.save()
    client = client_for(advocate)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/organizations/").content.decode()


def test_the_audit_log_reads_as_before_and_after(vsp, vsp_admin, advocate):
    from ally.tenancy.actions import change_member_role
    from ally.tenancy.models import Membership

    change_member_role(Membership.objects.get(user=advocate), role="supervisor", acting_user=vsp_admin)
    page = client_for(vsp_admin).get("/audit/").content.decode()
    assert "member → supervisor" in page


LIMITS = {
    "consent_default_days": "180", "consent_max_days": "365", "ack_emergency_minutes": "60",
    "ack_urgent_business_days": "1", "ack_routine_business_days": "3", "small_cell_threshold": "5",
}


def test_the_coordinator_sets_consent_lengths_and_referral_targets(tf, coordinator):
    values = {"name": tf.name, "kind": tf.kind, "states": "WI", "time_zone": "America/Chicago"}
    limits = {**LIMITS, "consent_max_days": "200", "ack_emergency_minutes": "30"}
    assert client_for(coordinator).post("/task-force/edit/", {**values, **limits}).status_code == 302
    tf.refresh_from_db()
    assert (tf.consent_max_days, tf.ack_emergency_minutes) == (200, 30)
    response = client_for(coordinator).post("/task-force/edit/", {**values, **limits, "consent_default_days": "300"})
    assert "cannot be longer than the longest consent" in response.content.decode()
    tf.refresh_from_db()
    assert tf.consent_default_days == 180


def test_the_coordinator_sets_the_small_cell_threshold_but_never_2(tf, coordinator):
    values = {"name": tf.name, "kind": tf.kind, "states": "WI", "time_zone": "America/Chicago"}
    assert client_for(coordinator).post("/task-force/edit/", {**values, **LIMITS, "small_cell_threshold": "11"}).status_code == 302
    tf.refresh_from_db()
    assert tf.small_cell_threshold == 11
    response = client_for(coordinator).post("/task-force/edit/", {**values, **LIMITS, "small_cell_threshold": "2"})
    assert "a hidden count could only be 1" in response.content.decode()
    tf.refresh_from_db()
    assert tf.small_cell_threshold == 11


def test_the_coordinator_edits_the_task_force_and_its_co_leads(tf, vsp, police, coordinator):
    response = client_for(coordinator).post(
        "/task-force/edit/",
        {
            "name": "Lakeshore Regional Task Force",
            "kind": "regional",
            "states": "wi, MN",
            "time_zone": "America/Chicago",
            "co_lead_organizations": [vsp.pk, police.pk],
            **LIMITS,
        },
    )
    assert response.status_code == 302
    tf.refresh_from_db()
    assert (tf.name, tf.kind, tf.states) == ("Lakeshore Regional Task Force", "regional", ["MN", "WI"])
    assert set(tf.co_lead_organizations.all()) == {vsp, police}


def test_a_bad_time_zone_is_explained_and_nothing_changes(tf, coordinator):
    response = client_for(coordinator).post(
        "/task-force/edit/",
        {"name": "Renamed", "kind": "statewide", "states": "WI", "time_zone": "Lake/Shore", **LIMITS},
    )
    assert response.status_code == 200
    assert "Unknown time zone" in response.content.decode()
    tf.refresh_from_db()
    assert tf.name == "Lakeshore Task Force"


def test_the_coordinator_edits_a_region(tf, coordinator):
    north = factories.region(tf, "North", counties=["Ashland"])
    response = client_for(coordinator).post(
        f"/regions/{north.pk}/edit/", {"name": "North", "counties": "Ashland, Bayfield", "zip_codes": "54806"}
    )
    assert response.status_code == 302
    north.refresh_from_db()
    assert (north.counties, north.zip_codes) == (["Ashland", "Bayfield"], ["54806"])
