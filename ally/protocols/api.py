"""The protocols and agreements API: the same access rules and actions as the pages.

Uploading an agreement's signed document is done on its page only (multipart upload with the
PDF check); the API lists the documents and downloads them with the page's access rule."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from ally.access.governance import require_colleague, require_leadership
from ally.access.protocols import (
    access_agreement,
    access_agreement_document,
    access_protocol,
    access_protocol_version,
    downloads_documents,
    visible_agreements,
    visible_protocols,
)
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, all_named, one_named, paginated
from ally.core.errors import InvalidInput, NotVisible
from ally.protocols import actions, diff, starters
from ally.protocols.actions.agreements import download
from ally.protocols.models import Agreement, Protocol, current_on
from ally.protocols.queries import (
    Bound,
    acknowledge_options,
    expiring_agreements,
    organizations_without_agreement,
    status_of,
    statuses,
    to_acknowledge,
    with_requirements,
)
from ally.protocols.queries import (
    Status as AckStatus,
)
from ally.tenancy.models import Organization, TaskForce

router = Router(tags=["protocols"])


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class VersionOut(Schema):
    id: int
    number: int
    effective_on: dt.date
    published_at: dt.datetime
    summary: str


class ProtocolOut(Schema):
    id: int
    topic: str
    title: str
    current_version: VersionOut | None
    acknowledged: int
    outstanding: int


class BoundOut(Schema):
    """Someone a protocol binds: an organization (``organization_id``) or a person through a
    task-force role (``user_id``), with a label to show."""

    kind: Literal["organization", "person"]
    organization_id: int | None
    user_id: int | None
    label: str


class AcknowledgementOut(Schema):
    id: int
    version_id: int
    version_number: int
    organization_id: int | None
    acknowledged_by: int
    acknowledged_by_name: str
    acknowledged_at: dt.datetime


class AcknowledgedOut(Schema):
    bound: BoundOut
    acknowledgement: AcknowledgementOut


class ProtocolDetailOut(ProtocolOut):
    body: str | None
    template_id: str
    template_version: int | None
    required_organization_ids: list[int]
    required_disciplines: list[str]
    required_roles: list[str]
    acknowledged_by: list[AcknowledgedOut]
    not_acknowledged_by: list[BoundOut]
    you_may_acknowledge_as: list[BoundOut]
    versions: list[VersionOut]


class ProtocolIn(StrictIn):
    """A new protocol and its first version. With ``template_id`` the title, topic and text
    default to the starter template's."""

    topic: str | None = None
    title: str | None = None
    body: str | None = None
    summary: str = ""
    effective_on: dt.date
    template_id: str | None = None
    organization_ids: list[int] = Field(default_factory=list)
    disciplines: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)


class PublishIn(StrictIn):
    """A new version. ``based_on``: the version number you edited (409 if another was published
    since). Requirements, when given, replace who must acknowledge."""

    body: str
    summary: str
    effective_on: dt.date
    based_on: int | None = None
    organization_ids: list[int] | None = None
    disciplines: list[str] | None = None
    roles: list[str] | None = None


class AcknowledgeIn(StrictIn):
    """Acknowledge ``version_id`` on behalf of ``organization_id`` (its supervisor or
    administrator) or, with no organization, personally for a task-force role."""

    version_id: int
    organization_id: int | None = None


class SegmentOut(Schema):
    op: Literal["same", "added", "removed"]
    text: str


class RowOut(Schema):
    kind: Literal["same", "added", "removed", "changed"]
    segments: list[SegmentOut]


class DiffOut(Schema):
    from_number: int
    to_number: int
    counts: dict[str, int]
    rows: list[RowOut]
    html: str


class TemplateOut(Schema):
    id: str
    version: int
    topic: str
    title: str
    body: str


class ToAcknowledgeOut(Schema):
    protocol_id: int
    title: str
    version: VersionOut


def _version(v: Any) -> dict[str, Any] | None:
    if v is None:
        return None
    return {"id": v.pk, "number": v.number, "effective_on": v.effective_on, "published_at": v.published_at, "summary": v.summary}


def _bound(b: Bound) -> dict[str, Any]:
    return {
        "kind": "organization" if b.organization is not None else "person",
        "organization_id": b.organization.pk if b.organization is not None else None,
        "user_id": b.user.pk if b.user is not None else None,
        "label": b.label,
    }


