"""Referrals for prosecution: the law-enforcement side refers, the office accepts or declines."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access.investigations import access_investigation
from ally.access.policy import grants_for, require_member
from ally.access.prosecutions import access_prosecution_referral, visible_prosecution_referrals
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.prosecutions import actions
from ally.prosecutions.forms import AcceptForm, DeclineForm, ReferForm, WithdrawForm
from ally.prosecutions.models import ProsecutionCase, ReferralStatus
from ally.prosecutions.views._common import form_page, office_members, offices_of


@login_required
def referral_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_member(request.user)
    show = request.GET.get("show", "pending")
    referrals = visible_prosecution_referrals(request.user).select_related(
        "investigation", "from_organization", "to_organization"
    )
    if show == "pending":
        referrals = referrals.filter(status=ReferralStatus.PENDING)
    return render(request, "prosecutions/referral_list.html", {
        "page": Paginator(referrals.order_by("-sent_at", "-pk"), 50).get_page(request.GET.get("page")),
        "show": show, "my_orgs": grants.organization_ids(),
    })


@login_required
def referral_detail(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_prosecution_referral(request.user, referral_id)
    grants = grants_for(request.user)
    investigation = referral.investigation
    pending = referral.status == ReferralStatus.PENDING
    is_office = referral.to_organization_id in grants.memberships
    # The office sees the case's people while it decides and once it took the case; after a
    # decline or a withdrawal the referral is history, and the investigation goes on without it.
    disclosed = not investigation.is_purged and (
        pending or referral.status == ReferralStatus.ACCEPTED or not is_office
    )
    context = {
        "referral": referral,
        "investigation": investigation,
        "subjects": list(investigation.subjects.filter(removed_at=None)) if disclosed else [],
        "victims": list(investigation.victims.filter(removed_at=None)) if disclosed else [],
        "case": ProsecutionCase.objects.filter(referral=referral).first(),
        "is_office": is_office,
        "is_sender": referral.from_organization_id in grants.memberships,
    }
    if pending and is_office:
        context |= {"accept_form": AcceptForm(members=office_members(referral.to_organization_id)),
                    "decline_form": DeclineForm()}
    if pending and context["is_sender"]:
        context["withdraw_form"] = WithdrawForm()
    return render(request, "prosecutions/referral_detail.html", context)


@login_required
def referral_accept(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_prosecution_referral(request.user, referral_id, decide=True)
    form = AcceptForm(request.POST or None, members=office_members(referral.to_organization_id))
    response = saved(
        request, form,
        lambda d: actions.accept_referral(referral, acting_user=request.user, **d),
        _("Accepted. The case is open and the referring agency has been told."), "prosecution_referral_detail", referral.pk,
    )
    return response or form_page(
        request, form, title=_("Accept the referral of investigation %(n)s") % {"n": referral.investigation.number},
        back=reverse("prosecution_referral_detail", args=[referral.pk]), submit=_("Accept and open the case"),
    )


@login_required
def referral_decline(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_prosecution_referral(request.user, referral_id, decide=True)
    form = DeclineForm(request.POST or None)
    response = saved(
        request, form,
        lambda d: actions.decline_referral(referral, acting_user=request.user, **d),
        _("Declined. The referring agency sees your reason."), "prosecution_referral_detail", referral.pk,
    )
    return response or form_page(
        request, form, title=_("Decline the referral of investigation %(n)s") % {"n": referral.investigation.number},
        back=reverse("prosecution_referral_detail", args=[referral.pk]), submit=_("Decline"),
    )


@login_required
def referral_withdraw(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = access_prosecution_referral(request.user, referral_id)
    if referral.from_organization_id not in grants_for(request.user).memberships:
        raise NotPermitted()
    form = WithdrawForm(request.POST or None)
    response = saved(
        request, form,
        lambda d: actions.withdraw_referral(referral, acting_user=request.user, **d),
        _("Referral withdrawn."), "prosecution_referral_detail", referral.pk,
    )
    return response or form_page(
        request, form, title=_("Withdraw the referral of investigation %(n)s") % {"n": referral.investigation.number},
        back=reverse("prosecution_referral_detail", args=[referral.pk]), submit=_("Withdraw"),
    )


@login_required
def refer(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    """The owning agency refers its investigation to a prosecutor's office."""
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    if investigation.organization_id not in grants_for(request.user).memberships:
        raise NotPermitted()
    form = ReferForm(request.POST or None, offices=offices_of(investigation.task_force_id))
    response = saved(
        request, form,
        lambda d: actions.refer_for_prosecution(investigation, d["to_organization"], acting_user=request.user,
                                                summary=d["summary"]),
        _("Referred. The office has been told; the release is in the dissemination log."),
        "prosecution_referral_list",
    )
    return response or form_page(
        request, form, title=_("Refer investigation %(n)s for prosecution") % {"n": investigation.number},
        back=f"/investigations/{investigation.pk}/", submit=_("Refer for prosecution"),
        lead=_("The office you choose sees the case record, its subjects and its victims."),
    )
