"""Investigations: the list, opening one, the case page with its Part 23 box, partners,
dissemination log and status, and the Part 23 review queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.investigations import (
    access_investigation,
    may_supervise,
    visible_investigations,
    visible_operations,
)
from ally.access.policy import grants_for
from ally.access.survivors import SEES_ALL_CLIENTS, today_in
from ally.core.errors import Conflict, InvalidInput
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.investigations import actions
from ally.investigations.forms import (
    ArrestForm,
    DisseminationForm,
    InvestigationEditForm,
    InvestigationForm,
    NoteForm,
    PartnerForm,
    ReasonForm,
    StatusForm,
)
from ally.investigations.models import (
    Investigation,
    InvestigationPartner,
    InvestigationStatus,
    InvestigationType,
)
from ally.investigations.views._common import (
    answer,
    in_task_force_zone,
    members_of,
    require_investigator,
)
from ally.prosecutions.feed import linked_victims
from ally.survivors import vocabularies
from ally.tenancy.models import Organization
from ally.tenancy.vocab import AgencyType, Discipline

DUE_WITHIN_DAYS = 30
PAGE_SIZE = 50


def review_flags(investigation: Investigation, today: dt.date) -> dict[str, bool]:
    overdue = investigation.review_by < today
    return {"overdue": overdue, "due": not overdue and investigation.review_by <= today + dt.timedelta(days=DUE_WITHIN_DAYS)}


@login_required
@in_task_force_zone
def investigation_list(request: AuthenticatedRequest) -> HttpResponse:
    require_investigator(request.user)
    status, kind = request.GET.get("status", ""), request.GET.get("type", "")
    cases = visible_investigations(request.user).select_related("organization", "lead_investigator")
    if status in InvestigationStatus.values:
        cases = cases.filter(status=status)
    else:
        status = ""
    if kind in InvestigationType.values:
        cases = cases.filter(trafficking_type=kind)
    else:
        kind = ""
    page = Paginator(cases.order_by("-opened_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    my_orgs = grants_for(request.user).organization_ids()
    return render(request, "investigations/investigation_list.html", {
        "page": page, "status": status, "type": kind, "my_orgs": my_orgs,
        "statuses": InvestigationStatus.choices, "types": InvestigationType.choices,
    })


@login_required
@in_task_force_zone
def investigation_create(request: AuthenticatedRequest) -> HttpResponse:
    orgs = require_investigator(request.user)
    organization = orgs.filter(pk=request.POST.get("organization") or request.GET.get("organization") or 0).first() or orgs[0]
    form = InvestigationForm(request.POST or None, members=members_of(organization.pk))
    opened: list[Investigation] = []
    if request.method == "POST" and form.is_valid():
        try:
            opened.append(actions.open_investigation(organization, acting_user=request.user, **form.cleaned_data))
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Investigation %(n)s opened.") % {"n": opened[0].number})
            return redirect("investigation_detail", opened[0].pk)
    return render(request, "investigations/investigation_form.html", {
        "form": form, "organization": organization, "organizations": orgs,
    })


def _partner_choices(investigation: Investigation) -> Any:
    current = InvestigationPartner.objects.filter(investigation=investigation, removed_at=None).values("organization_id")
    return Organization.objects.filter(task_force_id=investigation.task_force_id, is_active=True).filter(
        Q(discipline=Discipline.LAW_ENFORCEMENT) | Q(discipline=Discipline.GOVERNMENT_OTHER, agency_type=AgencyType.LABOR)
    ).exclude(pk=investigation.organization_id).exclude(pk__in=current).order_by("name")


def _task_force_agencies(investigation: Investigation) -> Any:
    return Organization.objects.filter(task_force_id=investigation.task_force_id, is_active=True).exclude(
        pk=investigation.organization_id).order_by("name")


def _grouped(identifiers: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for identifier in identifiers:
        groups.setdefault(identifier.get_kind_display(), []).append(identifier)
    return list(groups.items())


@login_required
@in_task_force_zone
def investigation_detail(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id)
    if investigation.is_purged:
        return render(request, "investigations/investigation_purged.html", {"investigation": investigation})
    supervisor = may_supervise(request.user, investigation)
    today = today_in(investigation.task_force_id)
    subjects = list(investigation.subjects.filter(removed_at=None))
    victims = list(investigation.victims.filter(removed_at=None))
    identifiers = investigation.identifiers.filter(removed_at=None).select_related("subject").order_by("kind", "pk")
    context: dict[str, Any] = {
        "investigation": investigation,
        "industry": vocabularies.label("trafficking_industry", investigation.industry) if investigation.industry else "",
        "supervisor": supervisor,
        **review_flags(investigation, today),
        "partners": investigation.partners.filter(removed_at=None).select_related("organization"),
        "tips": investigation.tips.all(),
        "subjects": subjects,
        "identifier_groups": _grouped(identifiers),
        "victims": victims,
        # A link counts while the client's share and consent are in force; else it has lapsed.
        "linked_victim_ids": {v.pk for v in linked_victims(victims)},
        "arrests": investigation.arrests.filter(removed_at=None).select_related("subject", "victim", "agency"),
        "disseminations": investigation.disseminations.select_related("to_organization", "by"),
        "operations": visible_operations(request.user).filter(investigation=investigation).order_by("-starts_at"),
        "status_form": StatusForm(initial={"status": investigation.status}, auto_id="status-%s"),
        "dissemination_form": DisseminationForm(organizations=_task_force_agencies(investigation), auto_id="release-%s"),
        "arrest_form": ArrestForm(subjects=subjects, victims=victims, agencies=Organization.objects.filter(
            task_force_id=investigation.task_force_id, is_active=True).order_by("name"), auto_id="arrest-%s"),
        "today": today,
    }
    if supervisor:
        context |= {
            "validate_form": NoteForm(auto_id="validate-%s"), "purge_form": ReasonForm(auto_id="purge-%s"),
            "partner_form": PartnerForm(organizations=_partner_choices(investigation), auto_id="partner-%s"),
        }
    return render(request, "investigations/investigation_detail.html", context)


@login_required
@in_task_force_zone
def investigation_edit(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    form = InvestigationEditForm(request.POST or None, members=members_of(investigation.organization_id), initial={
        "title": investigation.title, "trafficking_type": investigation.trafficking_type,
        "industry": investigation.industry, "lead_investigator": investigation.lead_investigator_id,
        "version": investigation.version,
    })

    def change(data: dict[str, Any]) -> None:
        data = dict(data)
        version = data.pop("version")
        actions.update_investigation(investigation, acting_user=request.user, version=version, **data)

    return saved(request, form, change, _("Investigation updated."), "investigation_detail", investigation.pk) or render(
        request, "investigations/investigation_edit.html", {"form": form, "investigation": investigation})


@login_required
@require_POST
def investigation_status(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    return answer(request, StatusForm(request.POST), lambda d: actions.set_status(
        investigation, d["status"], acting_user=request.user, reason=d["reason"], on=d["on"],
    ), _("Status changed."), "investigation_detail", investigation.pk)


def _back(request: AuthenticatedRequest, investigation: Investigation) -> tuple[str, int | None]:
    if request.POST.get("next") == "reviews":
        return "investigation_reviews", None
    return "investigation_detail", investigation.pk


@login_required
@require_POST
def investigation_validate(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, supervise=True)
    to, pk = _back(request, investigation)
    return answer(request, NoteForm(request.POST), lambda d: actions.validate_record(
        investigation, acting_user=request.user, note=d["note"],
    ), _("Record validated: next review in five years."), to, *([pk] if pk else []))


@login_required
@require_POST
def investigation_purge(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, supervise=True)
    to, pk = _back(request, investigation)
    return answer(request, ReasonForm(request.POST), lambda d: actions.purge_record(
        investigation, acting_user=request.user, reason=d["reason"],
    ), _("Intelligence purged."), to, *([pk] if pk else []))


@login_required
@require_POST
def investigation_partner_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, supervise=True)
    form = PartnerForm(request.POST, organizations=_partner_choices(investigation))
    return answer(request, form, lambda d: actions.add_partner(
        investigation, d["organization"], acting_user=request.user, reason=d["reason"],
    ), _("Partner agency added; the release is in the dissemination log."), "investigation_detail", investigation.pk)


@login_required
@require_POST
def investigation_partner_remove(request: AuthenticatedRequest, investigation_id: int, partner_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, supervise=True)
    partner = investigation.partners.filter(pk=partner_id).select_related("investigation").first()
    if partner is None:
        from ally.core.errors import NotVisible

        raise NotVisible()
    return answer(request, None, lambda d: actions.remove_partner(partner, acting_user=request.user),
                  _("Partner agency removed."), "investigation_detail", investigation.pk)


@login_required
@require_POST
def dissemination_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    form = DisseminationForm(request.POST, organizations=_task_force_agencies(investigation))
    return answer(request, form, lambda d: actions.record_dissemination(investigation, acting_user=request.user, **d),
                  _("Dissemination recorded."), "investigation_detail", investigation.pk)


@login_required
@in_task_force_zone
def investigation_reviews(request: AuthenticatedRequest) -> HttpResponse:
    """Part 23 review queue: records of my agencies due within 30 days or overdue. Supervisors see
    all of their agency's; the others only the cases they lead."""
    require_investigator(request.user)
    grants = grants_for(request.user)
    supervised = [org for org, role in grants.memberships.items() if role in SEES_ALL_CLIENTS]
    today = today_in(grants.task_force_id)
    due = visible_investigations(request.user).filter(
        organization_id__in=grants.organization_ids(), purged_at=None,
        review_by__lte=today + dt.timedelta(days=DUE_WITHIN_DAYS),
    ).filter(Q(organization_id__in=supervised) | Q(lead_investigator=request.user))
    rows = [
        {"investigation": i, "supervise": i.organization_id in supervised, **review_flags(i, today)}
        for i in due.select_related("organization", "lead_investigator").order_by("review_by", "pk")[:500]
    ]
    return render(request, "investigations/investigation_reviews.html", {
        "rows": rows, "validate_form": NoteForm(auto_id="validate-%s"), "purge_form": ReasonForm(auto_id="purge-%s"), "today": today,
    })