def _ack(a: Any, number: int) -> dict[str, Any]:
    return {
        "id": a.pk, "version_id": a.version_id, "version_number": number, "organization_id": a.organization_id,
        "acknowledged_by": a.user_id, "acknowledged_by_name": a.user.full_name, "acknowledged_at": a.acknowledged_at,
    }


def _summary(protocol: Protocol, status: AckStatus) -> dict[str, Any]:
    return {
        "id": protocol.pk, "topic": protocol.topic, "title": protocol.title,
        "current_version": _version(status.version),
        "acknowledged": len(status.acknowledged), "outstanding": len(status.outstanding),
    }


def _detail(user: User, protocol_id: int) -> dict[str, Any]:
    protocol = access_protocol(user, protocol_id)
    status = status_of(protocol)
    number = status.version.number if status.version else 0
    return {
        **_summary(protocol, status),
        "body": status.version.body if status.version else None,
        "template_id": protocol.template_id, "template_version": protocol.template_version,
        "required_organization_ids": sorted(o.pk for o in protocol.required_organizations.all()),
        "required_disciplines": protocol.required_disciplines, "required_roles": protocol.required_roles,
        "acknowledged_by": [{"bound": _bound(b), "acknowledgement": _ack(a, number)} for b, a in status.acknowledged],
        "not_acknowledged_by": [_bound(b) for b in status.outstanding],
        "you_may_acknowledge_as": [_bound(b) for b in acknowledge_options(user, [status]).get(protocol.pk, [])],
        "versions": [_version(v) for v in protocol.versions.order_by("-number")],
    }


def _organizations(user: User, ids: list[int]) -> list[Organization]:
    return all_named(
        Organization.objects.filter(task_force_id=user.active_task_force_id, is_active=True), ids,
        "Name active organizations of this task force.",
    )


@router.get("/protocols", response={200: list[ProtocolOut], **E403, **E404})
@paginated
def list_protocols(request: HttpRequest) -> list[dict[str, Any]]:
    """The task force's protocols with their current version and how many have acknowledged it
    (colleagues; funders and auditors 403)."""
    user = acting_user(request)
    require_colleague(user)
    protocols = list(with_requirements(visible_protocols(user)).order_by("topic", "title", "pk"))
    found = statuses(protocols)
    return [_summary(p, found[p.pk]) for p in protocols]


@router.get("/protocols-to-acknowledge", response={200: list[ToAcknowledgeOut], **E403, **E404})
def list_to_acknowledge(request: HttpRequest) -> list[dict[str, Any]]:
    """What you should acknowledge now: for your organization (as its supervisor or
    administrator) or personally (for a task-force role)."""
    user = acting_user(request)
    require_colleague(user)
    return [{"protocol_id": v.protocol_id, "title": v.protocol.title, "version": _version(v)} for v in to_acknowledge(user)]


@router.get("/protocol-templates", response={200: list[TemplateOut], **E403, **E404})
def list_templates(request: HttpRequest) -> list[dict[str, Any]]:
    """The starter templates shipped with Ally, one per IACP protocol topic."""
    require_colleague(acting_user(request))
    return [{"id": s.id, "version": s.version, "topic": s.topic, "title": s.title, "body": s.body} for s in starters.starters()]


@router.post("/protocols", response={201: ProtocolDetailOut, **CHANGE})
def create_protocol(request: HttpRequest, payload: ProtocolIn) -> Status[dict[str, Any]]:
    """Create a protocol and publish its first version (the coordinator and co-leads)."""
    user = acting_user(request)
    grants = require_leadership(user)
    template_id, template_version = "", None
    topic, title, body = payload.topic, payload.title, payload.body
    if payload.template_id:
        try:
            starter = starters.starter(payload.template_id)
        except LookupError:
            raise InvalidInput("There is no starter template with that id.") from None
        template_id, template_version = starter.id, starter.version
        topic, title, body = topic or starter.topic, title or starter.title, body or starter.body
    protocol = actions.create_protocol(
        TaskForce.objects.get(pk=grants.task_force_id or 0), acting_user=user,
        topic=topic or "", title=title or "", body=body or "", summary=payload.summary,
        effective_on=payload.effective_on, required_organizations=_organizations(user, payload.organization_ids),
        required_disciplines=payload.disciplines, required_roles=payload.roles,
        template_id=template_id, template_version=template_version,
    )
    return Status(201, _detail(user, protocol.pk))


