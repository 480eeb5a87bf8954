"""Protocol pages: the list, a protocol with who has acknowledged it, versions, the comparison
of two versions, starting from a template, publishing and acknowledging."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.governance import require_colleague, require_leadership
from ally.access.protocols import access_protocol, access_protocol_version, visible_protocols
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.protocols import actions, diff, starters
from ally.protocols.forms import AcknowledgeForm, ProtocolForm, PublishForm
from ally.protocols.models import Protocol, ProtocolTopic, ProtocolVersion
from ally.protocols.queries import (
    Bound,
    acknowledge_options,
    status_of,
    statuses,
    with_requirements,
)
from ally.tenancy.models import Organization, TaskForce

PAGE_SIZE = 50


def _organizations(task_force_id: int | None) -> Any:
    return Organization.objects.filter(task_force_id=task_force_id, is_active=True).order_by("name")


@login_required
def protocol_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    page = Paginator(with_requirements(visible_protocols(request.user)).order_by("topic", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    found = statuses(page.object_list)
    options = acknowledge_options(request.user, found.values())
    rows = [(p, found[p.pk], options.get(p.pk, [])) for p in page.object_list]
    return render(request, "protocols/protocol_list.html", {
        "page": page, "rows": rows, "mine": [r for r in rows if r[2]],
        "leads": grants.is_coordinator or grants.is_co_lead,
    })


@login_required
def protocol_templates(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    labels = dict(ProtocolTopic.choices)
    return render(request, "protocols/templates.html", {
        "starters": [(s, labels.get(s.topic, s.topic)) for s in starters.starters()],
        "leads": grants.is_coordinator or grants.is_co_lead,
    })


@login_required
def protocol_template(request: AuthenticatedRequest, template_id: str) -> HttpResponse:
    grants = require_colleague(request.user)
    try:
        starter = starters.starter(template_id)
    except LookupError:
        raise NotVisible() from None
    return render(request, "protocols/template_detail.html", {
        "starter": starter, "topic": dict(ProtocolTopic.choices).get(starter.topic, starter.topic),
        "leads": grants.is_coordinator or grants.is_co_lead,
    })


@login_required
def protocol_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_leadership(request.user)
    template_id = request.POST.get("template") or request.GET.get("template") or ""
    starter = None
    if template_id:
        try:
            starter = starters.starter(template_id)
        except LookupError:
            raise NotVisible() from None
    initial: dict[str, Any] = {"effective_on": today_in(grants.task_force_id), "template": template_id}
    if starter is not None:
        initial.update(topic=starter.topic, title=starter.title, body=starter.body)
    form = ProtocolForm(request.POST or None, initial=initial)
    form.set_organizations(_organizations(grants.task_force_id))

    created: list[Protocol] = []

    def create(data: dict[str, Any]) -> None:
        task_force = TaskForce.objects.get(pk=grants.task_force_id or 0)
        created.append(actions.create_protocol(
            task_force, acting_user=request.user, **form.values(),
            template_id=starter.id if starter else "", template_version=starter.version if starter else None,
        ))

    if saved(request, form, create, _("Protocol published."), "protocol_list"):
        return redirect("protocol_detail", created[0].pk)
    return render(request, "protocols/protocol_form.html", {"form": form, "starter": starter})


def _ack_choices(options: list[Bound]) -> list[tuple[str, str]]:
    choices = []
    for bound in options:
        if bound.organization is not None:
            choices.append((f"org:{bound.organization.pk}", _("On behalf of %(name)s") % {"name": bound.organization.name}))
        else:
            choices.append(("self", _("Personally (%(label)s)") % {"label": bound.label}))
    return choices


@login_required
def protocol_detail(request: AuthenticatedRequest, protocol_id: int) -> HttpResponse:
    protocol = access_protocol(request.user, protocol_id)
    grants = require_colleague(request.user)
    status = status_of(protocol)
    options = acknowledge_options(request.user, [status]).get(protocol.pk, [])
    form = None
    if options and status.version is not None:
        form = AcknowledgeForm(initial={"version": status.version.pk}, options=_ack_choices(options))
    versions = list(protocol.versions.select_related("published_by").order_by("-number"))
    return render(request, "protocols/protocol_detail.html", {
        "protocol": protocol, "status": status, "version": status.version, "form": form,
        "versions": versions, "leads": grants.is_coordinator or grants.is_co_lead,
        "organizations_outstanding": [b for b in status.outstanding if b.is_organization],
        "people_outstanding": [b for b in status.outstanding if not b.is_organization],
    })


@login_required
@require_POST
def protocol_acknowledge(request: AuthenticatedRequest, protocol_id: int) -> HttpResponse:
    """Acknowledge the version named in the form (a stale form names a superseded version: refused)."""
    protocol = access_protocol(request.user, protocol_id)
    version = access_protocol_version(request.user, _number(request.POST.get("version"), 0))
    if version.protocol_id != protocol.pk:
        raise NotVisible()
    chosen = request.POST.get("acknowledge_as", "")
    organization = None
    if chosen.startswith("org:"):
        organization = Organization.objects.filter(
            pk=_number(chosen[4:], 0), task_force_id=protocol.task_force_id
        ).first()
        if organization is None:
            raise NotPermitted()
    elif chosen != "self":
        messages.error(request, _("Choose whom you acknowledge the protocol for."))
        return redirect("protocol_detail", protocol.pk)
    try:
        actions.acknowledge_protocol(version, acting_user=request.user, organization=organization)
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Acknowledged version %(n)d.") % {"n": version.number})
    return redirect("protocol_detail", protocol.pk)


@login_required
def protocol_publish(request: AuthenticatedRequest, protocol_id: int) -> HttpResponse:
    protocol = access_protocol(request.user, protocol_id, for_change=True)
    current = protocol.current_version
    initial = {
        "body": current.body if current else "", "based_on": current.number if current else 0,
        "effective_on": today_in(protocol.task_force_id),
        "required_organizations": list(protocol.required_organizations.all()),
        "required_disciplines": protocol.required_disciplines, "required_roles": protocol.required_roles,
    }
    form = PublishForm(request.POST or None, initial=initial)
    form.set_organizations(_organizations(protocol.task_force_id))
    done = saved(
        request, form, lambda data: actions.publish_version(protocol, acting_user=request.user, **form.values()),
        _("New version published. Everyone it binds is asked to acknowledge it."), "protocol_detail", protocol.pk,
    )
    return done or render(request, "protocols/publish_form.html", {"form": form, "protocol": protocol, "current": current})


@login_required
def protocol_version(request: AuthenticatedRequest, protocol_id: int, number: int) -> HttpResponse:
    protocol = access_protocol(request.user, protocol_id)
    version = protocol.versions.select_related("published_by").filter(number=number).first()
    if version is None:
        raise NotVisible()
    status = status_of(protocol, version)
    return render(request, "protocols/version_detail.html", {"protocol": protocol, "version": version, "status": status})


def _number(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def protocol_diff(request: AuthenticatedRequest, protocol_id: int) -> HttpResponse:
    protocol = access_protocol(request.user, protocol_id)
    versions = {v.number: v for v in protocol.versions.all()}
    newest = max(versions) if versions else 0
    to_n = _number(request.GET.get("to"), newest)
    from_n = _number(request.GET.get("from"), to_n - 1)
    old: ProtocolVersion | None = versions.get(from_n)
    new: ProtocolVersion | None = versions.get(to_n)
    rows = diff.compare(old.body, new.body) if old and new else []
    return render(request, "protocols/diff.html", {
        "protocol": protocol, "versions": sorted(versions.values(), key=lambda v: v.number),
        "old": old, "new": new, "html": diff.render(rows) if rows else "", "counts": diff.counts(rows),
        "from_n": from_n, "to_n": to_n,
    })
