"""The privacy world's records for ally.protocols: built after the core world, with their sentinels.

- A protocol on information sharing binding the VSP (by name), the city police (by name) and the
  navigator role, in two versions; the VSP (through its administrator) acknowledged version 2.
  Its text is read by every colleague (SENTINEL-PROTOCOL-TEXT).
- An MOU between the VSP and the city police, with notes every colleague reads
  (SENTINEL-AGREEMENT-NOTES) and a signed PDF (SENTINEL-AGREEMENT-PDF) downloaded only by the
  members of the two parties and by leadership (the coordinator and the co-leads).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World

COLLEAGUES = frozenset({
    "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local",
    "prosecutor_da", "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor",
    "vsp_admin", "police_admin", "navigator", "survivor_leader", "labor_inspector",
})
LEADERSHIP = frozenset({"coordinator", "co_lead_le", "co_lead_vs"})
VSP_MEMBERS = frozenset({"co_lead_vs", "advocate", "vsp_supervisor", "vsp_admin"})
POLICE_MEMBERS = frozenset({"investigator_local", "police_admin"})
DOCUMENT_READERS = LEADERSHIP | VSP_MEMBERS | POLICE_MEMBERS

PDF = b"%PDF-1.4\n% SENTINEL-AGREEMENT-PDF signed by both parties\n%%EOF\n"


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ally.access.survivors import today_in
    from ally.protocols import actions

    tf, orgs, users = world.tf, world.orgs, world.users
    today = today_in(tf.pk)
    protocol = actions.create_protocol(
        tf, acting_user=None, topic="information_sharing", title="Information sharing among partners",
        body="# Purpose\nSENTINEL-PROTOCOL-TEXT share the least.\n\n## Steps\n1. Ask consent.\n2. Record it.\n",
        effective_on=today - timedelta(days=60), required_organizations=[orgs["vsp"], orgs["police"]],
        required_roles=["navigator"],
    )
    version = actions.publish_version(
        protocol, acting_user=None, body="# Purpose\nSENTINEL-PROTOCOL-TEXT share the least that does the job.\n\n"
        "## Steps\n1. Ask consent in the survivor's language.\n2. Record it.\n",
        summary="Consent in the survivor's language.", effective_on=today,
    )
    users["vsp_admin"].refresh_from_db()
    actions.acknowledge_protocol(version, acting_user=users["vsp_admin"], organization=orgs["vsp"])
    protocol.refresh_from_db()
    agreement = actions.record_agreement(
        tf, acting_user=None, title="Referral MOU", kind="mou", parties=[orgs["vsp"], orgs["police"]],
        signed_on=today - timedelta(days=300), effective_on=today - timedelta(days=300),
        expires_on=today + timedelta(days=65), notes="SENTINEL-AGREEMENT-NOTES renew in spring",
    )
    document = actions.add_agreement_document(
        agreement, SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf"), acting_user=None,
        title="Signed MOU",
    )
    world.records.update(protocol=protocol, protocol_version=version, agreement=agreement, agreement_document=document)
    world.sentinels.update({
        "SENTINEL-PROTOCOL-TEXT": "the text of a task-force protocol (colleagues only)",
        "SENTINEL-AGREEMENT-NOTES": "the notes on an agreement (colleagues only)",
        "SENTINEL-AGREEMENT-PDF": "an agreement's signed document (its parties and leadership)",
    })


def allowed(world: World, persona: str) -> set[str]:
    """The sentinels of this part that `persona` may receive anywhere."""
    found: set[str] = set()
    if persona in COLLEAGUES:
        found |= {"SENTINEL-PROTOCOL-TEXT", "SENTINEL-AGREEMENT-NOTES"}
    if persona in DOCUMENT_READERS:
        found.add("SENTINEL-AGREEMENT-PDF")
    return found