@router.get("/protocols/{protocol_id}", response={200: ProtocolDetailOut, **E403, **E404})
def get_protocol(request: HttpRequest, protocol_id: int) -> dict[str, Any]:
    """A protocol: the current version's text, who has acknowledged it and who has not, and
    its versions."""
    return _detail(acting_user(request), protocol_id)


@router.post("/protocols/{protocol_id}/versions", response={201: ProtocolDetailOut, **CHANGE, **E409})
def publish_version(request: HttpRequest, protocol_id: int, payload: PublishIn) -> Status[dict[str, Any]]:
    """Publish a new version: it becomes current and acknowledgements start again."""
    user = acting_user(request)
    protocol = access_protocol(user, protocol_id, for_change=True)
    actions.publish_version(
        protocol, acting_user=user, body=payload.body, summary=payload.summary, effective_on=payload.effective_on,
        based_on=payload.based_on,
        required_organizations=None if payload.organization_ids is None else _organizations(user, payload.organization_ids),
        required_disciplines=payload.disciplines, required_roles=payload.roles,
    )
    return Status(201, _detail(user, protocol.pk))


@router.post("/protocols/{protocol_id}/acknowledgements", response={201: AcknowledgementOut, **CHANGE, **E409})
def acknowledge(request: HttpRequest, protocol_id: int, payload: AcknowledgeIn) -> Status[dict[str, Any]]:
    """Acknowledge the current version (a superseded version: 409, nothing recorded)."""
    user = acting_user(request)
    protocol = access_protocol(user, protocol_id)
    version = access_protocol_version(user, payload.version_id)
    if version.protocol_id != protocol.pk:
        raise NotVisible()
    organization = None
    if payload.organization_id is not None:
        organization = one_named(
            Organization.objects.filter(task_force_id=protocol.task_force_id), payload.organization_id,
            "Name an organization of this task force.",
        )
    ack = actions.acknowledge_protocol(version, acting_user=user, organization=organization)
    return Status(201, _ack(ack, version.number))


@router.get("/protocols/{protocol_id}/diff", response={200: DiffOut, **E403, **E404})
def compare_versions(request: HttpRequest, protocol_id: int, from_number: int, to_number: int) -> dict[str, Any]:
    """What changed between two versions, line by line and word by word (``html``: the same
    with <ins>/<del> and text markers)."""
    protocol = access_protocol(acting_user(request), protocol_id)
    versions = {v.number: v for v in protocol.versions.filter(number__in=[from_number, to_number])}
    if from_number not in versions or to_number not in versions:
        raise NotVisible()
    rows = diff.compare(versions[from_number].body, versions[to_number].body)
    return {
        "from_number": from_number, "to_number": to_number, "counts": diff.counts(rows),
        "rows": [{"kind": r.kind, "segments": [{"op": s.op, "text": s.text} for s in r.segments]} for r in rows],
        "html": str(diff.render(rows)),
    }


# --- agreements ---------------------------------------------------------------------------


class DocumentOut(Schema):
    id: int
    title: str
    size: int
    uploaded_at: dt.datetime


class TermOut(Schema):
    number: int
    signed_on: dt.date
    effective_on: dt.date
    expires_on: dt.date | None


class AgreementOut(Schema):
    id: int
    title: str
    kind: str
    party_ids: list[int]
    task_force_is_party: bool
    signed_on: dt.date
    effective_on: dt.date
    expires_on: dt.date | None
    ended_on: dt.date | None
    status: str


class AgreementDetailOut(AgreementOut):
    notes: str
    terms: list[TermOut]
    documents: list[DocumentOut]
    you_may_download: bool


class AgreementIn(StrictIn):
    title: str
    kind: str
    party_ids: list[int]
    task_force_is_party: bool = False
    signed_on: dt.date
    effective_on: dt.date
    expires_on: dt.date | None = None
    notes: str = ""


class RenewIn(StrictIn):
    signed_on: dt.date
    effective_on: dt.date
    expires_on: dt.date | None = None


class EndIn(StrictIn):
    ended_on: dt.date


class OrganizationBriefOut(Schema):
    id: int
    name: str
    discipline: str


def _agreement(agreement: Agreement, today: dt.date) -> dict[str, Any]:
    return {
        "id": agreement.pk, "title": agreement.title, "kind": agreement.kind,
        "party_ids": sorted(o.pk for o in agreement.parties.all()), "task_force_is_party": agreement.task_force_is_party,
        "signed_on": agreement.signed_on, "effective_on": agreement.effective_on, "expires_on": agreement.expires_on,
        "ended_on": agreement.ended_on, "status": agreement.status_on(today),
    }


