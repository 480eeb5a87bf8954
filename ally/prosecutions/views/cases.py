"""Prosecution cases: the list, opening one, the case page and the forms that change it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import grants_for, require_member
from ally.access.prosecutions import access_case, prosecuting_organization_ids, visible_cases
from ally.accounts.models import User
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.investigations.models import IdentifiedVictim, Subject
from ally.prosecutions import actions
from ally.prosecutions.forms import (
    CancelForm,
    CaseVictimForm,
    ChangeCourtEventForm,
    ChargeForm,
    CourtEventForm,
    DefendantForm,
    DispositionForm,
    OpenCaseForm,
    RemoveForm,
    UpdateCaseForm,
)
from ally.prosecutions.models import CaseVictim, Charge, CourtEvent, Defendant, ProsecutionCase
from ally.prosecutions.statutes import catalogue
from ally.prosecutions.templatetags.prosecutions import is_victim_witness_coordinator
from ally.prosecutions.views._common import form_page, office_members
from ally.tenancy.models import Membership, Organization


@login_required
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_member(request.user)
    cases = visible_cases(request.user).select_related("organization", "investigation", "prosecutor")
    show = request.GET.get("show", "open")
    if show == "open":
        cases = cases.exclude(status="closed")
    return render(request, "prosecutions/case_list.html", {
        "page": Paginator(cases.order_by("-opened_on", "-pk"), 50).get_page(request.GET.get("page")),
        "show": show, "may_open": bool(prosecuting_organization_ids(grants)),
    })


@login_required
def case_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_member(request.user)
    office_ids = prosecuting_organization_ids(grants)
    if not office_ids:
        raise NotPermitted()
    offices = Organization.objects.filter(pk__in=office_ids).order_by("name")
    members = User.objects.filter(
        memberships__organization_id__in=office_ids, memberships__is_active=True, is_active=True
    ).distinct().order_by("full_name")
    form = OpenCaseForm(request.POST or None, offices=offices, members=members)
    opened: dict[str, ProsecutionCase] = {}

    def change(d: dict[str, Any]) -> None:
        organization = d.pop("organization")
        opened["case"] = actions.open_case(organization, acting_user=request.user, **d)

    if saved(request, form, change, _("Case opened."), "prosecution_case_list") is not None:
        return redirect("prosecution_case_detail", opened["case"].pk)
    return form_page(request, form, title=_("Open a prosecution case"), back=reverse("prosecution_case_list"),
                     submit=_("Open the case"),
                     lead=_("For a case that did not come to your office as a referral. Referred investigations open a case when you accept them."))


@login_required
def case_detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    grants = grants_for(request.user)
    may_change = case.organization_id in grants.memberships
    charges = Charge.objects.select_related("statute").order_by("filed_on", "pk")
    defendants = list(case.defendants.prefetch_related(Prefetch("charges", queryset=charges)))
    team = list(Membership.objects.filter(organization_id=case.organization_id, is_active=True, user__is_active=True)
                .select_related("user").order_by("user__full_name"))
    return render(request, "prosecutions/case_detail.html", {
        "case": case,
        "may_change": may_change,
        "defendants": defendants,
        "events": list(case.court_events.all()),
        "victims": [link.victim for link in CaseVictim.objects.filter(case=case).select_related("victim")],
        "team": team,
        "viewer_is_vwc": is_victim_witness_coordinator(request.user, case.organization_id),
        "now": timezone.now(),
    })


def _case_form(request: AuthenticatedRequest, case: ProsecutionCase, form: Any, change: Any, *, done: str, title: str,
               submit: str, lead: str = "") -> HttpResponse:
    response = saved(request, form, change, done, "prosecution_case_detail", case.pk)
    return response or form_page(request, form, title=title, submit=submit, lead=lead,
                                 back=reverse("prosecution_case_detail", args=[case.pk]), extra={"case": case})


@login_required
def case_update(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    initial = {"version": case.version, "status": case.status, "court": case.court, "prosecutor": case.prosecutor,
               "closed_on": case.closed_on}
    form = UpdateCaseForm(request.POST or None, initial=initial, members=office_members(case.organization_id))
    return _case_form(request, case, form, lambda d: actions.update_case(case, acting_user=request.user, **d),
                      done=_("Case updated."), title=_("Update case %(n)s") % {"n": case.number}, submit=_("Save"))


@login_required
def defendant_create(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    subjects = Subject.objects.filter(investigation_id=case.investigation_id or 0, removed_at=None)
    form = DefendantForm(request.POST or None, subjects=subjects)
    return _case_form(request, case, form, lambda d: actions.add_defendant(case, acting_user=request.user, **d),
                      done=_("Defendant added."), title=_("Add a defendant to case %(n)s") % {"n": case.number},
                      submit=_("Add defendant"))


@login_required
def defendant_remove(request: AuthenticatedRequest, case_id: int, defendant_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    defendant = get_object_or_404(Defendant, pk=defendant_id, case=case, removed_at=None)
    form = RemoveForm(request.POST or None)
    return _case_form(request, case, form,
                      lambda d: actions.remove_defendant(defendant, acting_user=request.user, **d),
                      done=_("Defendant removed."), title=_("Remove a defendant from case %(n)s") % {"n": case.number},
                      submit=_("Remove"))


@login_required
def charge_create(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    statutes = catalogue(case.task_force).filter(is_active=True).order_by("jurisdiction", "state", "citation")
    defendants = Defendant.objects.filter(case=case, removed_at=None)
    form = ChargeForm(request.POST or None, defendants=defendants, statutes=statutes,
                      initial={"filed_on": timezone.localdate()})

    def change(d: dict[str, Any]) -> None:
        actions.file_charge(d.pop("defendant"), acting_user=request.user, **d)

    return _case_form(request, case, form, change, done=_("Charge filed."),
                      title=_("File a charge in case %(n)s") % {"n": case.number}, submit=_("File charge"))


@login_required
def charge_disposition(request: AuthenticatedRequest, case_id: int, charge_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    charge = get_object_or_404(Charge.objects.select_related("statute", "defendant"), pk=charge_id, defendant__case=case)
    form = DispositionForm(request.POST or None, initial={"on": timezone.localdate()})
    return _case_form(request, case, form,
                      lambda d: actions.record_disposition(charge, acting_user=request.user, **d),
                      done=_("Disposition recorded."),
                      title=_("Disposition of the charge under %(c)s") % {"c": charge.statute.citation},
                      submit=_("Record disposition"))


@login_required
def court_event_create(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    form = CourtEventForm(request.POST or None)
    return _case_form(request, case, form,
                      lambda d: actions.schedule_court_event(case, acting_user=request.user, **d),
                      done=_("Court event scheduled. Advocates of victims linked by consent have been told."),
                      title=_("Schedule a court event in case %(n)s") % {"n": case.number}, submit=_("Schedule"))


@login_required
def court_event_change(request: AuthenticatedRequest, case_id: int, event_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    event = get_object_or_404(CourtEvent, pk=event_id, case=case, cancelled_at=None)
    initial = {"starts_at": timezone.localtime(event.starts_at), "place": event.place, "note": event.note,
               "victim_testimony_expected": event.victim_testimony_expected}
    form = ChangeCourtEventForm(request.POST or None, initial=initial)
    return _case_form(request, case, form,
                      lambda d: actions.change_court_event(event, acting_user=request.user, **d),
                      done=_("Court event changed."), title=_("Change the %(k)s") % {"k": event.get_kind_display().lower()},
                      submit=_("Save"))


@login_required
def court_event_cancel(request: AuthenticatedRequest, case_id: int, event_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    event = get_object_or_404(CourtEvent, pk=event_id, case=case, cancelled_at=None)
    form = CancelForm(request.POST or None)
    return _case_form(request, case, form,
                      lambda d: actions.cancel_court_event(event, acting_user=request.user, **d),
                      done=_("Court event cancelled."), title=_("Cancel the %(k)s") % {"k": event.get_kind_display().lower()},
                      submit=_("Cancel the court event"))


@login_required
def case_victim_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_change=True)
    victims = IdentifiedVictim.objects.filter(investigation_id=case.investigation_id or 0, removed_at=None).exclude(
        case_links__case=case
    )
    form = CaseVictimForm(request.POST or None, victims=victims)
    return _case_form(request, case, form,
                      lambda d: actions.add_case_victim(case, d["victim"], acting_user=request.user),
                      done=_("Victim added to the case."), title=_("Add a victim to case %(n)s") % {"n": case.number},
                      submit=_("Add victim"))