def _agreement_detail(user: User, agreement_id: int) -> dict[str, Any]:
    agreement = access_agreement(user, agreement_id)
    today = today_in(agreement.task_force_id)
    return {
        **_agreement(agreement, today), "notes": agreement.notes,
        "terms": list(agreement.terms.order_by("number").values("number", "signed_on", "effective_on", "expires_on")),
        "documents": list(agreement.documents.values("id", "title", "size", "uploaded_at")),
        "you_may_download": downloads_documents(user, agreement),
    }


@router.get("/agreements", response={200: list[AgreementOut], **E403, **E404})
@paginated
def list_agreements(request: HttpRequest, status: str = "all") -> list[dict[str, Any]]:
    """The task force's agreements (``current``: in effect today; ``expiring``: in effect and
    expiring within 90 days)."""
    if status not in ("all", "current", "expiring"):
        raise InvalidInput("status is all, current or expiring.")
    user = acting_user(request)
    grants = require_colleague(user)
    today = today_in(grants.task_force_id)
    agreements = visible_agreements(user).prefetch_related(Prefetch("parties", queryset=Organization.objects.only("pk")))
    if status == "current":
        agreements = agreements.filter(current_on(today))
    elif status == "expiring":
        ids = [a.pk for a in expiring_agreements(TaskForce(pk=grants.task_force_id), today)]
        agreements = agreements.filter(pk__in=ids)
    return [_agreement(a, today) for a in agreements.order_by("expires_on", "title", "pk")]


@router.get("/organizations-without-agreement", response={200: list[OrganizationBriefOut], **E403, **E404})
def list_without_agreement(request: HttpRequest) -> list[dict[str, Any]]:
    """Active member organizations not party to any agreement in effect today."""
    grants = require_colleague(acting_user(request))
    found = organizations_without_agreement(TaskForce(pk=grants.task_force_id), today_in(grants.task_force_id))
    return [{"id": o.pk, "name": o.name, "discipline": o.discipline} for o in found]


@router.post("/agreements", response={201: AgreementDetailOut, **CHANGE})
def record_agreement(request: HttpRequest, payload: AgreementIn) -> Status[dict[str, Any]]:
    """Record a signed agreement (the coordinator and co-leads). It must expire after it was
    signed (400 otherwise, nothing recorded)."""
    user = acting_user(request)
    grants = require_leadership(user)
    parties = all_named(
        Organization.objects.filter(task_force_id=grants.task_force_id), payload.party_ids,
        "Name organizations of this task force as parties.",
    )
    values = payload.dict(exclude={"party_ids"})
    agreement = actions.record_agreement(
        TaskForce.objects.get(pk=grants.task_force_id or 0), acting_user=user, parties=parties, **values
    )
    return Status(201, _agreement_detail(user, agreement.pk))


@router.get("/agreements/{agreement_id}", response={200: AgreementDetailOut, **E403, **E404})
def get_agreement(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    return _agreement_detail(acting_user(request), agreement_id)


@router.post("/agreements/{agreement_id}/renew", response={200: AgreementDetailOut, **CHANGE, **E409})
def renew_agreement(request: HttpRequest, agreement_id: int, payload: RenewIn) -> dict[str, Any]:
    """Renew with new dates; the earlier terms are kept."""
    user = acting_user(request)
    agreement = access_agreement(user, agreement_id, for_change=True)
    actions.renew_agreement(agreement, acting_user=user, **payload.dict())
    return _agreement_detail(user, agreement.pk)


@router.post("/agreements/{agreement_id}/end", response={200: AgreementDetailOut, **CHANGE, **E409})
def end_agreement(request: HttpRequest, agreement_id: int, payload: EndIn) -> dict[str, Any]:
    """End an agreement early."""
    user = acting_user(request)
    agreement = access_agreement(user, agreement_id, for_change=True)
    actions.end_agreement(agreement, acting_user=user, ended_on=payload.ended_on)
    return _agreement_detail(user, agreement.pk)


@router.get("/agreement-documents/{document_id}", response={200: None, **E403, **E404})
def download_document(request: HttpRequest, document_id: int) -> FileResponse:
    """A signed document (PDF, as an attachment): leadership and members of the parties; other
    colleagues 403."""
    return download(access_agreement_document(acting_user(request), document_id))

